import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ShipStationSimulator,
  startShipStationSimulator,
} from '../../src/simulators/shipstation/shipstation-simulator.js';
import { getUrl, startReceiver, V1_AUTH, v1, v1Order, v2, v2Shipment } from './sim-helpers.js';

describe('ShipStation simulator: webhooks', () => {
  let sim: ShipStationSimulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    sim = await startShipStationSimulator({ v1Rate: 10_000, v2Rate: 10_000, webhookDelayMs: 20 });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await sim.stop();
    await receiver.close();
  });

  it('V1: subscribe, list (PascalCase), a label leads to pointer deliveries whose resource_url returns the shipment', async () => {
    const ship = await v1(sim.origin, 'POST', '/webhooks/subscribe', {
      target_url: `${receiver.url}/ship`,
      event: 'SHIP_NOTIFY',
      store_id: null,
      friendly_name: 'connector',
    });
    expect(ship.status).toBe(201);
    expect(ship.body).toEqual({ id: expect.any(Number) });
    await v1(sim.origin, 'POST', '/webhooks/subscribe', {
      target_url: `${receiver.url}/items`,
      event: 'ITEM_SHIP_NOTIFY',
    });
    const listed = (await v1(sim.origin, 'GET', '/webhooks')).body.webhooks;
    expect(listed[0]).toMatchObject({
      WebHookID: ship.body.id,
      HookType: 'SHIP_NOTIFY',
      Url: `${receiver.url}/ship`,
      Name: 'connector',
      Active: true,
      MessageFormat: 'Json',
    });

    const order = (await v1(sim.origin, 'POST', '/orders/createorder', v1Order(1201))).body;
    const label = (
      await v1(sim.origin, 'POST', '/orders/createlabelfororder', {
        orderId: order.orderId,
        carrierCode: 'ups',
        serviceCode: 'ups_ground',
      })
    ).body;
    await sim.admin.webhooksIdle();
    const shipHook = receiver.received.find((r) => r.body.resource_type === 'SHIP_NOTIFY')!;
    const itemHook = receiver.received.find((r) => r.body.resource_type === 'ITEM_SHIP_NOTIFY')!;
    expect(Object.keys(shipHook.body).sort()).toEqual(['resource_type', 'resource_url']);
    expect(shipHook.body.resource_url).toMatch(
      new RegExp(`^${sim.origin}/shipments\\?batchId=\\d+&includeShipmentItems=False$`),
    );
    expect(itemHook.body.resource_url).toMatch(/includeShipmentItems=True$/);
    expect(shipHook.headers['x-shipengine-rsa-sha256-signature']).toBeUndefined();

    const page = (await getUrl(shipHook.body.resource_url, { authorization: V1_AUTH })).body;
    expect(page).toMatchObject({ total: 1, page: 1, pages: 1 });
    expect(page.shipments[0]).toMatchObject({
      shipmentId: label.shipmentId,
      trackingNumber: label.trackingNumber,
      shipmentItems: null,
    });
    const withItems = (await getUrl(itemHook.body.resource_url, { authorization: V1_AUTH })).body;
    expect(withItems.shipments[0].shipmentItems).toHaveLength(2);
    expect((await fetch(shipHook.body.resource_url)).status).toBe(401);

    const deliveries = sim.admin.deliveries().filter((d) => d.api === 'v1');
    expect(deliveries.map((d) => d.status)).toEqual(['delivered', 'delivered']);
    expect((await v1(sim.origin, 'DELETE', `/webhooks/${ship.body.id}`)).status).toBe(200);
  });

  it('V1: orders created together share one ORDER_NOTIFY payload; markasshipped and voids fire nothing', async () => {
    await v1(sim.origin, 'POST', '/webhooks/subscribe', {
      target_url: `${receiver.url}/orders`,
      event: 'ORDER_NOTIFY',
    });
    await v1(sim.origin, 'POST', '/webhooks/subscribe', {
      target_url: `${receiver.url}/fulfil`,
      event: 'FULFILLMENT_SHIPPED',
    });
    const before = receiver.received.length;
    await v1(sim.origin, 'POST', '/orders/createorders', [
      v1Order(1301),
      v1Order(1302),
      v1Order(1303, { orderStatus: 'awaiting_payment' }),
    ]);
    await sim.admin.webhooksIdle();
    const orderHooks = receiver.received.slice(before).filter((r) => r.body.resource_type === 'ORDER_NOTIFY');
    expect(orderHooks).toHaveLength(1);
    expect(orderHooks[0]!.body.resource_url).toMatch(new RegExp(`^${sim.origin}/orders\\?importBatch=[0-9a-f-]{36}$`));
    const orders = (await getUrl(orderHooks[0]!.body.resource_url, { authorization: V1_AUTH })).body;
    expect(orders.orders.map((o: { orderNumber: string }) => o.orderNumber)).toEqual(['1301', '1302', '1303']);

    const quiet = receiver.received.length;
    const marked = orders.orders[0];
    await v1(sim.origin, 'POST', '/orders/markasshipped', { orderId: marked.orderId, carrierCode: 'ups' });
    const label = sim.admin.createLabel(orders.orders[1].orderId);
    await sim.admin.webhooksIdle();
    const afterLabel = receiver.received.length;
    await v1(sim.origin, 'POST', '/shipments/voidlabel', { shipmentId: label['shipmentId'] });
    await sim.admin.webhooksIdle();
    expect(receiver.received.length).toBe(afterLabel);
    // Only the label fired (SHIP_NOTIFY was unsubscribed above; ITEM_SHIP_NOTIFY remains).
    expect(receiver.received.slice(quiet).map((r) => r.body.resource_type)).toEqual(['ITEM_SHIP_NOTIFY']);

    // A fulfilment provider's shipment (admin) is the one that fires FULFILLMENT_SHIPPED.
    const provider = sim.admin.providerShip(orders.orders[2].orderId);
    await sim.admin.webhooksIdle();
    const fulfilment = receiver.received.at(-1)!;
    expect(fulfilment.body).toEqual({
      resource_type: 'FULFILLMENT_SHIPPED',
      resource_url: `${sim.origin}/fulfillments?fulfillmentId=${provider['fulfillmentId']}`,
    });
  });

  it('V2: one URL per event (409), signed deliveries that verify against /jwks, resource_url lists the label', async () => {
    const created = await v2(sim.origin, 'POST', '/environment/webhooks', {
      name: 'connector',
      event: 'label_created_v2',
      url: `${receiver.url}/v2`,
      headers: [{ key: 'x-token', value: 'abc' }],
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ webhook_id: expect.stringMatching(/^se-\d+$/), event: 'label_created_v2' });
    const second = await v2(sim.origin, 'POST', '/environment/webhooks', {
      name: 'again',
      event: 'label_created_v2',
      url: `${receiver.url}/other`,
    });
    expect(second.status).toBe(409);
    expect(second.body.errors[0].error_code).toBe('webhook_event_type_conflict');
    const list = (await v2(sim.origin, 'GET', '/environment/webhooks')).body;
    expect(Array.isArray(list)).toBe(true);

    const warehouseId = (await v2(sim.origin, 'GET', '/warehouses')).body.warehouses[0].warehouse_id;
    const shipment = (
      await v2(sim.origin, 'POST', '/shipments', {
        shipments: [v2Shipment(1401, warehouseId, { carrier_id: 'se-12003', service_code: 'usps_priority_mail' })],
      })
    ).body.shipments[0];
    const label = (await v2(sim.origin, 'POST', `/labels/shipment/${shipment.shipment_id}`, {})).body;
    await sim.admin.webhooksIdle();
    const delivery = receiver.received.find((r) => r.body.resource_type === 'LABEL_CREATED_V2')!;
    expect(delivery.body).toEqual({
      resource_type: 'LABEL_CREATED_V2',
      resource_url: `${sim.v2Url}/labels?batch_id=${label.batch_id}`,
    });
    expect(delivery.headers['x-token']).toBe('abc');

    const jwks = (await (await fetch(sim.jwksUrl)).json()) as {
      keys: { kid: string; kty: string; n: string; e: string; alg: string; use: string }[];
    };
    const kid = delivery.headers['x-shipengine-rsa-sha256-key-id'];
    const jwk = jwks.keys.find((k) => k.kid === kid)!;
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    const timestamp = String(delivery.headers['x-shipengine-timestamp']);
    expect(timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const key = createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' });
    const signature = Buffer.from(String(delivery.headers['x-shipengine-rsa-sha256-signature']), 'base64');
    expect(verify('RSA-SHA256', Buffer.from(`${timestamp}.${delivery.raw}`), key, signature)).toBe(true);
    expect(verify('RSA-SHA256', Buffer.from(`${timestamp}.${delivery.raw} `), key, signature)).toBe(false);

    const page = (await getUrl(delivery.body.resource_url, { 'api-key': 'demo-v2-key' })).body;
    expect(page.labels).toEqual([
      expect.objectContaining({ label_id: label.label_id, tracking_number: label.tracking_number }),
    ]);
    expect(page.links.prev).toEqual({});
  });

  it('V2: another app holding an event is listed and blocks the subscription; its deliveries are not sent', async () => {
    sim.admin.createForeignWebhook({ api: 'v2', event: 'shipment_created_v2', url: 'https://other-app.example/hooks' });
    const refused = await v2(sim.origin, 'POST', '/environment/webhooks', {
      name: 'connector',
      event: 'shipment_created_v2',
      url: `${receiver.url}/v2s`,
    });
    expect(refused.status).toBe(409);
    const listed = (await v2(sim.origin, 'GET', '/environment/webhooks')).body;
    expect(listed).toContainEqual(
      expect.objectContaining({ event: 'shipment_created_v2', url: 'https://other-app.example/hooks' }),
    );
    await v1(sim.origin, 'POST', '/orders/createorder', v1Order(1501));
    await sim.admin.webhooksIdle();
    expect(
      sim.admin
        .deliveries()
        .filter((d) => d.event === 'shipment_created_v2')
        .map((d) => d.status),
    ).toEqual(['foreign']);
  });

  it('failed deliveries are retried with backoff and logged per attempt; faults drop and duplicate', async () => {
    let answers = [500, 503];
    const flaky = await startReceiver(() => answers.shift() ?? 200);
    const quick = await startShipStationSimulator({ webhookRetryDelaysMs: [10, 20, 40] });
    try {
      await v2(quick.origin, 'POST', '/environment/webhooks', { name: 'x', event: 'label_created_v2', url: flaky.url });
      const order = (await v1(quick.origin, 'POST', '/orders/createorder', v1Order(1601))).body;
      quick.admin.createLabel(order.orderId);
      await quick.admin.webhooksIdle();
      const [delivery] = quick.admin.deliveries();
      expect(delivery!.status).toBe('delivered');
      expect(delivery!.attempts.map((a) => a.status)).toEqual([500, 503, 200]);

      answers = [500, 500, 500, 500];
      const second = (await v1(quick.origin, 'POST', '/orders/createorder', v1Order(1602))).body;
      quick.admin.createLabel(second.orderId);
      await quick.admin.webhooksIdle();
      expect(quick.admin.deliveries()[1]!.status).toBe('failed');
      expect(quick.admin.deliveries()[1]!.attempts).toHaveLength(4);

      quick.admin.setFaults({ webhooks: { duplicateRate: 1 } });
      const third = (await v1(quick.origin, 'POST', '/orders/createorder', v1Order(1603))).body;
      quick.admin.createLabel(third.orderId);
      await quick.admin.webhooksIdle();
      const copies = quick.admin.deliveries().slice(2);
      expect(copies.map((d) => d.status)).toEqual(['delivered', 'delivered']);
      expect(copies[1]!.duplicateOf).toBe(copies[0]!.id);

      quick.admin.setFaults({ seed: 3, webhooks: { reorderWindowMs: 400 } });
      const before = flaky.received.length;
      const reordered = [];
      for (let i = 0; i < 6; i++) {
        const o = (await v1(quick.origin, 'POST', '/orders/createorder', v1Order(1700 + i))).body;
        reordered.push(quick.admin.createLabel(o.orderId)['shipmentId']);
      }
      await quick.admin.webhooksIdle();
      const arrived = await Promise.all(
        flaky.received
          .slice(before)
          .map(async (r) => (await getUrl(r.body.resource_url, { 'api-key': 'demo-v2-key' })).body.labels[0].label_id),
      );
      expect([...arrived].sort()).toEqual(reordered.map((id) => `se-${id}`).sort());
      expect(arrived).not.toEqual(reordered.map((id) => `se-${id}`));

      quick.admin.setFaults({ webhooks: { dropRate: 1 } });
      const fourth = (await v1(quick.origin, 'POST', '/orders/createorder', v1Order(1604))).body;
      quick.admin.createLabel(fourth.orderId);
      await quick.admin.webhooksIdle();
      expect(quick.admin.deliveries().at(-1)!.status).toBe('dropped');
    } finally {
      await quick.stop();
      await flaky.close();
    }
  });
});
