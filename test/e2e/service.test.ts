import { afterAll, describe, expect, it } from 'vitest';
import { type RunningService, startService } from '../../src/compose.js';
import { HttpClient, signIn } from '../dashboard/dashboard-service.js';
import { runCli } from '../helpers/cli.js';
import { enterOrders } from '../helpers/sage-orders.js';
import { startWorld, type World } from '../helpers/world.js';
import { SHIPMENTS_ONLY } from '../shipments/service.js';

/**
 * Issue 5: `start` runs every flow on its schedule and serves /healthz and /metrics (records synced, failures,
 * queue depths, rate budget left per account); `status` shows per flow last run, next run and counts.
 */
const DASHBOARD_PASSWORD = 'service-dashboard-pw';

// With both keys (orders through V1) and with the V2 key alone (a plan without V1, issue 14).
describe.each([{ apis: 'v1+v2' as const }, { apis: 'v2' as const }])('the service ($apis)', ({ apis }) => {
  let w: World | undefined;
  let service: RunningService | undefined;
  let numbers: string[] = [];
  afterAll(async () => {
    await service?.stop();
    await w?.stop();
  });

  it('schedules the flows, sends orders, and reports them in /metrics, /healthz and status', async () => {
    const env = { ORDERS_POLL_SECONDS: '1', PORT: '0', ADMIN_PASSWORD: DASHBOARD_PASSWORD };
    w = await startWorld(apis === 'v2' ? { v2Only: true, env } : { api: 'v1', env });
    service = await startService(w.app, { skipJobs: SHIPMENTS_ONLY });
    const servers = service.servers;
    numbers = enterOrders(w.sage, 25);
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
    if (apis === 'v1+v2') {
      expect(metrics).toMatch(/mlc_rate_budget_remaining\{account="default",api="v1"\} -?\d+/);
      expect(metrics).toMatch(/mlc_rate_budget_limit\{account="default",api="v1"\} 40/);
    } else {
      // The V2 budget alone: no V1 account exists to report.
      expect(metrics).toMatch(/mlc_rate_budget_remaining\{account="default",api="v2"\} -?\d+/);
      expect(metrics).toMatch(/mlc_rate_budget_limit\{account="default",api="v2"\} 200/);
      expect(metrics).not.toMatch(/api="v1"/);
      expect(w.ss.stats.snapshot().byApi.v1).toBe(0);
    }
    expect(metrics).toMatch(/mlc_flow_last_success_timestamp_seconds\{connection="default",flow="orders"\} \d+/);
    expect(metrics).toMatch(/# HELP mlc_failures_total/);
    expect(metrics).not.toMatch(/demo-v1-secret|demo-v2-key/);

    const status = await runCli(['status'], { env: w.env });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(
      /orders +(ok: last run \S+ ago, last success \S+ ago, next run (due now|in \d+s)|running: this pass started \S+ ago)/,
    );
    expect(status.stdout).toMatch(/reference +ok: /);
    expect(status.stdout).toContain(`ShipStation ${apis === 'v2' ? 'V2' : 'V1'} orders, V2 inventory`);
  }, 60_000);

  it('its dashboard pages show the connection, its APIs, flows, mappings and orders; ping passes', async () => {
    const client = new HttpClient(service!.servers.adminUrl);
    const csrf = await signIn(client, DASHBOARD_PASSWORD);
    const page = async (path: string) => {
      const r = await client.get(path);
      expect(r.status, path).toBe(200);
      return r.text;
    };
    const row = /<tr data-connection="default">[\s\S]*?<\/tr>/.exec(await page('/'))?.[0] ?? '';
    expect(row).toMatch(apis === 'v2' ? /data-label="ShipStation">V2</ : /data-label="ShipStation">V1 \+ V2/);
    expect(row).not.toContain('Not working');
    const flows = await page('/flows');
    expect(flows).toContain('data-testid="orders-state"');
    expect(flows).toContain(`data-testid="budget-${apis === 'v2' ? 'v2' : 'v1'}"`);
    if (apis === 'v2') expect(flows).not.toContain('data-testid="budget-v1"');
    expect(await page('/mappings')).toContain('data-blocking="0"');
    const orders = await page(`/orders?q=${numbers[0]}`);
    expect(orders).toMatch(new RegExp(`<tr data-order="${numbers[0]}" data-state="sent">`));
    const link = /href="(\/orders\/default\/[^"]+)" data-testid="order-link"/.exec(orders)?.[1];
    expect(await page(link!)).toContain(`SAMINC-${numbers[0]}-1`);
    await page('/connections/default');
    await page('/attention');
    const ping = await client.post('/connections/default/ping', { _csrf: csrf }, { 'hx-request': 'true' });
    expect(ping.status).toBe(200);
    expect(ping.text).toContain('data-check="shipstation.v2.credentials"');
    expect(ping.text).not.toContain('data-status="fail"');
    if (apis === 'v2') expect(w!.ss.stats.snapshot().byApi.v1).toBe(0);
  }, 60_000);
});
