import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOrders } from '../../src/runtime/flows/orders-flow.js';
import { runReference } from '../../src/runtime/flows/reference-flow.js';
import { DEMO_V2_KEY } from '../../src/simulators/demo-world.js';
import { plainItems, stockUp } from '../helpers/sage-orders.js';
import { startWorld, type World } from '../helpers/world.js';

type Json = Record<string, unknown>;

async function v2(w: World, path: string, init: RequestInit = {}): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${w.ss.v2Url}${path}`, {
    ...init,
    headers: { 'API-Key': DEMO_V2_KEY, 'content-type': 'application/json' },
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}

/** The declaration as each API shows it: V1 `internationalOptions`, V2 `customs` + `packages[0].products`. */
async function declaration(w: World, api: 'v1' | 'v2', key: string) {
  if (api === 'v1') {
    const intl = w.ss.admin.getOrderByKey(key)['internationalOptions'] as Json;
    const lines = (intl['customsItems'] as Json[] | null) ?? [];
    return {
      contents: intl['contents'] ?? null,
      nonDelivery: intl['nonDelivery'] ?? null,
      lines: lines.map((l) => ({
        quantity: l['quantity'],
        value: l['value'],
        tariff: l['harmonizedTariffCode'],
        origin: l['countryOfOrigin'],
        id: l['customsItemId'],
      })),
    };
  }
  const { body } = await v2(w, `/shipments/external_shipment_id/${encodeURIComponent(key)}`);
  const customs = (body['customs'] as Json | undefined) ?? null;
  const products = ((body['packages'] as Json[])[0]?.['products'] as Json[] | undefined) ?? [];
  return {
    contents: customs?.['contents'] ?? null,
    nonDelivery: customs?.['non_delivery'] ?? null,
    lines: products.map((p) => ({
      quantity: p['quantity'],
      value: (p['value'] as Json)['amount'],
      tariff: p['harmonized_tariff_code'],
      origin: p['country_of_origin'],
      id: undefined,
    })),
  };
}

// V2 runs twice, as orders-edits does: with both keys and with the V2 key alone (a plan without V1).
describe.each([
  ['v1', false],
  ['v2', false],
  ['v2', true],
] as const)('customs for international orders, orders on %s, V2 key alone: %s', (api, v2Only) => {
  let w: World;
  let items: string[];
  const numbers: Record<string, string> = {};
  const key = (n: string) => `SAMINC-${n}-1`;
  const optionalFields = (item: string) => {
    const json = w.sage.state.itemsByNumber.get(item)!;
    const fields = json['ItemOptionalFields'] as { OptionalField: string; Value: string }[];
    return Object.fromEntries(fields.map((f) => [f.OptionalField, f.Value]));
  };

  beforeAll(async () => {
    w = await startWorld({ api, v2Only });
    await runReference(w.connector, w.connection);
    await runOrders(w.connector, w.connection, 'new');
    items = plainItems(w.sage).slice(0, 3);
    stockUp(w.sage, items);
    w.sage.admin.addItem({
      itemNumber: 'N0-100/0',
      description: 'Unclassified gadget',
      price: 15,
      onHand: 1000,
      optionalFields: { COUNTRYORIG: 'CN' },
    });
    const byCountry = (pattern: RegExp) =>
      String([...w.sage.state.customers.values()].find((c) => pattern.test(String(c['Country'])))!['CustomerNumber']);
    const canadian = byCountry(/^(Canada|CA|CANADA)$/);
    const american = byCountry(/^(USA|US|United States)$/);
    const order = (customerNumber: string, lines: { item: string; quantity: number; price?: number }[]) =>
      String(w.sage.admin.createOrder({ customerNumber, shipViaCode: 'UPSGND', location: '1', lines })['OrderNumber']);
    numbers['ca'] = order(canadian, [
      { item: items[0]!, quantity: 2, price: 40 },
      { item: items[1]!, quantity: 3, price: 12.5 },
    ]);
    numbers['uk'] = order(american, [{ item: items[2]!, quantity: 1, price: 99 }]);
    w.sage.admin.editOrder(numbers['uk'], {
      header: {
        ShipToAddressLine1: '10 Downing Street',
        ShipToCity: 'London',
        ShipToStateProvince: '',
        ShipToZipPostalCode: 'SW1A 2AA',
        ShipToCountry: 'United Kingdom',
      },
    });
    numbers['missing'] = order(canadian, [
      { item: items[0]!, quantity: 1 },
      { item: 'N0-100/0', quantity: 1 },
    ]);
    numbers['us'] = order(american, [{ item: items[0]!, quantity: 1 }]);
    const r = await runOrders(w.connector, w.connection, 'new');
    expect(r.status).toBe('ran');
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('a Canadian and a UK order carry a complete declaration from the Sage items', async () => {
    // Ship-from is the warehouse's origin country as ShipStation shows it (the demo's are in the US).
    const warehouses = await w.app.store.mappings.reference(w.connection.id, 'shipstation', 'warehouse');
    expect(warehouses.map((r) => (r.data as { country?: string }).country)).toEqual(warehouses.map(() => 'US'));
    const ca = await declaration(w, api, key(numbers['ca']!));
    expect(ca).toMatchObject({ contents: 'merchandise', nonDelivery: 'return_to_sender' });
    expect(ca.lines).toEqual([
      expect.objectContaining({ quantity: 2, value: 40, tariff: optionalFields(items[0]!)['HSCODE'] }),
      expect.objectContaining({ quantity: 3, value: 12.5, tariff: optionalFields(items[1]!)['HSCODE'] }),
    ]);
    expect(ca.lines.map((l) => l.origin)).toEqual(items.slice(0, 2).map((i) => optionalFields(i)['COUNTRYORIG']));
    const uk = await declaration(w, api, key(numbers['uk']!));
    expect(w.ss.admin.getOrderByKey(key(numbers['uk']!))['shipTo']).toMatchObject({ country: 'GB' });
    expect(uk.lines).toEqual([
      expect.objectContaining({ quantity: 1, value: 99, tariff: optionalFields(items[2]!)['HSCODE'] }),
    ]);
  });

  it('an order whose item has no tariff code is held, naming the item and the field', async () => {
    expect(() => w.ss.admin.getOrderByKey(key(numbers['missing']!))).toThrow(/No order/);
    const [record] = await w.app.store.records.byDisplay(numbers['missing']!);
    expect(record?.state).toBe('held');
    expect(record?.reason).toMatch(/item N0-100\/0 has no tariff code \(I\/C item optional field HSCODE\)/);
  });

  it('a domestic order carries no declaration', async () => {
    expect(await declaration(w, api, key(numbers['us']!))).toEqual({ contents: null, nonDelivery: null, lines: [] });
  });

  it('a quantity change in Sage updates the declaration (same lines, no duplicates)', async () => {
    const before = await declaration(w, api, key(numbers['ca']!));
    const sage = w.sage.admin.getOrder(numbers['ca']!) as { OrderDetails: { LineNumber: number }[] };
    w.sage.admin.editOrder(numbers['ca']!, {
      setQuantities: [{ lineNumber: sage.OrderDetails[1]!.LineNumber, quantity: 5 }],
    });
    const r = await runOrders(w.connector, w.connection, 'edits');
    expect(r.status === 'ran' && r.outcome.counts['updated']).toBe(1);
    const after = await declaration(w, api, key(numbers['ca']!));
    expect(after.lines.map((l) => l.quantity)).toEqual([2, 5]);
    if (api === 'v1') expect(after.lines.map((l) => l.id)).toEqual(before.lines.map((l) => l.id));
  });

  it.runIf(api === 'v2')('V2 refuses a label abroad without customs, and buys one for the declared order', async () => {
    const warehouse = w.ss.admin.getOrderByKey(key(numbers['ca']!))['advancedOptions'] as Json;
    const shipTo = {
      name: 'Jane Roe',
      phone: '555-0100',
      address_line1: '1 King St W',
      city_locality: 'Toronto',
      state_province: 'ON',
      postal_code: 'M5H 1A1',
      country_code: 'CA',
      address_residential_indicator: 'unknown',
    };
    const created = await v2(w, '/shipments', {
      method: 'POST',
      body: JSON.stringify({
        shipments: [
          {
            external_shipment_id: 'no-customs-1',
            warehouse_id: `se-${warehouse['warehouseId']}`,
            carrier_id: 'se-12001',
            service_code: 'ups_ground',
            ship_to: shipTo,
            items: [{ name: 'Widget', sku: 'W-1', quantity: 1 }],
            packages: [{ package_code: 'package', weight: { value: 1, unit: 'pound' } }],
          },
        ],
      }),
    });
    const id = ((created.body['shipments'] as Json[])[0]!['shipment_id'] as string) ?? '';
    const refused = await v2(w, `/labels/shipment/${id}`, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(400);
    expect((refused.body['errors'] as Json[])[0]).toMatchObject({ error_code: 'customs_items_required' });
    const declared = await v2(w, `/shipments/external_shipment_id/${key(numbers['ca']!)}`);
    const bought = await v2(w, `/labels/shipment/${declared.body['shipment_id']}`, { method: 'POST', body: '{}' });
    expect(bought.status, JSON.stringify(bought.body)).toBe(200);
  });
});
