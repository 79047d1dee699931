import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../src/domain/errors.js';
import type { V2Client } from '../../src/integrations/shipstation/v2-client.js';
import type { ShipStationSimulator } from '../../src/simulators/shipstation/shipstation-simulator.js';
import { runPrefix, v1Order, v2Shipment } from './fixtures.js';
import { admin, startSim, v1For, v2For } from './sim-setup.js';

let sim: ShipStationSimulator;
let v2: V2Client;
let warehouseId: string;

beforeAll(async () => {
  sim = await startSim();
  v2 = v2For(sim);
  warehouseId = (await v2.listWarehouses())[0]!.warehouse_id;
});
afterAll(async () => {
  await sim.stop();
});

describe('V2 client against the simulator: reference data', () => {
  it('lists warehouses and carriers with their services', async () => {
    const warehouses = await v2.listWarehouses();
    expect(warehouses.map((w) => w.name)).toEqual(['Seattle Warehouse', 'Chicago Warehouse', 'Atlanta Warehouse']);
    expect(warehouses.every((w) => /^se-\d+$/.test(w.warehouse_id))).toBe(true);
    const carriers = await v2.listCarriers();
    expect(carriers.map((c) => c.carrier_code).sort()).toEqual(['fedex', 'ups', 'usps']);
    const ups = carriers.find((c) => c.carrier_code === 'ups')!;
    expect(ups.services?.map((s) => s.service_code)).toContain('ups_ground');
  });
});

describe('V2 client against the simulator: shipments', () => {
  it('creates in batches of 100 with per-item results; a duplicate external id is flagged for re-linking', async () => {
    const prefix = runPrefix('S');
    const inputs = Array.from({ length: 150 }, (_, i) => v2Shipment(prefix, i + 1, warehouseId));
    const results = await v2.createShipments(inputs);
    expect(v2.stats.snapshot().byEndpoint['POST /v2/shipments']?.requests).toBe(2);
    expect(results).toHaveLength(150);
    expect(results.every((r, i) => r.ok && r.externalShipmentId === inputs[i]!.external_shipment_id)).toBe(true);

    const again = await v2.createShipments([inputs[0]!, v2Shipment(prefix, 999, warehouseId)]);
    expect(again[0]).toMatchObject({ ok: false, duplicate: true });
    expect(again[1]).toMatchObject({ ok: true });
    const existing = await v2.getShipmentByExternalId(inputs[0]!.external_shipment_id);
    expect(existing?.shipment_id).toBe(results[0]!.ok ? results[0]!.shipmentId : undefined);
    expect(await v2.getShipmentByExternalId(`${prefix}-nothing`)).toBeNull();
  });

  it('a per-item validation error does not fail the batch', async () => {
    const prefix = runPrefix('E');
    const bad = v2Shipment(prefix, 2, warehouseId, { warehouse_id: null });
    const results = await v2.createShipments([v2Shipment(prefix, 1, warehouseId), bad]);
    expect(results[0]!.ok).toBe(true);
    expect(results[1]).toMatchObject({ ok: false, duplicate: false });
    expect(results[1]!.ok ? [] : results[1]!.errors).not.toHaveLength(0);
  });

  it('gets, updates (PUT), tags, lists by filters and cancels', async () => {
    const prefix = runPrefix('G');
    const [created] = await v2.createShipments([v2Shipment(prefix, 1, warehouseId)]);
    if (!created?.ok) throw new Error('create failed');
    const shipment = await v2.getShipment(created.shipmentId);
    expect(shipment).toMatchObject({ external_shipment_id: `${prefix}-1-1`, shipment_status: 'pending' });
    const updated = await v2.updateShipment(created.shipmentId, {
      internal_notes: 'rush',
      service_code: 'ups_2nd_day_air',
    });
    expect(updated).toMatchObject({ internal_notes: 'rush', service_code: 'ups_2nd_day_air' });
    expect(Date.parse(updated.modified_at)).toBeGreaterThanOrEqual(Date.parse(shipment.modified_at));

    await v2.addTag(created.shipmentId, 'Rush');
    expect((await v2.getShipment(created.shipmentId)).tags?.map((t) => t.name)).toContain('Rush');
    await v2.removeTag(created.shipmentId, 'Rush');
    expect((await v2.getShipment(created.shipmentId)).tags?.map((t) => t.name)).not.toContain('Rush');

    const byId = await v2.listShipments({ external_shipment_id: `${prefix}-1-1` }).toArray();
    expect(byId.map((s) => s.shipment_id)).toEqual([created.shipmentId]);
    const recent = await v2.listShipments({ createdFrom: new Date(Date.parse(shipment.created_at) - 1000) }).toArray();
    expect(recent.map((s) => s.shipment_id)).toContain(created.shipmentId);
    const later = await v2.listShipments({ createdFrom: new Date(Date.parse(shipment.created_at) + 60_000) }).toArray();
    expect(later.map((s) => s.shipment_id)).not.toContain(created.shipmentId);

    await v2.cancelShipment(created.shipmentId);
    expect((await v2.getShipment(created.shipmentId)).shipment_status).toBe('cancelled');
    const refused = await v2.updateShipment(created.shipmentId, { internal_notes: 'again' }).catch((e) => e);
    expect(refused).toMatchObject({ code: 'validation_failed', retryable: false });
  });

  it('sees a V1 order as a V2 shipment (se- + the same number, orderKey = external_shipment_id)', async () => {
    const v1 = v1For(sim);
    const prefix = runPrefix('X');
    const order = await v1.createOrder(v1Order(prefix, 1));
    const shipment = await v2.getShipmentByExternalId(order.orderKey);
    expect(shipment).toMatchObject({ shipment_id: `se-${order.orderId}`, shipment_number: order.orderNumber });
  });
});

describe('V2 client against the simulator: labels and fulfillments', () => {
  it('buys a label, reads and lists it, refuses updates after it, voids it', async () => {
    const prefix = runPrefix('L');
    const [created] = await v2.createShipments([
      v2Shipment(prefix, 1, warehouseId, { carrier_id: 'se-12001', service_code: 'ups_ground' }),
    ]);
    if (!created?.ok) throw new Error('create failed');
    const label = await v2.createLabelFromShipment(created.shipmentId);
    expect(label).toMatchObject({ shipment_id: created.shipmentId, voided: false });
    expect(label.tracking_number).toBeTruthy();
    expect((await v2.getLabel(label.label_id)).label_id).toBe(label.label_id);
    const listed = await v2.listLabels({ shipment_id: created.shipmentId }).toArray();
    expect(listed.map((l) => l.label_id)).toEqual([label.label_id]);
    const recent = await v2.listLabels({ createdFrom: new Date(Date.parse(label.created_at) - 1000) }).toArray();
    expect(recent.map((l) => l.label_id)).toContain(label.label_id);
    expect((await v2.getShipment(created.shipmentId)).shipment_status).toBe('label_purchased');

    const refused = await v2.updateShipment(created.shipmentId, { internal_notes: 'late' }).catch((e) => e);
    expect(refused).toBeInstanceOf(ConnectorError);
    expect(refused.retryable).toBe(false);
    expect(await v2.voidLabel(label.label_id)).toMatchObject({ approved: true });
  });

  it('marks shipped with outside tracking (fulfillments) and lists them', async () => {
    const prefix = runPrefix('M');
    const [created] = await v2.createShipments([v2Shipment(prefix, 1, warehouseId)]);
    if (!created?.ok) throw new Error('create failed');
    const answer = await v2.createFulfillments([
      { shipment_id: created.shipmentId, tracking_number: 'TRK-M1', carrier_code: 'fedex', ship_date: '2026-11-26' },
    ]);
    expect(answer.has_errors).toBe(false);
    const fulfillments = await v2.listFulfillments({ shipment_id: created.shipmentId }).toArray();
    expect(fulfillments).toHaveLength(1);
    expect(fulfillments[0]).toMatchObject({ shipment_id: created.shipmentId, tracking_number: 'TRK-M1' });
  });
});

describe('V2 client against the simulator: inventory', () => {
  it('lists and creates inventory warehouses and locations, adjusts stock and reads it back', async () => {
    const warehouses = await v2.listInventoryWarehouses().toArray();
    expect(warehouses.map((w) => w.name)).toContain('Seattle Warehouse');
    const locations = await v2
      .listInventoryLocations({ inventory_warehouse_id: warehouses[0]!.inventory_warehouse_id })
      .toArray();
    expect(locations.map((l) => l.name)).toContain('Seattle Warehouse Main Floor');

    const name = runPrefix('W');
    const warehouse = await v2.createInventoryWarehouse(name);
    const location = await v2.createInventoryLocation({
      name: `${name} Bin 1`,
      inventory_warehouse_id: warehouse.inventory_warehouse_id,
    });
    expect(location.inventory_warehouse_id).toBe(warehouse.inventory_warehouse_id);

    const sku = `${name}-SKU`;
    await v2.postInventory({
      transaction_type: 'increment',
      sku,
      quantity: 10,
      inventory_location_id: location.inventory_location_id,
    });
    await v2.postInventory({
      transaction_type: 'adjust',
      sku,
      quantity: 95,
      inventory_location_id: location.inventory_location_id,
      reason: 'cycle count',
    });
    const levels = await v2.getInventory({ sku }).toArray();
    expect(levels).toHaveLength(1);
    expect(levels[0]).toMatchObject({ sku, on_hand: 95, inventory_location_id: location.inventory_location_id });
  });
});

describe('V2 client against the simulator: webhooks and failures', () => {
  it('creates, lists and deletes a webhook; a second URL for the same event is webhook_event_taken', async () => {
    const hook = await v2.createWebhook({ event: 'fulfillment_shipped_v2', url: 'http://127.0.0.1:9/one' });
    expect(hook).toMatchObject({ event: 'fulfillment_shipped_v2', url: 'http://127.0.0.1:9/one' });
    const taken = await v2
      .createWebhook({ event: 'fulfillment_shipped_v2', url: 'http://127.0.0.1:9/two' })
      .catch((e) => e);
    expect(taken).toMatchObject({ code: 'webhook_event_taken', retryable: false });
    expect((await v2.listWebhooks()).map((h) => h.webhook_id)).toContain(hook.webhook_id);
    await v2.deleteWebhook(hook.webhook_id);
    expect((await v2.listWebhooks()).map((h) => h.webhook_id)).not.toContain(hook.webhook_id);
  });

  it('waits out a 429 storm with Retry-After and succeeds', async () => {
    await admin(sim, 'POST', '/faults', { storm: { api: 'v2', durationMs: 1000 } });
    const fresh = v2For(sim);
    const warehouses = await fresh.listWarehouses();
    expect(warehouses.length).toBeGreaterThan(0);
    const stats = fresh.stats.snapshot();
    expect(stats).toMatchObject({ rateLimited: 1, retries: 1 });
    await admin(sim, 'DELETE', '/faults');
  });

  it('does not retry POST /v2/shipments after a lost answer; the item says so and re-linking finds it', async () => {
    const prefix = runPrefix('T');
    await admin(sim, 'POST', '/faults', {
      timeouts: [{ api: 'v2', method: 'POST', route: '/v2/shipments', count: 1, holdMs: 2_000, phase: 'after' }],
    });
    const quick = v2For(sim, {}, 500);
    const [result] = await quick.createShipments([v2Shipment(prefix, 1, warehouseId)]);
    await admin(sim, 'DELETE', '/faults');
    expect(result).toMatchObject({ ok: false, duplicate: false });
    expect(result!.ok ? undefined : result!.error).toMatchObject({ code: 'timeout', retryable: true });
    expect(quick.stats.snapshot().retries).toBe(0);
    expect(await v2.getShipmentByExternalId(`${prefix}-1-1`)).not.toBeNull();
  });
});
