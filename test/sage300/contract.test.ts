import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sage300Client, type Sage300ClientOptions } from '../../src/integrations/sage300/client.js';
import { Sage300ApiError } from '../../src/integrations/sage300/errors.js';
import { quote } from '../../src/integrations/sage300/odata-url.js';
import { SAGE300_REQUIRED } from '../../src/integrations/sage300/required.js';
import {
  customerSchema,
  itemSchema,
  locationDetailSchema,
  locationSchema,
  orderSchema,
  shipViaSchema,
} from '../../src/integrations/sage300/schemas.js';
import { type Sage300Simulator, startSage300Simulator } from '../../src/simulators/sage300/server.js';

/**
 * Contract of the Sage 300 client: read-only checks that hold against the simulator and against a real
 * Sage 300. With SAGE300_TEST_URL, SAGE300_TEST_USER and SAGE300_TEST_PASSWORD set (and optionally
 * SAGE300_TEST_KEEP_CASE=1), the same suite also runs against that server — it only reads.
 */
const REAL: Sage300ClientOptions | undefined =
  process.env['SAGE300_TEST_URL'] &&
  process.env['SAGE300_TEST_USER'] &&
  process.env['SAGE300_TEST_PASSWORD'] !== undefined
    ? {
        baseUrl: process.env['SAGE300_TEST_URL'],
        user: process.env['SAGE300_TEST_USER'],
        password: process.env['SAGE300_TEST_PASSWORD'],
        keepCase: process.env['SAGE300_TEST_KEEP_CASE'] === '1',
      }
    : undefined;

function contract(name: string, target: () => Sage300ClientOptions) {
  describe(`Sage 300 client contract: ${name}`, () => {
    let client: Sage300Client;
    beforeAll(() => {
      client = new Sage300Client({ ...target(), retry: { baseDelayMs: 50 } });
    });

    it('reads the company from the base URL', () => {
      expect(client.company).toMatch(/^[A-Z0-9]{1,6}$/);
    });

    it('master data validates against the schemas', async () => {
      const vias = await client.listAll('OE', 'OEShipViaCodes', { schema: shipViaSchema });
      expect(vias.length).toBeGreaterThan(0);
      const locations = await client.listAll('IC', 'ICLocations', { schema: locationSchema });
      expect(locations.length).toBeGreaterThan(0);
      const [customer] = await client.listAll('AR', 'ARCustomers', { top: 1, schema: customerSchema });
      expect(customer?.CustomerNumber).toBeTruthy();
      const [item] = await client.listAll('IC', 'ICItems', { top: 1, schema: itemSchema });
      expect(item?.UnformattedItemNumber).toBeTruthy();
    });

    it('$select returns only the selected properties', async () => {
      const [row] = await client.listAll('AR', 'ARCustomers', { top: 1, select: ['CustomerNumber', 'CustomerName'] });
      expect(Object.keys(row ?? {}).filter((k) => !k.startsWith('@'))).toEqual(['CustomerNumber', 'CustomerName']);
    });

    it('orders page through nextLink, as many rows as @odata.count, no duplicates', async () => {
      const count = await client.count('OE', 'OEOrders');
      const seen = new Set<number>();
      let pages = 0;
      for await (const page of client.list('OE', 'OEOrders', {
        select: ['OrderUniquifier', 'OrderNumber', 'OrderDate'],
        schema: orderSchema,
      })) {
        pages += 1;
        for (const o of page) {
          expect(seen.has(o.OrderUniquifier)).toBe(false);
          seen.add(o.OrderUniquifier);
        }
        if (pages >= 20) break;
      }
      if (count !== undefined && pages < 20) expect(seen.size).toBe(count);
    });

    it('an order by key is the bare entity with its details; a missing key is null', async () => {
      const [first] = await client.listAll('OE', 'OEOrders', { top: 1, select: ['OrderUniquifier'] });
      if (!first) return;
      const order = await client.getByKey('OE', 'OEOrders', Number(first['OrderUniquifier']), { schema: orderSchema });
      expect(order?.OrderUniquifier).toBe(first['OrderUniquifier']);
      expect(Array.isArray(order?.OrderDetails)).toBe(true);
      expect(await client.getByKey('AR', 'ARCustomers', 'NO SUCH CUSTOMER ZZ')).toBeNull();
    });

    it('filters by string, date and enum literal', async () => {
      const [customer] = await client.listAll('AR', 'ARCustomers', { top: 1, select: ['CustomerNumber'] });
      const number = String(customer?.['CustomerNumber']);
      const hit = await client.listAll('AR', 'ARCustomers', {
        filter: `CustomerNumber eq ${quote(number)}`,
        select: ['CustomerNumber'],
      });
      expect(hit.map((c) => c['CustomerNumber'])).toEqual([number]);
      await client.listAll('OE', 'OEOrders', {
        filter: "OrderDate ge 2024-01-01T00:00:00Z and OrderType eq 'Active'",
        select: ['OrderUniquifier'],
        top: 5,
      });
    });

    it('a malformed filter is a permanent InvalidParameters error', async () => {
      const error = await client.listAll('OE', 'OEOrders', { filter: 'OrderUniquifier gt' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Sage300ApiError);
      expect((error as Sage300ApiError).sageCode).toBe('InvalidParameters');
      expect((error as Sage300ApiError).retryable).toBe(false);
    });

    it('$metadata lists what the connector needs', async () => {
      const oe = await client.metadata('OE');
      for (const r of SAGE300_REQUIRED.filter((x) => x.module === 'OE')) {
        for (const p of r.properties) expect(oe.entitySets.get(r.resource)?.has(p), `${r.resource}.${p}`).toBe(true);
      }
    });

    it('location details read stock per item and location', async () => {
      const rows = await client.listAll('IC', 'ICLocationDetails', { top: 5, schema: locationDetailSchema });
      for (const r of rows) expect(typeof r.QuantityOnHand).toBe('number');
    });
  });
}

let sim: Sage300Simulator;
beforeAll(async () => {
  sim = await startSage300Simulator();
});
afterAll(async () => {
  await sim?.stop();
});

contract('simulator', () => ({ baseUrl: sim.baseUrl, user: 'webapi', password: 'webapi' }));

if (REAL) {
  contract(`real Sage 300 at ${new URL(REAL.baseUrl).host}`, () => REAL);
} else {
  describe.skip('Sage 300 client contract: real Sage 300 (skipped: set SAGE300_TEST_URL, SAGE300_TEST_USER and SAGE300_TEST_PASSWORD to run it read-only against a server)', () => {
    it('runs the same contract', () => {});
  });
}
