import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { runCli } from '../helpers/cli.js';

/** Issue 15 point 6: `ml-connector workers` lists the service processes; `status` shows them and who ran each flow. */
describe('workers', () => {
  it('lists each worker with host, started, last heartbeat, passes running and alive or gone', async () => {
    const env: Record<string, string> = {
      ML_CONNECTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'mlc-workers-cli-')),
      ML_CONNECTOR_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
      WORKER_HEARTBEAT_SECONDS: '5',
    };
    const app = await openApp({ env, notice: () => {} });
    try {
      await app.store.connections.upsert({ name: 'default', source: 'cli' });
      const [connection] = await app.store.connections.list();
      await app.store.workers.register({
        id: 'hostA:101:aa',
        host: 'hostA',
        pid: 101,
        version: '0.1.0',
        concurrency: 2,
      });
      await app.store.workers.heartbeat('hostA:101:aa', 1);
      // A worker killed an hour ago: its heartbeat stopped.
      await app.store.workers.register({
        id: 'hostB:202:bb',
        host: 'hostB',
        pid: 202,
        version: '0.1.0',
        concurrency: 2,
      });
      await app.store.db
        .updateTable('workers')
        .set({ heartbeat_at: new Date(Date.now() - 3_600_000).toISOString() })
        .where('id', '=', 'hostB:202:bb')
        .execute();
      // hostA runs the orders pass now; hostB ran the last reference pass.
      const orders = await app.store.leases.acquire(connection!.id, 'orders', 'hostA:101:aa/7', 60_000);
      await app.store.flows.started(connection!.id, 'orders');
      await app.store.flowRuns.start({
        connectionId: connection!.id,
        flow: 'orders',
        holder: orders!.holder,
        leaseToken: orders!.token,
      });
      const ref = await app.store.leases.acquire(connection!.id, 'reference', 'hostB:202:bb/3', 60_000);
      const run = await app.store.flowRuns.start({
        connectionId: connection!.id,
        flow: 'reference',
        holder: ref!.holder,
        leaseToken: ref!.token,
      });
      await app.store.flowRuns.finish(run, { result: 'ok', counts: {} });
      await app.store.flows.finished(connection!.id, 'reference', { ok: true, counts: {} });
      await app.store.leases.release(ref!);
    } finally {
      await app.close();
    }
    const r = await runCli(['workers'], { env });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^worker +host +started \(UTC\) +last heartbeat +passes +state$/);
    expect(lines[1]).toMatch(
      /^hostA:101:aa +hostA \(pid 101\) +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d+s ago +1 of 2 +alive$/,
    );
    expect(lines[2]).toMatch(/^hostB:202:bb +hostB \(pid 202\) +.* +60m ago +0 of 2 +gone$/);
    const status = await runCli(['status'], { env });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^Workers:\n {2}worker +host/);
    expect(status.stdout).toContain('On worker hostA:101:aa.');
    expect(status.stdout).toContain('Last ran on worker hostB:202:bb.');
  });
});
