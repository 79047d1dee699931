import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOrders } from '../../src/runtime/flows/orders-flow.js';
import { runReference } from '../../src/runtime/flows/reference-flow.js';
import { DEMO_V2_KEY } from '../../src/simulators/demo-world.js';
import { enterOrders } from '../helpers/sage-orders.js';
import { startWorld, type World } from '../helpers/world.js';

/**
 * `PUT /v2/shipments/{id}` under both readings: ShipStation's guide (merge a partial body) and ShipEngine's
 * document (ship_to and ship_from/warehouse_id required, the body replaces the shipment). A Sage edit must
 * land and keep everything staff set in ShipStation, whichever the server does.
 */
describe.each(['merge', 'replace'] as const)('V2 updates when the server reads PUT as %s', (mode) => {
  let w: World;
  const key = (n: string) => `SAMINC-${n}-1`;

  beforeAll(async () => {
    w = await startWorld({ api: 'v2', v2Only: true, shipstation: { v2Update: mode } });
    await runReference(w.connector, w.connection);
    await runOrders(w.connector, w.connection, 'new');
  });
  afterAll(async () => {
    await w?.stop();
  });

  async function shipment(n: string): Promise<Record<string, unknown>> {
    const res = await fetch(`${w.ss.v2Url}/shipments/external_shipment_id/${encodeURIComponent(key(n))}`, {
      headers: { 'API-Key': DEMO_V2_KEY },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  }

  it('a Sage address change lands and keeps carrier, service, package, weight, dimensions, options staff set', async () => {
    const [n] = enterOrders(w.sage, 1, { start: 700 });
    await runOrders(w.connector, w.connection, 'new');
    const sent = w.ss.admin.getOrderByKey(key(n!));
    const warehouses = (await (
      await fetch(`${w.ss.v2Url}/warehouses`, { headers: { 'API-Key': DEMO_V2_KEY } })
    ).json()) as {
      warehouses: { warehouse_id: string }[];
    };
    const sentWarehouse = `se-${(sent['advancedOptions'] as { warehouseId: number }).warehouseId}`;
    const other = warehouses.warehouses.find((x) => x.warehouse_id !== sentWarehouse)!.warehouse_id;
    const otherWarehouse = { warehouseId: Number(other.slice(3)) };
    w.ss.admin.editOrder(Number(sent['orderId']), {
      carrierCode: 'usps',
      serviceCode: 'usps_priority_mail_express',
      packageCode: 'flat_rate_envelope',
      confirmation: 'signature',
      weight: { value: 99, units: 'ounces' },
      dimensions: { length: 12, width: 9, height: 3, units: 'inches' },
      warehouseId: otherWarehouse.warehouseId,
      insurance: 'shipsurance',
      customs: { contents: 'merchandise', nonDelivery: 'treat_as_abandoned' },
      saturdayDelivery: true,
    });
    const before = await shipment(n!);
    w.sage.admin.editOrder(n!, { header: { ShipToAddressLine1: '700 New Street', ShipToCity: 'Tacoma' } });

    const r = await runOrders(w.connector, w.connection, 'edits');
    expect(r.status === 'ran' && r.outcome.counts['updated'], JSON.stringify(r)).toBe(1);
    const after = await shipment(n!);
    expect(after['ship_to']).toMatchObject({ address_line1: '700 New Street', city_locality: 'Tacoma' });
    for (const field of [
      'carrier_id',
      'service_code',
      'warehouse_id',
      'ship_from',
      'confirmation',
      'insurance_provider',
      'customs',
      'packages',
      'total_weight',
    ]) {
      expect({ field, value: after[field] }).toEqual({ field, value: before[field] });
    }
    expect(after['packages']).toMatchObject([
      {
        package_code: 'flat_rate_envelope',
        weight: { value: 99, unit: 'ounce' },
        dimensions: { length: 12, width: 9, height: 3, unit: 'inch' },
      },
    ]);
    expect(after['advanced_options']).toMatchObject({ saturday_delivery: true });
    expect(after['warehouse_id']).toBe(`se-${otherWarehouse.warehouseId}`);
  });
});

describe('the strict reading refuses an update without ship_to or a ship-from', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ api: 'v2', v2Only: true, shipstation: { v2Update: 'replace' } });
    await runReference(w.connector, w.connection);
    await runOrders(w.connector, w.connection, 'new');
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('answers 400 field_value_required naming the missing part, and clears what a full body leaves out', async () => {
    const list = (await (
      await fetch(`${w.ss.v2Url}/shipments?shipment_status=pending&page_size=1`, {
        headers: { 'API-Key': DEMO_V2_KEY },
      })
    ).json()) as { shipments: Record<string, unknown>[] };
    const current = list.shipments[0]!;
    const put = (body: unknown) =>
      fetch(`${w.ss.v2Url}/shipments/${current['shipment_id']}`, {
        method: 'PUT',
        headers: { 'API-Key': DEMO_V2_KEY, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const noShipTo = await put({ internal_notes: 'only this' });
    expect(noShipTo.status).toBe(400);
    expect(await noShipTo.json()).toMatchObject({ errors: [{ error_code: 'field_value_required' }] });
    const noFrom = await put({ ship_to: current['ship_to'] });
    expect(noFrom.status).toBe(400);
    expect(JSON.stringify(await noFrom.json())).toContain('warehouse_id');

    const replaced = await put({ ship_to: current['ship_to'], warehouse_id: current['warehouse_id'] });
    expect(replaced.status).toBe(200);
    const body = (await replaced.json()) as Record<string, unknown>;
    expect(body['items']).toEqual([]);
    expect(body['external_shipment_id']).toBe(current['external_shipment_id']);
  });
});
