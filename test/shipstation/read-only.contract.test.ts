import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../src/domain/errors.js';
import { parsePacific } from '../../src/integrations/shipstation/pacific-time.js';
import { pingShipStation } from '../../src/integrations/shipstation/ping.js';
import { V1Client } from '../../src/integrations/shipstation/v1-client.js';
import { createV1RateBudget } from '../../src/integrations/shipstation/v1-rate-budget.js';
import { V2Client } from '../../src/integrations/shipstation/v2-client.js';
import { createV2RateBudget } from '../../src/integrations/shipstation/v2-rate-budget.js';
import type { ShipStationSimulator } from '../../src/simulators/shipstation/shipstation-simulator.js';
import { runPrefix, v1Order } from './fixtures.js';
import { DEMO_V1_KEY, DEMO_V1_SECRET, DEMO_V2_KEY, startSim } from './sim-setup.js';

/**
 * The read-only contract: what the connector reads from ShipStation, checked the same way against the
 * simulator and — when SHIPSTATION_TEST_V1_KEY + SHIPSTATION_TEST_V1_SECRET and/or SHIPSTATION_TEST_V2_KEY
 * are set (optionally SHIPSTATION_TEST_V1_BASE_URL / SHIPSTATION_TEST_V2_BASE_URL) — against a real account.
 * Nothing here writes to the account. Real rate limits apply: the budgets pace the ~20 requests.
 */
interface Credentials {
  v1?: { baseUrl?: string; apiKey: string; apiSecret: string };
  v2?: { baseUrl?: string; apiKey: string };
}

function defineReadOnlyContract(target: string, credentials: () => Credentials): void {
  const v1 = () => {
    const c = credentials().v1!;
    return new V1Client({ ...c, credentials: { apiKey: c.apiKey, apiSecret: c.apiSecret }, budget: v1Budget });
  };
  const v2 = () => {
    const c = credentials().v2!;
    return new V2Client({ ...c, credentials: { apiKey: c.apiKey }, budget: v2Budget });
  };
  // One budget per API for the whole run, as the connector keeps one per account.
  const v1Budget = createV1RateBudget();
  const v2Budget = createV2RateBudget();

  describe(`read-only contract, V1 (${target})`, () => {
    it('reads reference data', async () => {
      if (!credentials().v1) return;
      const client = v1();
      expect(Array.isArray(await client.listWarehouses())).toBe(true);
      expect(Array.isArray(await client.listStores())).toBe(true);
      const carriers = await client.listCarriers();
      if (carriers[0]) expect(Array.isArray(await client.listServices(carriers[0].code))).toBe(true);
      expect(Array.isArray(await client.listTags())).toBe(true);
      expect(Array.isArray(await client.listWebhooks())).toBe(true);
    });

    it('reads a page of orders, shipments and fulfillments; every date reads as Pacific', async () => {
      if (!credentials().v1) return;
      const client = v1();
      const since = new Date(Date.now() - 30 * 86_400_000);
      const orders = await client.listOrders({ modifiedFrom: since }, { pageSize: 20, maxPages: 1 }).toArray();
      for (const o of orders) {
        expect(parsePacific(o.createDate).getTime()).toBeLessThanOrEqual(parsePacific(o.modifyDate).getTime());
        expect(parsePacific(o.modifyDate).getTime()).toBeGreaterThanOrEqual(since.getTime() - 1000);
      }
      const shipments = await client.listShipments({ createdFrom: since }, { pageSize: 20, maxPages: 1 }).toArray();
      for (const s of shipments)
        expect(parsePacific(s.createDate).getTime()).toBeGreaterThanOrEqual(since.getTime() - 1000);
      await client.listFulfillments({ createdFrom: since }, { pageSize: 20, maxPages: 1 }).toArray();
      await client.listProducts({}, { pageSize: 20, maxPages: 1 }).toArray();
    });
  });

  describe(`read-only contract, V2 (${target})`, () => {
    it('reads reference data and recent shipments, labels and fulfillments', async () => {
      if (!credentials().v2) return;
      const client = v2();
      expect(Array.isArray(await client.listWarehouses())).toBe(true);
      expect(Array.isArray(await client.listCarriers())).toBe(true);
      expect(Array.isArray(await client.listWebhooks())).toBe(true);
      const since = new Date(Date.now() - 30 * 86_400_000);
      const shipments = await client.listShipments({ modifiedFrom: since }, { pageSize: 20, maxPages: 1 }).toArray();
      for (const s of shipments) expect(Date.parse(s.modified_at)).toBeGreaterThanOrEqual(since.getTime() - 1000);
      await client.listLabels({ createdFrom: since }, { pageSize: 20, maxPages: 1 }).toArray();
      await client.listFulfillments({}, { pageSize: 20, maxPages: 1 }).toArray();
    });

    it('reads inventory when the add-on is there, or says it is not', async () => {
      if (!credentials().v2) return;
      const client = v2();
      try {
        await client.getInventory({}, { pageSize: 20, maxPages: 1 }).toArray();
        await client.listInventoryWarehouses({ pageSize: 20, maxPages: 1 }).toArray();
      } catch (error) {
        expect(error).toBeInstanceOf(ConnectorError);
        expect(['forbidden', 'not_found']).toContain((error as ConnectorError).code);
      }
    });
  });

  describe(`ping (${target})`, () => {
    it('passes with the given credentials', async () => {
      const c = credentials();
      if (!c.v1 && !c.v2) return;
      const checks = await pingShipStation({
        ...(c.v1 ? { v1: c.v1 } : {}),
        ...(c.v2 ? { v2: c.v2 } : {}),
        budgets: { v1: v1Budget, v2: v2Budget },
      });
      const failed = checks.filter((check) => check.status === 'fail');
      expect(failed, JSON.stringify(failed)).toEqual([]);
    });
  });
}

// ---- against the simulator ------------------------------------------------------------------------

let sim: ShipStationSimulator;
beforeAll(async () => {
  sim = await startSim();
  // Something to read: a few orders, one shipped with a label.
  const seed = new V1Client({
    baseUrl: sim.origin,
    credentials: { apiKey: DEMO_V1_KEY, apiSecret: DEMO_V1_SECRET },
    budget: createV1RateBudget(),
  });
  const prefix = runPrefix('R');
  const [first] = await seed.createOrders([v1Order(prefix, 1), v1Order(prefix, 2)]);
  await seed.createLabelForOrder({
    orderId: first!.orderId!,
    carrierCode: 'ups',
    serviceCode: 'ups_ground',
    shipDate: '2026-11-26',
  });
});
afterAll(async () => {
  await sim.stop();
});

defineReadOnlyContract('simulator', () => ({
  v1: { baseUrl: sim.origin, apiKey: DEMO_V1_KEY, apiSecret: DEMO_V1_SECRET },
  v2: { baseUrl: sim.v2Url, apiKey: DEMO_V2_KEY },
}));

// ---- against a real account, when credentials are given --------------------------------------------

const env = process.env;
const real: Credentials = {
  ...(env.SHIPSTATION_TEST_V1_KEY && env.SHIPSTATION_TEST_V1_SECRET
    ? {
        v1: {
          apiKey: env.SHIPSTATION_TEST_V1_KEY,
          apiSecret: env.SHIPSTATION_TEST_V1_SECRET,
          ...(env.SHIPSTATION_TEST_V1_BASE_URL ? { baseUrl: env.SHIPSTATION_TEST_V1_BASE_URL } : {}),
        },
      }
    : {}),
  ...(env.SHIPSTATION_TEST_V2_KEY
    ? {
        v2: {
          apiKey: env.SHIPSTATION_TEST_V2_KEY,
          ...(env.SHIPSTATION_TEST_V2_BASE_URL ? { baseUrl: env.SHIPSTATION_TEST_V2_BASE_URL } : {}),
        },
      }
    : {}),
};

if (real.v1 || real.v2) {
  defineReadOnlyContract('real account', () => real);
} else {
  describe('read-only contract (real account)', () => {
    it.skip('skipped: set SHIPSTATION_TEST_V1_KEY + SHIPSTATION_TEST_V1_SECRET and/or SHIPSTATION_TEST_V2_KEY to run against a real ShipStation account (read-only)', () => {});
  });
}
