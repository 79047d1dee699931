import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEnvironmentConnection } from '../../src/connections/connect.js';
import type { Connection } from '../../src/domain/connection.js';
import { type Sage300Simulator, startSage300Simulator } from '../../src/simulators/sage300/server.js';
import {
  type ShipStationSimulator,
  startShipStationSimulator,
} from '../../src/simulators/shipstation/shipstation-simulator.js';
import { simulatorEnv } from '../helpers/world.js';
import { type DashboardService, HttpClient, signIn, startDashboardService } from './dashboard-service.js';

/** The `data-run` ids and `data-result`s of the rows of a Runs page, top to bottom. */
function rows(page: string): { id: number; flow: string; result: string }[] {
  return [...page.matchAll(/<tr data-run="(\d+)" data-flow="([a-z]+)" data-result="([a-z]+)">/g)].map((m) => ({
    id: Number(m[1]),
    flow: m[2]!,
    result: m[3]!,
  }));
}

describe('the Runs page lists every pass, filters on the server and opens each (issue 16 point 6)', () => {
  const PASSWORD = 'runs-page-admin-pw';
  let sage: Sage300Simulator;
  let ss: ShipStationSimulator;
  let d: DashboardService;
  let c: Connection;
  let client: HttpClient;
  let csrf: string;

  beforeAll(async () => {
    sage = await startSage300Simulator({ seed: 'demo' });
    ss = await startShipStationSimulator({ seed: 'demo', rateWindowMs: 1000 });
    d = await startDashboardService({
      env: { ADMIN_PASSWORD: PASSWORD, ...simulatorEnv(sage, ss) },
    });
    // Stored, not scheduled (the service started before it existed): only the passes the test asks for run.
    c = (await applyEnvironmentConnection(d.app.store, d.app.config))!;
    client = new HttpClient(d.url);
    csrf = await signIn(client, PASSWORD);
  });
  afterAll(async () => {
    await d?.stop();
    await Promise.all([sage?.stop(), ss?.stop()]);
  });

  it('shows a real reference pass and orders pass, newest first, with counts and a localisable start time', async () => {
    for (const flow of ['reference', 'orders']) {
      const run = await client.post(`/flows/${c.name}/${flow}/run`, { _csrf: csrf });
      expect(run.status, flow).toBe(303);
    }
    const page = await client.get(`/runs?c=${c.name}`);
    expect(page.status).toBe(200);
    expect(rows(page.text).map((r) => [r.flow, r.result])).toEqual([
      ['orders', 'ok'],
      ['reference', 'ok'],
    ]);
    expect(page.text).toMatch(/<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z" data-local>[^<]+ UTC<\/time>/);
    expect(page.text).toContain('<script src="/assets/local-time.js" defer></script>');
    const sent = (await d.app.store.flowRuns.list({ connectionId: c.id, flow: 'orders' }))[0]!.counts!;
    expect(Object.values(sent).some((n) => n > 0)).toBe(true);
    expect(page.text).toContain('<a href="/runs" class="active">Runs</a>');
    const flows = await client.get(`/flows?c=${c.name}`);
    expect(flows.text).toContain(`href="/runs?c=${c.name}&amp;flow=orders" data-testid="orders-runs"`);
    const script = await new HttpClient(d.url).get('/assets/local-time.js');
    expect(script.status).toBe(200);
    expect(script.text).toContain("querySelectorAll('time[data-local]')");
  });

  it('filters by flow and by result in the query string', async () => {
    // A failed shipments pass, as runFlow records one (the store is the runner's).
    const failed = await d.app.store.flowRuns.start({
      connectionId: c.id,
      flow: 'shipments',
      holder: 'w/9',
      leaseToken: 1,
    });
    await d.app.store.flowRuns.finish(failed, { result: 'failed', counts: {}, error: 'ShipStation answered 500' });
    const flows = (q: string) => client.get(`/runs?c=${c.name}&${q}`).then((r) => rows(r.text));
    expect((await flows('flow=orders')).map((r) => r.flow)).toEqual(['orders']);
    expect((await flows('flow=reference')).map((r) => r.flow)).toEqual(['reference']);
    expect((await flows('result=failed')).map((r) => [r.flow, r.result])).toEqual([['shipments', 'failed']]);
    expect((await flows('result=ok')).map((r) => r.flow)).toEqual(['orders', 'reference']);
    expect(await flows('flow=orders&result=failed')).toEqual([]);
    // Unknown filters show everything rather than an error.
    expect((await flows('flow=nope&result=weird')).length).toBe(3);
    const page = await client.get(`/runs?c=${c.name}&result=failed`);
    expect(page.text).toContain('ShipStation answered 500');
    expect(page.text).toMatch(/<option value="failed" selected>Failed<\/option>/);
    const none = await client.get(`/runs?c=${c.name}&flow=inventory`);
    expect(none.text).toContain('data-testid="no-runs"');
  });

  it('opens a pass: its counts, the orders it touched and the events of its time window', async () => {
    const [orders] = rows((await client.get(`/runs?c=${c.name}&flow=orders`)).text);
    const page = await client.get(`/runs/${c.name}/${orders!.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="run-counts"');
    expect(page.text).toContain('data-result="ok"');
    const touched = [...page.text.matchAll(/<a href="\/orders\/default\/([^"]+)" data-testid="run-order">/g)].map(
      (m) => m[1],
    );
    expect(touched.length).toBeGreaterThan(0);
    expect(page.text).toContain('data-testid="run-events"');
    const run = (await d.app.store.flowRuns.get(c.id, orders!.id))!;
    const events = await d.app.store.audit.between(c.id, run.startedAt, run.finishedAt!);
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(touched)).toEqual(new Set(events.filter((e) => e.recordKind === 'order').map((e) => e.recordKey)));
    const [failed] = rows((await client.get(`/runs?c=${c.name}&result=failed`)).text);
    const failedPage = await client.get(`/runs/${c.name}/${failed!.id}`);
    expect(failedPage.text).toContain('data-testid="run-error"');
    expect(failedPage.text).toContain('ShipStation answered 500');
    expect((await client.get(`/runs/${c.name}/999999`)).status).toBe(404);
    expect((await client.get(`/runs/${c.name}/x1`)).status).toBe(404);
    expect((await client.get(`/runs/nobody/${orders!.id}`)).status).toBe(404);
  });
});
