import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ShipStationSimulator,
  startShipStationSimulator,
} from '../../src/simulators/shipstation/shipstation-simulator.js';
import { v1, v1Order } from './sim-helpers.js';

describe('ShipStation simulator: V1 orders', () => {
  let sim: ShipStationSimulator;
  beforeAll(async () => {
    sim = await startShipStationSimulator({ v1Rate: 10_000 });
  });
  afterAll(() => sim.stop());

  it('createorder creates, then upserts by orderKey as a full replace that clears omitted fields', async () => {
    const created = await v1(sim.origin, 'POST', '/orders/createorder', v1Order(5001, { internalNotes: 'call first' }));
    expect(created.status).toBe(200);
    const order = created.body;
    expect(order).toMatchObject({ orderNumber: '5001', orderKey: 'SAMINC-5001-1', orderStatus: 'awaiting_shipment' });
    expect(order.orderTotal).toBe(11); // 3 × 2.5 + 10 × 0.2 + 0.5 tax + 1 shipping
    expect(order.advancedOptions.storeId).toBe(310001);
    expect(order.advancedOptions.warehouseId).toBeGreaterThan(0);
    expect(order.items.map((i: { orderItemId: number }) => i.orderItemId)).toHaveLength(2);
    expect(order.createDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}$/);

    // Warehouse staff set a package and tags in the UI…
    const tags = (await v1(sim.origin, 'GET', '/accounts/listtags')).body;
    sim.admin.editOrder(order.orderId, {
      packageCode: 'package',
      weight: { value: 3, units: 'pounds' },
      tagIds: [tags[0].tagId],
    });
    // …and a client sends a partial body: the full replace wipes what it omitted.
    const partial = v1Order(5001);
    delete partial['carrierCode'];
    delete partial['serviceCode'];
    const replaced = await v1(sim.origin, 'POST', '/orders/createorder', partial);
    expect(replaced.status).toBe(200);
    expect(replaced.body.orderId).toBe(order.orderId);
    expect(replaced.body).toMatchObject({
      carrierCode: null,
      serviceCode: null,
      packageCode: null,
      internalNotes: null,
      tagIds: null,
    });
    expect(replaced.body.weight).toMatchObject({ value: 12, units: 'ounces' }); // back to the items' weight
    // Lines keep their ids when the same lineItemKey comes back.
    expect(replaced.body.items.map((i: { orderItemId: number }) => i.orderItemId)).toEqual(
      order.items.map((i: { orderItemId: number }) => i.orderItemId),
    );
    // Read-only values in the body are ignored.
    const withReadOnly = await v1(sim.origin, 'POST', '/orders/createorder', {
      ...v1Order(5001),
      customerId: 1,
      orderTotal: 999,
    });
    expect(withReadOnly.body.orderTotal).toBe(11);
  });

  it('createorder with orderId updates that order; an unknown orderId is refused', async () => {
    const created = (await v1(sim.origin, 'POST', '/orders/createorder', v1Order(5002))).body;
    const byId = await v1(sim.origin, 'POST', '/orders/createorder', {
      ...v1Order(5002),
      orderKey: undefined,
      orderId: created.orderId,
      customerNotes: 'by id',
    });
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ orderId: created.orderId, orderKey: 'SAMINC-5002-1', customerNotes: 'by id' });
    const unknown = await v1(sim.origin, 'POST', '/orders/createorder', { ...v1Order(5003), orderId: 123 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.ExceptionMessage).toContain('123');
  });

  it('shipped and cancelled orders are locked: 400 with an ExceptionMessage saying why', async () => {
    const order = (await v1(sim.origin, 'POST', '/orders/createorder', v1Order(5010))).body;
    sim.admin.createLabel(order.orderId);
    const shipped = await v1(sim.origin, 'POST', '/orders/createorder', v1Order(5010, { customerNotes: 'too late' }));
    expect(shipped.status).toBe(400);
    expect(shipped.body).toMatchObject({ Message: 'An error has occurred.', ExceptionType: 'System.Exception' });
    expect(shipped.body.ExceptionMessage).toContain("status 'shipped'");

    const cancel = await v1(sim.origin, 'POST', '/orders/createorder', v1Order(5011, { orderStatus: 'cancelled' }));
    expect(cancel.body.orderStatus).toBe('cancelled');
    const cancelled = await v1(sim.origin, 'POST', '/orders/createorder', v1Order(5011));
    expect(cancelled.status).toBe(400);
    expect(cancelled.body.ExceptionMessage).toContain("status 'cancelled'");
  });

  it('createorders: per-order success/errorMessage, and 101 orders answer 400 in the ModelState shape', async () => {
    const ok = v1Order(5020);
    const noShipTo = v1Order(5021, { shipTo: undefined });
    const bulk = await v1(sim.origin, 'POST', '/orders/createorders', [ok, noShipTo]);
    expect(bulk.status).toBe(200);
    expect(bulk.body.hasErrors).toBe(true);
    expect(bulk.body.results[0]).toMatchObject({
      orderNumber: '5020',
      orderKey: 'SAMINC-5020-1',
      success: true,
      errorMessage: null,
    });
    expect(bulk.body.results[1]).toMatchObject({ orderNumber: '5021', success: false, orderId: 0 });
    expect(bulk.body.results[1].errorMessage).toMatch(/shipTo/);

    const tooMany = Array.from({ length: 101 }, (_, i) => v1Order(6000 + i));
    const refused = await v1(sim.origin, 'POST', '/orders/createorders', tooMany);
    expect(refused.status).toBe(400);
    expect(refused.body.Message).toBe('The request is invalid.');
    expect(Object.keys(refused.body.ModelState)).toEqual(['apiOrders']);
    expect((await v1(sim.origin, 'GET', '/orders?orderNumber=6000')).body.total).toBe(0);

    const hundred = await v1(sim.origin, 'POST', '/orders/createorders', tooMany.slice(0, 100));
    expect(hundred.status).toBe(200);
    expect(hundred.body.results.every((r: { success: boolean }) => r.success)).toBe(true);
  });

  it('model-binding errors fail the whole request with ModelState (wrong JSON types, array vs object)', async () => {
    const badQuantity = await v1(sim.origin, 'POST', '/orders/createorders', [
      v1Order(5030),
      v1Order(5031, { items: [{ sku: 'X', name: 'X', quantity: 1.5 }] }),
    ]);
    expect(badQuantity.status).toBe(400);
    expect(Object.keys(badQuantity.body.ModelState)).toEqual(['apiOrders[1].items[0].quantity']);
    expect((await v1(sim.origin, 'GET', '/orders?orderNumber=5030')).body.total).toBe(0);
    const badBool = await v1(sim.origin, 'POST', '/orders/createorder', v1Order(5032, { gift: 0 }));
    expect(badBool.status).toBe(400);
    expect(Object.keys(badBool.body.ModelState)).toEqual(['apiOrder.gift']);
    const arrayToSingle = await v1(sim.origin, 'POST', '/orders/createorder', [v1Order(5033)]);
    expect(arrayToSingle.body.ModelState.apiOrder[0]).toContain(
      "Cannot deserialize the current JSON array (e.g. [1,2,3]) into type 'SS.OpenApi.Models.Orders.Order'",
    );
    const objectToBulk = await v1(sim.origin, 'POST', '/orders/createorders', v1Order(5034));
    expect(Object.keys(objectToBulk.body.ModelState)).toEqual(['apiOrders.orderNumber']);
  });

  it('the orderNumber filter is a prefix match, paths are case-insensitive, get/delete/hold work', async () => {
    for (const n of [7100, 71001, 7200]) await v1(sim.origin, 'POST', '/Orders/CreateOrder', v1Order(n));
    const prefix = await v1(sim.origin, 'GET', '/orders?orderNumber=7100');
    expect(prefix.body.orders.map((o: { orderNumber: string }) => o.orderNumber)).toEqual(['7100', '71001']);
    const order = prefix.body.orders[0];
    expect((await v1(sim.origin, 'GET', `/Orders/${order.orderId}`)).body.orderKey).toBe('SAMINC-7100-1');

    const hold = await v1(sim.origin, 'POST', '/orders/holduntil', {
      orderId: order.orderId,
      holdUntilDate: '2099-01-01',
    });
    expect(hold.body).toEqual({ success: true, message: 'Order held successfully.' });
    const held = (await v1(sim.origin, 'GET', `/orders/${order.orderId}`)).body;
    expect(held).toMatchObject({ orderStatus: 'on_hold', holdUntilDate: '2099-01-01' });
    expect((await v1(sim.origin, 'POST', '/orders/restorefromhold', { orderId: order.orderId })).body.success).toBe(
      true,
    );
    expect((await v1(sim.origin, 'GET', `/orders/${order.orderId}`)).body.orderStatus).toBe('awaiting_shipment');

    const deleted = await v1(sim.origin, 'DELETE', `/orders/${order.orderId}`);
    expect(deleted.body).toEqual({ success: true, message: 'The requested order has been deleted.' });
    expect((await v1(sim.origin, 'GET', '/orders?orderNumber=7100')).body.total).toBe(1);
    expect((await v1(sim.origin, 'GET', '/orders/999')).status).toBe(404);
  });

  it('markasshipped makes a fulfillment, not a shipment; the order becomes shipped', async () => {
    const order = (await v1(sim.origin, 'POST', '/orders/createorder', v1Order(8001))).body;
    const marked = await v1(sim.origin, 'POST', '/orders/markasshipped', {
      orderId: order.orderId,
      carrierCode: 'usps',
      shipDate: '2026-11-21',
      trackingNumber: '9400100000000000000001',
      notifyCustomer: false,
      notifySalesChannel: false,
    });
    expect(marked.body).toEqual({ orderId: order.orderId, orderNumber: '8001' });
    expect((await v1(sim.origin, 'GET', `/orders/${order.orderId}`)).body.orderStatus).toBe('shipped');
    expect((await v1(sim.origin, 'GET', `/shipments?orderId=${order.orderId}`)).body.total).toBe(0);
    const fulfillments = await v1(sim.origin, 'GET', `/fulfillments?orderId=${order.orderId}`);
    expect(fulfillments.body.fulfillments).toEqual([
      expect.objectContaining({
        orderNumber: '8001',
        trackingNumber: '9400100000000000000001',
        shipDate: '2026-11-21T00:00:00.0000000',
        carrierCode: 'usps',
      }),
    ]);
  });

  it('createlabelfororder makes a shipment with a tracking number; voidlabel puts the order back', async () => {
    const order = (await v1(sim.origin, 'POST', '/orders/createorder', v1Order(8101))).body;
    const label = await v1(sim.origin, 'POST', '/orders/createlabelfororder', {
      orderId: order.orderId,
      carrierCode: 'fedex',
      serviceCode: 'fedex_ground',
      confirmation: 'none',
      shipDate: '2026-11-22',
      testLabel: false,
    });
    expect(label.status).toBe(200);
    expect(label.body.trackingNumber).toMatch(/^\d{12}$/);
    expect(Buffer.from(label.body.labelData, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const withItems = await v1(sim.origin, 'GET', `/shipments?orderId=${order.orderId}&includeShipmentItems=true`);
    expect(withItems.body.shipments[0].shipmentItems.map((i: { sku: string }) => i.sku)).toEqual([
      'A1-105/0',
      'A1-200/0',
    ]);
    expect((await v1(sim.origin, 'GET', `/orders/${order.orderId}`)).body).toMatchObject({
      orderStatus: 'shipped',
      shipDate: '2026-11-22',
    });

    const unknownService = await v1(sim.origin, 'POST', '/orders/createlabelfororder', {
      orderId: order.orderId,
      carrierCode: 'fedex',
      serviceCode: 'warp',
    });
    expect(unknownService.status).toBe(400);

    const voided = await v1(sim.origin, 'POST', '/shipments/voidlabel', { shipmentId: label.body.shipmentId });
    expect(voided.body).toEqual({ approved: true, message: 'Label voided successfully' });
    const listed = (await v1(sim.origin, 'GET', `/shipments?orderId=${order.orderId}`)).body.shipments[0];
    expect(listed.voided).toBe(true);
    expect(listed.voidDate).toMatch(/\.\d{7}$/);
    expect((await v1(sim.origin, 'GET', `/orders/${order.orderId}`)).body.orderStatus).toBe('awaiting_shipment');
  });
});
