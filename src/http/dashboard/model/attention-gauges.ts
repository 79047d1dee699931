import type { App } from '../../../app.js';
import type { DashboardBackend } from '../dashboard-backend.js';
import { attentionAll } from './attention.js';

/**
 * Adds the shipment-side attention kinds to the `mlc_attention` gauge (the service sets held, conflict and
 * failed orders itself): voided labels, write-backs refused or queued, shipment conflicts. The same items
 * as the Attention page, so a scrape and the page agree.
 */
export function addAttentionGauges(app: App, service: DashboardBackend): void {
  service.metrics.onCollect(async () => {
    const items = await attentionAll(app, service.started);
    for (const c of await app.store.connections.list()) {
      for (const kind of ['voided_label', 'write_back_refused', 'shipment_conflict'] as const) {
        const n = items.filter((i) => i.connection === c.name && i.kind === kind).length;
        service.metrics.attention.set({ connection: c.name, kind }, n);
      }
    }
  });
}
