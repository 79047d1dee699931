import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ShipStationSimulator,
  startShipStationSimulator,
} from '../../src/simulators/shipstation/shipstation-simulator.js';
import { v1, v1Order, v2, v2Shipment } from './sim-helpers.js';

describe('ShipStation simulator: V1 and V2 are two views of one account', () => {
  let sim: ShipStationSimulator;
  let warehouseId: string;
  beforeAll(async () => {
    sim = await startShipStationSimulator({ v1Rate: 10_000, v2Rate: 10_000 });
    warehouseId = (await v2(sim.origin, 'GET', '/warehouses')).body.warehouses[0].warehouse_id;
  });
  afterAll(() => sim.stop());

  it('a V1 order is a V2 shipment: se- ids, orderKey ↔ external_shipment_id, orderNumber ↔ shipment_number', async () => {
    const order = (await v1(sim.origin, 'POST', '/orders/createorder', v1Order(9001))).body;
    const shipment = (await v2(sim.origin, 'GET', `/shipments/se-${order.orderId}`)).body;
    expect(shipment).toMatchObject({
      shipment_id: `se-${order.orderId}`,
      external_shipment_id: 'SAMINC-9001-1',
      shipment_number: '9001',
      shipment_status: 'pending',
      service_code: 'ups_ground',
      warehouse_id: `se-${order.advancedOptions.warehouseId}`,
      store_id: 'se-310001',
      amount_paid: { currency: 'usd', amount: 9.5 },
    });
    expect(shipment.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(shipment.items[0]).toMatchObject({
      sku: 'A1-105/0',
      quantity: 3,
      external_order_item_id: '32',
      sales_order_id: `se-${order.orderId}`,
    });
    expect(shipment.ship_from.city_locality).toBe('Seattle');
    const byKey = await v2(sim.origin, 'GET', '/shipments/external_shipment_id/SAMINC-9001-1');
    expect(byKey.body.shipment_id).toBe(`se-${order.orderId}`);
    expect((await v2(sim.origin, 'GET', '/shipments/external_shipment_id/nope')).status).toBe(404);
  });

  it('a V2 shipment with create_sales_order is a V1 order; without it V1 does not see it', async () => {
    const created = await v2(sim.origin, 'POST', '/shipments', {
      shipments: [v2Shipment(9101, warehouseId), v2Shipment(9102, warehouseId, { create_sales_order: false })],
    });
    expect(created.status).toBe(200);
    expect(created.body.has_errors).toBe(false);
    const [sales, plain] = created.body.shipments;
    expect(sales).toMatchObject({
      external_shipment_id: 'SAMINC-9101-1',
      shipment_number: '9101',
      errors: [],
      address_validation: null,
    });
    const id = Number(sales.shipment_id.slice(3));
    const order = (await v1(sim.origin, 'GET', `/orders/${id}`)).body;
    expect(order).toMatchObject({
      orderKey: 'SAMINC-9101-1',
      orderNumber: '9101',
      orderStatus: 'awaiting_shipment',
      amountPaid: 99.99,
    });
    expect(order.shipTo).toMatchObject({
      name: 'Amanda Miller',
      street1: '525 S Winchester Blvd',
      city: 'San Jose',
      residential: true,
    });
    expect(order.weight).toMatchObject({ value: 18, units: 'ounces' });
    expect((await v1(sim.origin, 'GET', `/orders/${plain.shipment_id.slice(3)}`)).status).toBe(404);
  });

  it('V2 refuses a duplicate external_shipment_id per item, within a request and against the account', async () => {
    const answer = await v2(sim.origin, 'POST', '/shipments', {
      shipments: [v2Shipment(9201, warehouseId), v2Shipment(9201, warehouseId), v2Shipment(9001, warehouseId)],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.has_errors).toBe(true);
    const [first, second, third] = answer.body.shipments;
    expect(first.errors).toEqual([]);
    expect(second.shipment_id).toBeNull();
    expect(second.errors[0]).toContain("external_shipment_id 'SAMINC-9201-1' already exists");
    expect(third.errors[0]).toContain("'SAMINC-9001-1' already exists (shipment_id se-");
  });

  it('a label bought through V2 shows as shipped in V1, and a V1 label shows as a V2 label', async () => {
    const created = (
      await v2(sim.origin, 'POST', '/shipments', {
        shipments: [v2Shipment(9301, warehouseId, { carrier_id: 'se-12002', service_code: 'fedex_2day' })],
      })
    ).body;
    const shipmentId = created.shipments[0].shipment_id;
    const label = await v2(sim.origin, 'POST', `/labels/shipment/${shipmentId}`, {});
    expect(label.status).toBe(200);
    expect(label.body).toMatchObject({
      status: 'completed',
      shipment_id: shipmentId,
      external_shipment_id: 'SAMINC-9301-1',
      carrier_code: 'fedex',
      service_code: 'fedex_2day',
      voided: false,
    });
    const orderId = Number(shipmentId.slice(3));
    expect((await v1(sim.origin, 'GET', `/orders/${orderId}`)).body.orderStatus).toBe('shipped');
    const v1Shipments = (await v1(sim.origin, 'GET', `/shipments?orderId=${orderId}`)).body.shipments;
    expect(v1Shipments).toHaveLength(1);
    expect(`se-${v1Shipments[0].shipmentId}`).toBe(label.body.label_id);
    expect(v1Shipments[0].trackingNumber).toBe(label.body.tracking_number);
    expect((await v2(sim.origin, 'GET', `/shipments/${shipmentId}`)).body.shipment_status).toBe('label_purchased');

    const order = (await v1(sim.origin, 'POST', '/orders/createorder', v1Order(9302))).body;
    const v1Label = (
      await v1(sim.origin, 'POST', '/orders/createlabelfororder', {
        orderId: order.orderId,
        carrierCode: 'usps',
        serviceCode: 'usps_priority_mail',
      })
    ).body;
    const asV2 = (await v2(sim.origin, 'GET', `/labels/se-${v1Label.shipmentId}`)).body;
    expect(asV2).toMatchObject({
      label_id: `se-${v1Label.shipmentId}`,
      tracking_number: v1Label.trackingNumber,
      shipment_id: `se-${order.orderId}`,
    });
    expect((await v2(sim.origin, 'GET', '/labels/se-1')).text).toBe('');
  });

  it('V2 PUT merges a partial body, and is refused once a label is bought or the shipment is cancelled', async () => {
    const created = (await v2(sim.origin, 'POST', '/shipments', { shipments: [v2Shipment(9401, warehouseId)] })).body;
    const id = created.shipments[0].shipment_id;
    const updated = await v2(sim.origin, 'PUT', `/shipments/${id}`, {
      internal_notes: 'pick from bay 4',
      carrier_id: 'se-12001',
      service_code: 'ups_ground',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      internal_notes: 'pick from bay 4',
      service_code: 'ups_ground',
      shipment_number: '9401',
    });
    expect(updated.body.items).toHaveLength(1);
    expect(Date.parse(updated.body.modified_at)).toBeGreaterThanOrEqual(Date.parse(updated.body.created_at));
    await v2(sim.origin, 'POST', `/labels/shipment/${id}`, {});
    const refused = await v2(sim.origin, 'PUT', `/shipments/${id}`, { internal_notes: 'late' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ error_type: 'business_rules', error_code: 'invalid_status' });

    const other = (await v2(sim.origin, 'POST', '/shipments', { shipments: [v2Shipment(9402, warehouseId)] })).body
      .shipments[0].shipment_id;
    expect((await v2(sim.origin, 'PUT', `/shipments/${other}/cancel`)).status).toBe(204);
    expect((await v1(sim.origin, 'GET', `/orders/${other.slice(3)}`)).body.orderStatus).toBe('cancelled');
    expect((await v2(sim.origin, 'PUT', `/shipments/${other}`, { internal_notes: 'x' })).status).toBe(400);
  });

  it('voiding through V2 voids the V1 shipment and reopens the order; fulfillments appear in both APIs', async () => {
    const order = (await v1(sim.origin, 'POST', '/orders/createorder', v1Order(9501))).body;
    const label = sim.admin.createLabel(order.orderId, { packages: 3 });
    const trackingNumbers = label['trackingNumbers'] as string[];
    expect(trackingNumbers).toHaveLength(3);
    const v2Label = (await v2(sim.origin, 'GET', `/labels/se-${label['shipmentId']}`)).body;
    expect(v2Label.packages.map((p: { tracking_number: string }) => p.tracking_number)).toEqual(trackingNumbers);
    expect(v2Label.tracking_number).toBe(trackingNumbers[0]);
    const voided = await v2(sim.origin, 'PUT', `/labels/se-${label['shipmentId']}/void`);
    expect(voided.body).toMatchObject({ approved: true });
    expect((await v1(sim.origin, 'GET', `/shipments?orderId=${order.orderId}`)).body.shipments[0].voided).toBe(true);
    expect((await v1(sim.origin, 'GET', `/orders/${order.orderId}`)).body.orderStatus).toBe('awaiting_shipment');
    expect((await v2(sim.origin, 'PUT', `/labels/se-${label['shipmentId']}/void`)).body).toMatchObject({
      approved: false,
      reason_code: 'label_already_voided',
    });

    const marked = await v2(sim.origin, 'POST', '/fulfillments', {
      fulfillments: [{ shipment_id: `se-${order.orderId}`, tracking_number: 'TRACK-1', carrier_code: 'ups' }],
    });
    expect(marked.body).toMatchObject({
      has_errors: false,
      fulfillments: [{ shipment_id: `se-${order.orderId}`, error_message: null }],
    });
    const v1f = (await v1(sim.origin, 'GET', `/fulfillments?orderId=${order.orderId}`)).body.fulfillments[0];
    const v2f = (await v2(sim.origin, 'GET', `/fulfillments?shipment_id=se-${order.orderId}`)).body.fulfillments[0];
    expect(v2f.fulfillment_id).toBe(`se-${v1f.fulfillmentId}`);
    expect(v2f.tracking_number).toBe('TRACK-1');
  });

  it('reference data: warehouses, carriers with services, stores, inventory warehouses and locations', async () => {
    const v1Warehouses = (await v1(sim.origin, 'GET', '/warehouses')).body;
    const v2Warehouses = (await v2(sim.origin, 'GET', '/warehouses')).body.warehouses;
    expect(v1Warehouses.map((w: { warehouseName: string }) => w.warehouseName)).toEqual([
      'Seattle Warehouse',
      'Chicago Warehouse',
      'Atlanta Warehouse',
    ]);
    expect(v2Warehouses.map((w: { warehouse_id: string }) => w.warehouse_id)).toEqual(
      v1Warehouses.map((w: { warehouseId: number }) => `se-${w.warehouseId}`),
    );
    const services = (await v1(sim.origin, 'GET', '/carriers/listservices?carrierCode=fedex')).body;
    expect(services[0]).toEqual({
      carrierCode: 'fedex',
      code: 'fedex_ground',
      name: 'FedEx Ground®',
      domestic: true,
      international: false,
    });
    const carriers = (await v2(sim.origin, 'GET', '/carriers')).body.carriers;
    expect(carriers.map((c: { carrier_code: string }) => c.carrier_code)).toEqual(['ups', 'fedex', 'usps']);
    expect(carriers[0].services.map((s: { service_code: string }) => s.service_code)).toContain('ups_ground');
    expect((await v1(sim.origin, 'GET', '/stores')).body).toEqual([
      expect.objectContaining({ storeId: 310001, marketplaceName: 'ShipStation' }),
    ]);
    const inventoryWarehouses = (await v2(sim.origin, 'GET', '/inventory_warehouses')).body.inventory_warehouses;
    expect(inventoryWarehouses.map((w: { name: string }) => w.name)).toEqual([
      'Seattle Warehouse',
      'Chicago Warehouse',
      'Atlanta Warehouse',
    ]);
    const locations = (await v2(sim.origin, 'GET', '/inventory_locations')).body.inventory_locations;
    expect(locations[0]).toMatchObject({
      name: 'Seattle Warehouse Main Floor',
      inventory_warehouse_id: inventoryWarehouses[0].inventory_warehouse_id,
    });
  });

  it('V2 inventory: adjust/increment/decrement answer 204; on_hand, allocated by open orders, available', async () => {
    const location = (await v2(sim.origin, 'GET', '/inventory_locations')).body.inventory_locations[0]
      .inventory_location_id;
    const post = (body: Record<string, unknown>) =>
      v2(sim.origin, 'POST', '/inventory', { inventory_location_id: location, sku: 'INV-1', ...body });
    const adjusted = await post({ transaction_type: 'adjust', quantity: 50 });
    expect(adjusted.status).toBe(204);
    expect(adjusted.text).toBe('');
    expect((await post({ transaction_type: 'increment', quantity: 5 })).status).toBe(204);
    const tooMany = await post({ transaction_type: 'decrement', quantity: 500 });
    expect(tooMany.status).toBe(400);
    expect((await post({ transaction_type: 'decrement', quantity: 3 })).status).toBe(204);
    // An open order from the Seattle warehouse (the default) allocates 4.
    await v1(
      sim.origin,
      'POST',
      '/orders/createorder',
      v1Order(9601, { items: [{ sku: 'INV-1', name: 'Stocked', quantity: 4 }] }),
    );
    const listed = (await v2(sim.origin, 'GET', '/inventory?sku=INV-1')).body;
    expect(listed.inventory).toEqual([
      expect.objectContaining({
        sku: 'INV-1',
        on_hand: 52,
        allocated: 4,
        available: 48,
        inventory_location_id: location,
      }),
    ]);
    expect(listed.links.prev).toEqual({});
  });

  it('without the Inventory add-on /v2/inventory answers 403', async () => {
    const bare = await startShipStationSimulator({ inventoryEnabled: false });
    try {
      const answer = await v2(bare.origin, 'GET', '/inventory');
      expect(answer.status).toBe(403);
      expect(answer.body.errors[0].error_type).toBe('account_status');
      expect((await v2(bare.origin, 'GET', '/warehouses')).status).toBe(200);
    } finally {
      await bare.stop();
    }
  });
});
