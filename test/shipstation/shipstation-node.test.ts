import shipstationNode from 'shipstation-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShipStationSimulator } from '../../src/simulators/shipstation/shipstation-simulator.js';
import { runPrefix, v1Order } from './fixtures.js';
import { DEMO_V1_KEY, DEMO_V1_SECRET, startSim } from './sim-setup.js';
import { WebhookReceiver } from './webhook-receiver.js';

/**
 * shipstation-node@1.5.6, an independent V1 client, used unchanged against the V1 simulator (vitest inlines
 * it because its published files use extension-less imports).
 *
 * Pointing it at the simulator: the package hard-codes `https://ssapi.shipstation.com/` as its V1 base and
 * its `requestConfig` option is never stored, so the only hook is the instance's own `baseURL` field (private
 * in its .d.ts, a plain property at run time), which every request reads: `ss.v1.baseURL = origin + '/'`.
 */
// Its .d.ts files are typed as CommonJS with extension-less paths, which NodeNext resolution cannot follow;
// this is the slice of its surface the test uses, as its docs describe it.
// biome-ignore lint/suspicious/noExplicitAny: the package's answers are checked by the assertions below
type Call = (...args: any[]) => Promise<any>;
interface NodeClient {
  v1: {
    orders: { createOrUpdate: Call; createOrUpdateMultiple: Call; list: Call; get: Call; createLabel: Call };
    shipments: { list: Call };
    warehouses: { list: Call };
    carriers: { list: Call };
    webhooks: { subscribe: Call; list: Call };
  };
}
const ShipStation = shipstationNode as unknown as new (options: {
  credentials: { v1: { apiKey: string; apiSecret: string } };
}) => NodeClient;

let sim: ShipStationSimulator;
let receiver: WebhookReceiver;
let ss: NodeClient;

beforeAll(async () => {
  sim = await startSim();
  receiver = await new WebhookReceiver().start();
  ss = new ShipStation({ credentials: { v1: { apiKey: DEMO_V1_KEY, apiSecret: DEMO_V1_SECRET } } });
  (ss.v1 as unknown as { baseURL: string }).baseURL = `${sim.origin}/`;
});
afterAll(async () => {
  await sim.stop();
  await receiver.stop();
});

describe('shipstation-node@1.5.6 against the V1 simulator', () => {
  it('creates, lists and gets orders, creates a label, lists shipments, warehouses and carriers', async () => {
    const prefix = runPrefix('N');
    const created = await ss.v1.orders.createOrUpdate(v1Order(prefix, 1));
    expect(created).toMatchObject({ orderKey: `${prefix}-1-1`, orderStatus: 'awaiting_shipment' });
    await ss.v1.orders.createOrUpdateMultiple([v1Order(prefix, 2), v1Order(prefix, 3)]);

    const list = await ss.v1.orders.list({ orderNumber: prefix });
    expect(list.orders.map((o: { orderKey: string }) => o.orderKey).sort()).toEqual([
      `${prefix}-1-1`,
      `${prefix}-2-1`,
      `${prefix}-3-1`,
    ]);
    expect(list).toMatchObject({ total: 3, page: 1, pages: 1 });
    const got = await ss.v1.orders.get(created.orderId);
    expect(got.orderNumber).toBe(created.orderNumber);

    const label = await ss.v1.orders.createLabel({
      orderId: created.orderId,
      carrierCode: 'usps',
      serviceCode: 'usps_priority_mail',
      confirmation: 'none',
      shipDate: '2026-11-26',
      testLabel: false,
    });
    expect(label.trackingNumber).toBeTruthy();
    expect(typeof label.labelData).toBe('string');

    const shipments = await ss.v1.shipments.list({ orderId: created.orderId });
    expect(shipments.shipments.map((s: { shipmentId: number }) => s.shipmentId)).toEqual([label.shipmentId]);

    const warehouses = await ss.v1.warehouses.list();
    expect(warehouses.map((w: { warehouseName: string }) => w.warehouseName)).toContain('Seattle Warehouse');
    const carriers = await ss.v1.carriers.list();
    expect(carriers.map((c: { code: string }) => c.code).sort()).toEqual(['fedex', 'ups', 'usps']);
  });

  it('subscribes a webhook that then delivers', async () => {
    const subscribed = await ss.v1.webhooks.subscribe({
      target_url: `${receiver.url}/node`,
      event: 'ORDER_NOTIFY',
      store_id: null,
      friendly_name: 'shipstation-node',
    });
    expect(typeof (subscribed as { id: number }).id).toBe('number');
    const hooks = await ss.v1.webhooks.list();
    const listed = (hooks as unknown as { webhooks: { WebHookID: number; HookType: string }[] }).webhooks;
    expect(listed.find((h) => h.WebHookID === (subscribed as { id: number }).id)?.HookType).toBe('ORDER_NOTIFY');
    await ss.v1.orders.createOrUpdate(v1Order(runPrefix('N'), 9));
    const delivery = await receiver.waitFor((d) => d.path === '/node');
    expect(JSON.parse(delivery.rawBody)).toMatchObject({ resource_type: 'ORDER_NOTIFY' });
  });
});
