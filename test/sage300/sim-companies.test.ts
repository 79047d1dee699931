import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sage300Simulator, startSage300Simulator } from '../../src/simulators/sage300/server.js';
import { admin, sage } from './sim-http.js';

/** One simulator process, several companies (issue 15 point 4): each company segment has its own data and stats. */
let sim: Sage300Simulator;
beforeAll(async () => {
  sim = await startSage300Simulator({ companies: 2, ordersPerCompany: 3, maxConcurrency: 2 });
});
afterAll(async () => {
  await sim?.stop();
});

const url = (company: string, path: string) => `${sim.origin}/Sage300WebApi/v1.0/-/${company}${path}`;
const ORDER = {
  CustomerNumber: '1400',
  PurchaseOrderNumber: 'PO-CO0001',
  OrderDate: '2026-11-20',
  OrderDetails: [{ LineType: 'Item', Item: 'A1-105/0', Location: '1', QuantityOrdered: 2 }],
};
const numbers = async (company: string) =>
  (await sage(sim, url(company, '/OE/OEOrders?$select=OrderNumber&$top=1000'))).json.value.map(
    (o: { OrderNumber: string }) => o.OrderNumber,
  );

describe('Sage 300 simulator: several companies', () => {
  it('seeds CO0001 and CO0002 beside SAMINC, each with the demo master data and its own open orders', async () => {
    const listed = (await admin(sim, 'GET', '/companies')).json;
    expect(listed).toEqual([
      { company: 'SAMINC', orders: 340 },
      { company: 'CO0001', orders: 3 },
      { company: 'CO0002', orders: 3 },
    ]);
    const customer = await sage(sim, url('CO0002', "/AR/ARCustomers('1400')"));
    expect(customer.status).toBe(200);
    expect(sim.tenant('CO0001').baseUrl).toBe(url('CO0001', ''));
  });

  it('two companies do not see each other’s orders, in the Web API or the admin API', async () => {
    const created = await sage(sim, url('CO0001', '/OE/OEOrders'), { body: ORDER });
    expect(created.status).toBe(201);
    const number = created.json.OrderNumber as string;
    expect(await numbers('CO0001')).toHaveLength(4);
    expect(await numbers('CO0002')).toHaveLength(3);
    expect(created.json['@odata.context']).toContain('/-/CO0001/OE/$metadata#OEOrders/$entity');
    const uniq = created.json.OrderUniquifier as number;
    expect((await sage(sim, url('CO0001', `/OE/OEOrders(${uniq})`))).status).toBe(200);
    // Each company numbers its own orders: CO0002 has three, so no fourth.
    expect((await sage(sim, url('CO0002', `/OE/OEOrders(${uniq})`))).status).toBe(404);

    expect((await admin(sim, 'GET', `/orders/${number}?company=CO0001`)).status).toBe(200);
    expect((await admin(sim, 'GET', `/orders/${number}?company=CO0002`)).json.error.code).toBe('RecordNotFound');
    // Without ?company= the admin API is the default company's, as it always was (its order of that number is
    // another one).
    expect((await admin(sim, 'GET', `/orders/${number}?company=CO0001`)).json.PurchaseOrderNumber).toBe('PO-CO0001');
    expect((await admin(sim, 'GET', `/orders/${number}`)).json.PurchaseOrderNumber).not.toBe('PO-CO0001');
    expect((await admin(sim, 'GET', '/orders/1?company=NOPE')).json.error.code).toBe('RecordNotFound');
  });

  it('keeps request stats and faults per company', async () => {
    await admin(sim, 'DELETE', '/companies/stats');
    await admin(sim, 'POST', '/faults?company=CO0002', { kind: 'error', path: 'OE/OEOrders', status: 500 });
    expect((await sage(sim, url('CO0002', '/OE/OEOrders'))).status).toBe(500);
    expect((await sage(sim, url('CO0001', '/OE/OEOrders'))).status).toBe(200);
    expect((await sage(sim, '/OE/OEOrders?$top=1')).status).toBe(200);
    expect((await admin(sim, 'GET', '/faults')).json).toEqual([]);
    await admin(sim, 'DELETE', '/faults?company=CO0002');

    const { companies } = (await admin(sim, 'GET', '/companies/stats')).json;
    expect(companies.map((c: { company: string; total: number }) => [c.company, c.total])).toEqual([
      ['SAMINC', 1],
      ['CO0001', 1],
      ['CO0002', 1],
    ]);
    expect(companies[2].byStatus).toEqual({ '500': 1 });
    expect(companies[1].maxInFlight).toBe(1);
    expect((await admin(sim, 'GET', '/stats?company=CO0001')).json.byRoute).toEqual({ 'GET OE/OEOrders': 1 });
    expect(sim.stats.snapshot().byRoute).toEqual({ 'GET OE/OEOrders': 1 });
  });

  it('answers an unknown company as before: 400 DBLinkError, counted on the default company', async () => {
    sim.stats.reset();
    const unknown = await sage(sim, url('CO0003', '/OE/OEOrders'));
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.code).toBe('DBLinkError');
    const lowerCase = await sage(sim, url('co0001', '/OE/OEOrders'));
    expect(lowerCase.json.error.code).toBe('DBLinkError');
    expect(sim.stats.snapshot().total).toBe(2);
  });

  it('adds a company while running (seeded with open orders), and refuses an org ID longer than six', async () => {
    const created = await admin(sim, 'POST', '/companies', { company: 'CO0003', openOrders: 5 });
    expect(created.status).toBe(201);
    expect(await numbers('CO0003')).toHaveLength(5);
    expect((await admin(sim, 'POST', '/companies', { company: 'COMP0004' })).json.error.code).toBe('InvalidPayload');
    expect((await admin(sim, 'POST', '/companies', { company: 'CO0003' })).json.error.code).toBe('RecordDuplicate');
  });
});
