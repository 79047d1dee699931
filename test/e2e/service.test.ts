import { afterAll, describe, expect, it } from 'vitest';
import { type RunningService, startService } from '../../src/compose.js';
import { runCli } from '../helpers/cli.js';
import { enterOrders } from '../helpers/sage-orders.js';
import { startWorld, type World } from '../helpers/world.js';
import { SHIPMENTS_ONLY } from '../shipments/service.js';

/**
 * Issue 5: `start` runs every flow on its schedule and serves /healthz and /metrics (records synced, failures,
 * queue depths, rate budget left per account); `status` shows per flow last run, next run and counts.
 */
describe('the service', () => {
  let w: World | undefined;
  let service: RunningService | undefined;
  afterAll(async () => {
    await service?.stop();
    await w?.stop();
  });

  it('schedules the flows, sends orders, and reports them in /metrics, /healthz and status', async () => {
    w = await startWorld({ api: 'v1', env: { ORDERS_POLL_SECONDS: '1', PORT: '0' } });
    service = await startService(w.app, { dashboard: false, skipJobs: SHIPMENTS_ONLY });
    const servers = service.servers;
    const numbers = enterOrders(w.sage, 25);
    const deadline = Date.now() + 30_000;
    const keys = new Set(numbers.map((n) => `SAMINC-${n}-1`));
    const sent = () => w!.ss.admin.listOrders().filter((o) => keys.has(String(o['orderKey']))).length;
    while (sent() < keys.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(sent()).toBe(keys.size);

    const health = await fetch(`${servers.publicUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'sqlite' });

    const metrics = await (await fetch(`${servers.publicUrl}/metrics`)).text();
    expect(metrics).toMatch(/mlc_records_synced_total\{connection="default",flow="orders",result="created"\} \d+/);
    expect(metrics).toMatch(/mlc_flow_runs_total\{connection="default",flow="orders",status="ran"\} \d+/);
    expect(metrics).toMatch(/mlc_queue_depth\{connection="default",queue="webhook_inbox"\} 0/);
    expect(metrics).toMatch(/mlc_queue_depth\{connection="default",queue="held_orders"\} \d+/);
    expect(metrics).toMatch(/mlc_rate_budget_remaining\{account="default",api="v1"\} -?\d+/);
    expect(metrics).toMatch(/mlc_rate_budget_limit\{account="default",api="v1"\} 40/);
    expect(metrics).toMatch(/mlc_flow_last_success_timestamp_seconds\{connection="default",flow="orders"\} \d+/);
    expect(metrics).toMatch(/# HELP mlc_failures_total/);
    expect(metrics).not.toMatch(/demo-v1-secret|demo-v2-key/);

    const status = await runCli(['status'], { env: w.env });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(
      /orders +(ok: last run \S+ ago, last success \S+ ago, next run (due now|in \d+s)|running: this pass started \S+ ago)/,
    );
    expect(status.stdout).toMatch(/reference +ok: /);
  }, 60_000);
});
