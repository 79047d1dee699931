import type { App } from '../../../app.js';
import type { Connection } from '../../../domain/connection.js';
import type { MappingKind, MappingTarget } from '../../../domain/mappings.js';
import type { DashboardBackend } from '../dashboard-backend.js';

export interface MappingChange {
  kind: MappingKind;
  sageValue: string;
  target: MappingTarget | 'skip';
}

/** How long a mapping change waits for an orders pass in flight before storing itself again. */
const WAIT_FOR_PASS_MS = 15_000;

/**
 * Stores a person's mapping decisions (held orders waiting for them become due: MappingsRepo.set), then
 * starts the orders flow so they go now.
 *
 * An orders pass reads the mapping table when it starts, so a pass already running when the change is
 * stored re-holds the orders it reads with the old table, due again only 5 minutes later. Hence: once the
 * orders lease is free (that pass ended), the same decisions are stored once more, which makes those
 * orders due again, and only then the flow is started.
 */
export async function applyMappings(
  app: App,
  service: DashboardBackend,
  c: Connection,
  changes: readonly MappingChange[],
): Promise<void> {
  const { store, clock } = app;
  const write = async () => {
    for (const ch of changes) {
      const target = ch.target === 'skip' || 'skip' in ch.target ? null : ch.target;
      await store.mappings.set(c.id, ch.kind, ch.sageValue, target ? 'mapped' : 'skip', target, 'user');
    }
  };
  if (changes.length === 0) return;
  await write();
  const until = clock.now() + WAIT_FOR_PASS_MS;
  for (;;) {
    const lease = await store.leases.current(c.id, 'orders');
    if (!lease || lease.expiresAt <= clock.now() || clock.now() >= until) break;
    await clock.sleep(100);
  }
  await write();
  service.trigger(`${c.id}:orders`);
  // Stock levels start flowing as soon as a location has an inventory location (not 15 minutes later).
  if (changes.some((ch) => ch.kind === 'inventory_location')) service.trigger(`${c.id}:inventory`);
}
