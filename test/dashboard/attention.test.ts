import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/domain/connection.js';
import { ManualClock } from '../../src/domain/manual-clock.js';
import { type AlertPayload, sendAttentionAlerts } from '../../src/http/dashboard/alerts/attention-alerts.js';
import { attentionFor } from '../../src/http/dashboard/model/attention.js';
import { chartData } from '../../src/http/dashboard/model/chart-data.js';
import { problems } from '../../src/mapping/problems.js';
import { type DashboardService, HttpClient, signIn, startDashboardService } from './dashboard-service.js';

/** A local alert receiver: records each POSTed JSON body; answers `status`. */
async function startReceiver(): Promise<{ url: string; posts: AlertPayload[]; status: number; stop(): Promise<void> }> {
  const state = { posts: [] as AlertPayload[], status: 200 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      if (state.status === 200) state.posts.push(JSON.parse(body) as AlertPayload);
      res.statusCode = state.status;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    get posts() {
      return state.posts;
    },
    get status() {
      return state.status;
    },
    set status(v: number) {
      state.status = v;
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('attention panel, alert webhook, gauges and the 24-hour chart', () => {
  const PASSWORD = 'attention-admin-pw';
  let d: DashboardService;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let clock: ManualClock;
  let c: Connection;

  beforeAll(async () => {
    receiver = await startReceiver();
    clock = new ManualClock(Date.UTC(2026, 10, 26, 12, 0, 0));
    d = await startDashboardService({
      clock,
      env: {
        ADMIN_PASSWORD: PASSWORD,
        ALERT_WEBHOOK_URL: receiver.url,
        STALE_AFTER_MINUTES: '30',
        PUBLIC_URL: 'https://connector.example.com',
      },
    });
    // Stored directly: the service schedules nothing for it, so only what the test writes is there.
    c = await d.app.store.connections.upsert({ name: 'main', source: 'cli' });
  });
  afterAll(async () => {
    await d?.stop();
    await receiver?.stop();
  });

  it('lists held orders with their reasons, voided labels, refused write-backs and stale flows', async () => {
    const store = d.app.store;
    const held = problems.unmappedShipVia('ORD000900', 'DRONE', 'Sky Drone');
    await store.records.upsert({
      connectionId: c.id,
      kind: 'order',
      key: '900',
      display: 'ORD000900',
      customer: 'Northwind',
      state: 'held',
      reason: `${held.message} Fix: ${held.fix}`,
    });
    await store.records.upsert({ connectionId: c.id, kind: 'order', key: '901', display: 'ORD000901', state: 'sent' });
    await store.shipmentEvents.insertIfNew({
      connectionId: c.id,
      sourceId: 'v1:shipment:1',
      orderKey: 'SAMINC-ORD000901-1',
      kind: 'label',
      voided: true,
      tracking: '1ZVOID',
      state: 'void_flagged',
      reason: null,
      data: {},
    });
    await store.shipmentEvents.insertIfNew({
      connectionId: c.id,
      sourceId: 'v1:shipment:2',
      orderKey: 'SAMINC-ORD000902-1',
      kind: 'label',
      voided: false,
      tracking: '1ZQUEUED',
      state: 'queued',
      reason: 'Sage 300 answers 405 to PATCH: queued for export',
      data: {},
    });
    await store.flows.finished(c.id, 'orders', { ok: true, counts: {} });
    await store.flows.finished(c.id, 'shipments', { ok: true, counts: {} });
    await clock.advance(31 * 60_000);
    await store.flows.finished(c.id, 'shipments', { ok: true, counts: {} });

    const items = await attentionFor(d.app, c, d.service.started);
    expect(items.map((i) => i.kind).sort()).toEqual(['held', 'stale_flow', 'voided_label', 'write_back_refused']);
    expect(items.find((i) => i.kind === 'stale_flow')?.title).toContain('orders');

    const client = new HttpClient(d.url);
    await signIn(client, PASSWORD);
    const page = await client.get('/attention');
    expect(page.text).toContain('ORD000900');
    // Page words, not a command, and the page named is a link to it (for this connection).
    expect(page.text).toContain(
      'Map ship-via DRONE on the <a href="/mappings?c=main" class="page-link">Mappings page</a>',
    );
    expect(page.text).toContain('1ZVOID');
    expect(page.text).toContain('queued for export');
    expect(page.text).toContain('has not succeeded for 31 minutes');
    expect(page.text).toMatch(/data-testid="attention-count">4</);
  });

  it('posts each new item once, again when its state changes, and retries a failed post', async () => {
    const first = await sendAttentionAlerts(d.app, c, d.service.started);
    expect(first).toEqual({ sent: 4, failed: 0 });
    const held = receiver.posts.find((p) => p.kind === 'held')!;
    expect(held).toMatchObject({ source: 'ml-connector', connection: 'main', title: 'Order ORD000900 (Northwind)' });
    expect(held.link).toBe('https://connector.example.com/orders/main/900');
    expect(held.summary).toContain('[main] Held back');

    expect(await sendAttentionAlerts(d.app, c, d.service.started)).toEqual({ sent: 0, failed: 0 });

    await d.app.store.records.upsert({
      connectionId: c.id,
      kind: 'order',
      key: '900',
      display: 'ORD000900',
      state: 'failed',
      reason: 'ShipStation refused the create: bad address.',
    });
    receiver.status = 500;
    expect(await sendAttentionAlerts(d.app, c, d.service.started)).toEqual({ sent: 0, failed: 1 });
    receiver.status = 200;
    expect(await sendAttentionAlerts(d.app, c, d.service.started)).toEqual({ sent: 1, failed: 0 });
    expect(receiver.posts.at(-1)).toMatchObject({
      kind: 'failed',
      reason: 'ShipStation refused the create: bad address.',
    });

    // Gone, then back: sent again.
    await d.app.store.records.upsert({
      connectionId: c.id,
      kind: 'order',
      key: '900',
      display: 'ORD000900',
      state: 'sent',
    });
    expect(await sendAttentionAlerts(d.app, c, d.service.started)).toEqual({ sent: 0, failed: 0 });
    await d.app.store.records.upsert({
      connectionId: c.id,
      kind: 'order',
      key: '900',
      display: 'ORD000900',
      state: 'failed',
      reason: 'ShipStation refused the create: bad address.',
    });
    expect(await sendAttentionAlerts(d.app, c, d.service.started)).toEqual({ sent: 1, failed: 0 });
    expect(receiver.posts).toHaveLength(6);
  });

  it('shows the shipment-side attention kinds as gauges in /metrics', async () => {
    const metrics = await new HttpClient(d.publicUrl).get('/metrics');
    expect(metrics.text).toContain('mlc_attention{connection="main",kind="voided_label"} 1');
    expect(metrics.text).toContain('mlc_attention{connection="main",kind="write_back_refused"} 1');
    expect(metrics.text).toContain('mlc_attention{connection="main",kind="shipment_conflict"} 0');
  });

  it('counts orders out and shipments back per hour for the chart', async () => {
    const audit = (event: string, key: string) =>
      d.app.store.audit.append({ connectionId: c.id, recordKind: 'order', recordKey: key, event, message: event });
    await audit('acknowledged', '1');
    await audit('acknowledged', '2');
    await audit('pushed', '3'); // an attempt, not an order out
    await clock.advance(2 * 3_600_000);
    await audit('acknowledged', '3');
    await audit('shipment_written', '1');
    const day = (await chartData(d.app, 'UTC')).ranges.find((r) => r.range === '24h')!;
    expect(day.ordersOut).toHaveLength(24);
    expect([day.ordersOut.at(-1), day.shipmentsBack.at(-1)]).toEqual([1, 1]);
    expect([day.ordersOut.at(-3), day.shipmentsBack.at(-3)]).toEqual([2, 0]);
    const client = new HttpClient(d.url);
    await signIn(client, PASSWORD);
    const home = await client.get('/');
    // The home page draws the charts itself on its first render (UTC without the browser's zone cookie).
    expect(home.text).toMatch(/data-testid="orders-out-24h">3</);
    expect(home.text).toMatch(/data-testid="shipments-back-24h">1</);
  });
});
