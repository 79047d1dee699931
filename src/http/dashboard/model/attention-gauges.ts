import type { Service } from '../../../runtime/service.js';
import { attentionAll } from './attention.js';

/**
 * Adds the shipment-side attention kinds to the `mlc_attention` gauge (the service sets held, conflict and
 * failed orders itself): voided labels, write-backs refused or queued, shipment conflicts. The same items
 * as the Attention page, so a scrape and the page agree.
 */
export function addAttentionGauges(service: Service): void {
  service.metrics.onCollect(async () => {
    const items = await attentionAll(service.app, service.started);
    for (const c of await service.app.store.connections.list()) {
      for (const kind of ['voided_label', 'write_back_refused', 'shipment_conflict'] as const) {
        const n = items.filter((i) => i.connection === c.name && i.kind === kind).length;
        service.metrics.attention.set({ connection: c.name, kind }, n);
      }
    }
  });
}
