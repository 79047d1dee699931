import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/manual-clock.js';
import type { Store } from '../../src/store/store.js';
import { DATABASE_KINDS, postgresReachable } from '../helpers/databases.js';
import { openTestStore } from '../helpers/test-store.js';

const pgOk = await postgresReachable();

// FlowsRepo.off (added for the inventory flow): belongs with the store suite, run on both databases here.
describe.each(DATABASE_KINDS)('flow state "off" on %s', (kind) => {
  const skip = kind === 'postgres' && !pgOk;
  let store: Store;
  let close: () => Promise<void>;
  const clock = new ManualClock();
  beforeAll(async () => {
    if (skip) return;
    ({ store, close } = await openTestStore(kind, clock));
  });
  afterAll(async () => {
    if (skip) return;
    await close();
  });

  it.skipIf(skip)(
    'records the reason, counts as a success (no staleness alarm), and a later run replaces it',
    async () => {
      await store.flows.started(1, 'inventory');
      await store.flows.off(1, 'inventory', 'needs a V2 API key');
      const off = await store.flows.get(1, 'inventory');
      expect(off).toMatchObject({ lastStatus: 'off', lastError: 'needs a V2 API key', lastCounts: { off: 1 } });
      expect(off.lastSuccessAt).toBe(new Date(clock.now()).toISOString());
      await clock.advance(1000);
      await store.flows.finished(1, 'inventory', { ok: true, counts: { pushed: 3 } });
      expect(await store.flows.get(1, 'inventory')).toMatchObject({
        lastStatus: 'ok',
        lastError: null,
        lastCounts: { pushed: 3 },
      });
    },
  );
});
