import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../src/domain/errors.js';
import { ManualClock } from '../../src/domain/manual-clock.js';
import { runFlow } from '../../src/engine/flow-runner.js';
import type { FlowOutcome } from '../../src/engine/ports.js';
import { silentLogger } from '../../src/observability/logger.js';
import type { Store } from '../../src/store/store.js';
import { openTestStore } from '../helpers/test-store.js';

/** Resolves when the signal aborts, rejecting with its reason, as a flow's I/O does. */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

describe('runFlow records every pass in the runs history (issue 16 point 6)', () => {
  const clock = new ManualClock();
  let store: Store;
  let close: () => Promise<void>;
  let connectionId = 100;
  const options = (extra: Partial<Parameters<typeof runFlow>[0]> = {}) => ({
    store,
    connectionId,
    flow: 'orders' as const,
    clock,
    logger: silentLogger(),
    ttlMs: 30_000,
    ...extra,
  });
  const runs = () => store.flowRuns.list({ connectionId });
  const done = (counts: Record<string, number>, extra: Partial<FlowOutcome> = {}): FlowOutcome => ({
    counts,
    planned: [],
    ...extra,
  });

  beforeAll(async () => {
    ({ store, close } = await openTestStore('sqlite', clock));
  });
  afterAll(() => close());

  it('a pass that ends on its own leaves one ok row with its counts, holder and lease token', async () => {
    connectionId++;
    const result = await runFlow(options(), async (lease) => {
      expect((await runs()).map((r) => [r.result, r.holder, r.leaseToken])).toEqual([
        ['running', lease!.holder, lease!.token],
      ]);
      await clock.advance(1500);
      return done({ sent: 3, held: 1 });
    });
    expect(result.status).toBe('ran');
    const [row, ...more] = await runs();
    expect(more).toEqual([]);
    expect(row).toMatchObject({ flow: 'orders', result: 'ok', counts: { sent: 3, held: 1 }, error: null });
    expect(Date.parse(row!.finishedAt!) - Date.parse(row!.startedAt)).toBe(1500);
    expect((await store.flows.get(connectionId, 'orders')).lastStatus).toBe('ok');
  });

  it('a failed pass leaves one failed row with the error', async () => {
    connectionId++;
    const result = await runFlow(options(), async () => {
      throw new ConnectorError('sage_refused', 'Sage 300 refused the request: the company is locked.');
    });
    expect(result.status).toBe('failed');
    expect(await runs()).toEqual([
      expect.objectContaining({ result: 'failed', error: 'Sage 300 refused the request: the company is locked.' }),
    ]);
  });

  it('a pass the service stops leaves one stopped row, not a failure', async () => {
    connectionId++;
    const stop = new AbortController();
    let started!: () => void;
    const inBody = new Promise<void>((r) => {
      started = r;
    });
    const pass = runFlow(options({ signal: stop.signal }), (_lease, signal) => {
      started();
      return untilAborted(signal);
    });
    await inBody;
    stop.abort('SIGTERM');
    await pass;
    expect(await runs()).toEqual([
      expect.objectContaining({ result: 'stopped', error: 'stopped while the service shut down' }),
    ]);
    expect((await store.flows.get(connectionId, 'orders')).lastStatus).toBe('stopped');
  });

  it('a pass whose lease another process takes over leaves one failed row naming the new holder', async () => {
    connectionId++;
    let started!: () => void;
    const inBody = new Promise<void>((r) => {
      started = r;
    });
    const pass = runFlow(options(), (_lease, signal) => {
      started();
      return untilAborted(signal);
    });
    await inBody;
    // Another process took the lease (this one stalled past its expiry): the next renewal finds it gone.
    await store.db
      .updateTable('leases')
      .set({ holder: 'other-host:77:abc/1', token: 999 })
      .where('connection_id', '=', connectionId)
      .execute();
    // (Read meanwhile, the row already says failed: its holder no longer has the lease. Wait for its own end.)
    while ((await runs())[0]?.finishedAt === null) await clock.advance(10_000);
    const result = await pass;
    expect(result.status).toBe('failed');
    const rows = await runs();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ result: 'failed' });
    expect(rows[0]?.error).toContain('taken over by other-host:77:abc/1');
  });

  it('an "off" pass is recorded as off with its reason; a dry run is not recorded', async () => {
    connectionId++;
    await runFlow(options({ flow: 'inventory' }), async () =>
      done({ off: 1 }, { off: 'Inventory sync is off: it needs a V2 API key' }),
    );
    await runFlow(options({ dryRun: true }), async () => done({ sent: 9 }));
    expect((await runs()).map((r) => [r.flow, r.result, r.error])).toEqual([
      ['inventory', 'off', 'Inventory sync is off: it needs a V2 API key'],
    ]);
  });

  it('a pass start deletes the passes older than keepRunsDays', async () => {
    connectionId++;
    await runFlow(options(), async () => done({ sent: 1 }));
    await clock.advance(3 * 86_400_000);
    await runFlow(options(), async () => done({ sent: 2 }));
    expect((await runs()).length).toBe(2);
    await clock.advance(1000);
    await runFlow(options({ keepRunsDays: 2 }), async () => done({ sent: 3 }));
    expect((await runs()).map((r) => r.counts)).toEqual([{ sent: 3 }, { sent: 2 }]);
  });
});
