import type { App } from '../app.js';
import type { Connection } from '../domain/connection.js';
import type { Metrics } from '../observability/metrics.js';
import type { Connector } from './connector.js';

/** At each scrape: what needs a person, queue depths, last success and staleness per flow, rate budgets. */
export async function refreshGauges(
  app: App,
  metrics: Metrics,
  connections: readonly Connection[],
  connector: Connector,
  started: number,
): Promise<void> {
  const store = app.store;
  for (const connection of connections) {
    const name = connection.name;
    const states = await store.records.countByState(connection.id);
    for (const kind of ['held', 'conflict', 'failed'] as const)
      metrics.attention.set({ connection: name, kind }, states[kind] ?? 0);
    metrics.queueDepth.set({ connection: name, queue: 'held_orders' }, states['held'] ?? 0);
    metrics.queueDepth.set({ connection: name, queue: 'failed_orders' }, states['failed'] ?? 0);
    const inbox = await store.inbox.counts(connection.id);
    metrics.queueDepth.set({ connection: name, queue: 'webhook_inbox' }, inbox['pending'] ?? 0);
    const stale = app.config.STALE_AFTER_MINUTES * 60_000;
    for (const f of await store.flows.list(connection.id)) {
      const last = f.lastSuccessAt ? Date.parse(f.lastSuccessAt) : null;
      if (last) metrics.lastSuccess.set({ connection: name, flow: f.flow }, last / 1000);
      const since = last ?? started;
      metrics.stale.set({ connection: name, flow: f.flow }, !f.paused && app.clock.now() - since > stale ? 1 : 0);
    }
  }
  for (const b of connector.budgets.all()) {
    const st = b.budget.state();
    const labels = { account: b.label, api: b.api };
    metrics.rateRemaining.set(labels, st.remaining ?? -1);
    metrics.rateLimit.set(labels, st.limit);
    metrics.rateLimited.set(labels, st.rateLimited);
  }
}
