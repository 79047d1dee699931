import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  v2CarrierSchema,
  v2CreateShipmentsResultSchema,
  v2InventoryLocationSchema,
  v2InventorySchema,
  v2InventoryWarehouseSchema,
  v2LabelSchema,
  v2ShipmentSchema,
  v2VoidResultSchema,
  v2WarehouseSchema,
  v2WebhookSchema,
} from '../../src/integrations/shipstation/v2-schemas.js';
import type { ShipStationSimulator } from '../../src/simulators/shipstation/shipstation-simulator.js';
import { runPrefix, v2Shipment } from './fixtures.js';
import { DEMO_V2_KEY, startSim } from './sim-setup.js';
import { documentViolations } from './v2-document-check.js';
import { V2_DOCUMENT_FACTS } from './v2-document-facts.js';

/**
 * Every V2 answer the connector reads, held to ShipStation's published V2 document (status, required
 * properties, types, no null where the document has no nullable) and to the connector's own zod schemas.
 */
// biome-ignore lint/suspicious/noExplicitAny: answers are read by path in assertions, after the shape checks
type Json = any;

let sim: ShipStationSimulator;
let warehouseId: string;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${sim.v2Url}${path}`, {
    method,
    headers: { 'api-key': DEMO_V2_KEY, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** The answer's status and shape as the document says, and the connector's schema accepts it. */
async function expectDocumented(
  method: string,
  path: string,
  operation: string,
  schema: z.ZodType | null,
  body?: unknown,
): Promise<Json> {
  const answer = await call(method, path, body);
  const facts = V2_DOCUMENT_FACTS[operation];
  if (!facts) throw new Error(`no facts for ${operation}`);
  expect({ operation, status: answer.status }).toEqual({ operation, status: facts.status });
  expect({ operation, violations: documentViolations(answer.body, facts) }).toEqual({ operation, violations: [] });
  if (schema) expect(schema.safeParse(answer.body).error).toBeUndefined();
  return answer.body;
}

const listOf = (schema: z.ZodType, name: string) =>
  ({
    safeParse: (b: Json) => ({ error: b[name].map((x: unknown) => schema.safeParse(x).error).find(Boolean) }),
  }) as Json;

beforeAll(async () => {
  sim = await startSim();
  warehouseId = ((await call('GET', '/warehouses')).body as Json).warehouses[0].warehouse_id;
});
afterAll(async () => {
  await sim.stop();
});

describe('V2 simulator answers as the published document says', () => {
  it('reference data: warehouses, carriers (balance a number, request_id and errors present)', async () => {
    await expectDocumented('GET', '/warehouses', 'GET /v2/warehouses', listOf(v2WarehouseSchema, 'warehouses'));
    const carriers = await expectDocumented(
      'GET',
      '/carriers',
      'GET /v2/carriers',
      listOf(v2CarrierSchema, 'carriers'),
    );
    expect(typeof carriers.carriers[0].balance).toBe('number');
    expect(carriers.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(carriers.errors).toEqual([]);
  });

  it('shipments: create, get, get by external id, list, update, cancel, tags', async () => {
    const prefix = runPrefix('D');
    const created = await expectDocumented('POST', '/shipments', 'POST /v2/shipments', v2CreateShipmentsResultSchema, {
      shipments: [v2Shipment(prefix, 1, warehouseId)],
    });
    const id = created.shipments[0].shipment_id;
    const one = await expectDocumented('GET', `/shipments/${id}`, 'GET /v2/shipments/{shipment_id}', v2ShipmentSchema);
    await expectDocumented(
      'GET',
      `/shipments/external_shipment_id/${prefix}-1-1`,
      'GET /v2/shipments/{shipment_id}',
      v2ShipmentSchema,
    );
    const list = await expectDocumented('GET', `/shipments?shipment_number=${prefix}00001`, 'GET /v2/shipments', null);
    expect(list.shipments).toHaveLength(1);
    for (const s of list.shipments) {
      expect(documentViolations(s, shipmentFacts())).toEqual([]);
      expect(v2ShipmentSchema.safeParse(s).error).toBeUndefined();
    }
    const put = await call('PUT', `/shipments/${id}`, { ...one, internal_notes: 'rush' });
    expect(put.status).toBe(200);
    expect(documentViolations(put.body, shipmentFacts())).toEqual([]);
    expect(await call('POST', `/shipments/${id}/tags/Rush`)).toMatchObject({ status: 200 });
    expect((await call('DELETE', `/shipments/${id}/tags/Rush`)).status).toBe(204);
    await expectDocumented('PUT', `/shipments/${id}/cancel`, 'PUT /v2/shipments/{shipment_id}/cancel', null);
  });

  it('labels: buy (package_id int32), get, list, void', async () => {
    const prefix = runPrefix('B');
    const created = (
      await call('POST', '/shipments', {
        shipments: [v2Shipment(prefix, 1, warehouseId, { carrier_id: 'se-12001', service_code: 'ups_ground' })],
      })
    ).body as Json;
    const id = created.shipments[0].shipment_id;
    const label = await expectDocumented(
      'POST',
      `/labels/shipment/${id}`,
      'GET /v2/labels/{label_id}',
      v2LabelSchema,
      {},
    );
    expect(label.packages.length).toBeGreaterThan(0);
    for (const p of label.packages) expect(p.package_id).toBeLessThan(2 ** 31);
    await expectDocumented('GET', `/labels/${label.label_id}`, 'GET /v2/labels/{label_id}', v2LabelSchema);
    const list = await expectDocumented('GET', `/labels?shipment_id=${id}`, 'GET /v2/labels', null);
    for (const l of list.labels) expect(documentViolations(l, labelFacts())).toEqual([]);
    await expectDocumented(
      'PUT',
      `/labels/${label.label_id}/void`,
      'PUT /v2/labels/{label_id}/void',
      v2VoidResultSchema,
    );
  });

  it('inventory: levels, warehouses, locations, a transaction', async () => {
    const location = ((await call('GET', '/inventory_locations')).body as Json).inventory_locations[0];
    await expectDocumented('POST', '/inventory', 'POST /v2/inventory', null, {
      transaction_type: 'increment',
      sku: 'A1-105/0',
      inventory_location_id: location.inventory_location_id,
      quantity: 5,
    });
    const levels = await expectDocumented(
      'GET',
      '/inventory',
      'GET /v2/inventory',
      listOf(v2InventorySchema, 'inventory'),
    );
    const houses = await expectDocumented(
      'GET',
      '/inventory_warehouses',
      'GET /v2/inventory_warehouses',
      listOf(v2InventoryWarehouseSchema, 'inventory_warehouses'),
    );
    await expectDocumented(
      'GET',
      '/inventory_locations',
      'GET /v2/inventory_locations',
      listOf(v2InventoryLocationSchema, 'inventory_locations'),
    );
    const house = await expectDocumented(
      'POST',
      '/inventory_warehouses',
      'POST /v2/inventory_warehouses',
      v2InventoryWarehouseSchema,
      { name: `${runPrefix('W')} house` },
    );
    await expectDocumented('POST', '/inventory_locations', 'POST /v2/inventory_locations', v2InventoryLocationSchema, {
      name: 'Bin 1',
      inventory_warehouse_id: house.inventory_warehouse_id,
    });
    expect(houses.inventory_warehouses.length).toBeGreaterThan(0);
    expect(levels.inventory.map((l: { sku: string }) => l.sku)).toContain('A1-105/0');
  });

  it('webhooks: create answers 200 (not 201), list is a bare array, delete 204', async () => {
    const hook = await expectDocumented(
      'POST',
      '/environment/webhooks',
      'POST /v2/environment/webhooks',
      v2WebhookSchema,
      { event: 'fulfillment_shipped_v2', url: 'http://127.0.0.1:9/hook', name: 'contract' },
    );
    const list = await call('GET', '/environment/webhooks');
    expect(list.status).toBe(200);
    for (const h of list.body as unknown[]) {
      expect(documentViolations(h, { status: 200, props: webhookItemFacts() })).toEqual([]);
    }
    expect((await call('DELETE', `/environment/webhooks/${hook.webhook_id}`)).status).toBe(204);
  });
});

describe('the document check and the client schemas', () => {
  it('flags an undocumented null, a wrong type and a missing required property', () => {
    const facts = V2_DOCUMENT_FACTS['GET /v2/carriers']!;
    const wrong = { carriers: [{ carrier_id: 'se-1', balance: { currency: 'usd', amount: 1 }, nickname: null }] };
    expect(documentViolations(wrong, facts)).toEqual([
      '$.request_id is required and missing',
      '$.errors is required and missing',
      '$.carriers[].balance is {"currency":"usd","amount":1}; the document says number',
      '$.carriers[].nickname is null; the document has no nullable there',
    ]);
    expect(documentViolations({ packages: [{ package_id: 2 ** 31 }] }, labelFacts())).toEqual([
      '$.packages[].weight is required and missing',
      '$.packages[].package_id is 2147483648; the document says int32',
    ]);
  });

  it('the client reads a carrier balance as a number or as a money object', () => {
    const carrier = { carrier_id: 'se-1', carrier_code: 'ups' };
    expect(v2CarrierSchema.parse({ ...carrier, balance: 12.5 }).balance).toBe(12.5);
    expect(v2CarrierSchema.parse({ ...carrier, balance: { currency: 'usd', amount: 3 } }).balance).toEqual({
      currency: 'usd',
      amount: 3,
    });
  });
});

/** The document's facts of one list item, rebased from the single-record answer to `$`. */
function rebased(operation: string, prefix: string): Record<string, string> {
  const props = V2_DOCUMENT_FACTS[operation]!.props;
  return Object.fromEntries(
    Object.entries(props)
      .filter(([p]) => p.startsWith(prefix))
      .map(([p, t]) => [`$${p.slice(prefix.length)}`, t]),
  );
}
const shipmentFacts = () => ({ status: 200, props: rebased('GET /v2/shipments/{shipment_id}', '$') });
const labelFacts = () => ({ status: 200, props: rebased('GET /v2/labels/{label_id}', '$') });
const webhookItemFacts = () => rebased('POST /v2/environment/webhooks', '$');
