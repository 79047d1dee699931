import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, openApp } from '../../src/app.js';
import type { Clock } from '../../src/domain/clock.js';
import { createLogger } from '../../src/observability/logger.js';
import { Connector } from '../../src/runtime/connector.js';
import { runReference } from '../../src/runtime/flows/reference-flow.js';
import { DbTime } from '../../src/store/db-time.js';
import { LeasesRepo } from '../../src/store/leases-repo.js';
import type { Database } from '../../src/store/schema.js';
import { startWorld, type World } from '../helpers/world.js';

/**
 * Issue 12, point 1: "lease lost" only ever means another process took over, and then says who: the log line
 * names the new holder, and the Flows page's state (the `flows` row) records the pass as failed with that
 * holder, instead of still saying it runs.
 */
describe('a lease taken over by another process', () => {
  let w: World;
  let app: App;
  const logs: { level: number; msg: string; holder?: string }[] = [];
  beforeAll(async () => {
    w = await startWorld();
    app = await openApp({
      env: { ...w.env, FLOW_LEASE_SECONDS: '3' },
      logger: createLogger({ level: 'warn', destination: { write: (l: string) => logs.push(JSON.parse(l)) } }),
      notice: () => {},
    });
  });
  afterAll(async () => {
    await app?.close();
    await w?.stop();
  });

  it('ends the pass, names the new holder in the log and records the pass as failed', async () => {
    // A slow Sage keeps the reference pass running past a renewal (every second with a 3 s lease).
    const slow = w.sage.faults.add({ kind: 'latency', ms: 4000 });
    const pass = runReference(new Connector(app), w.connection);
    const flows = app.store.flows;
    const deadline = Date.now() + 20_000;
    while ((await flows.get(w.connection.id, 'reference')).lastStatus !== 'running' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    // Another process whose clock says the lease has expired (it stalled, or its clock is ahead) takes it: on
    // SQLite (one host) the process clock judges; on PostgreSQL the database's would refuse (test/store/db-clock.test.ts).
    const db = (app.store as unknown as { opened: { db: Kysely<Database> } }).opened.db;
    const later: Clock = { now: () => Date.now() + 3_600_000, sleep: () => Promise.resolve() };
    const other = await new LeasesRepo(db, later, new DbTime(app.store.capabilities, later)).acquire(
      w.connection.id,
      'reference',
      'other-host:99:abc/1',
      60_000,
    );
    expect(other?.holder).toBe('other-host:99:abc/1');
    const result = await pass;
    w.sage.faults.remove(slow.id);
    expect(result.status).toBe('failed');
    expect(result.status === 'failed' && (result.error as { code?: string }).code).toBe('lease_lost');
    expect(logs.find((l) => /lease lost/.test(l.msg))).toMatchObject({
      holder: 'other-host:99:abc/1',
      msg: 'lease lost to other-host:99:abc/1: stopping this run',
    });
    const state = await flows.get(w.connection.id, 'reference');
    expect(state.lastStatus).toBe('failed');
    expect(state.lastError).toMatch(/taken over by other-host:99:abc\/1/);
    // The runs history has the pass once, failed, with the same reason (issue 16 point 6).
    const runs = await app.store.flowRuns.list({ connectionId: w.connection.id, flow: 'reference' });
    expect(runs.map((r) => r.result)).toEqual(['failed']);
    expect(runs[0]?.error).toMatch(/taken over by other-host:99:abc\/1/);
    expect(runs[0]?.finishedAt).not.toBeNull();
  }, 60_000);
});
