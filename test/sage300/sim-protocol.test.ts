import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sage300Simulator, startSage300Simulator } from '../../src/simulators/sage300/server.js';
import { basic, sage } from './sim-http.js';

/** The simulator's protocol, point by point against the reference sheet (§1 URLs, §2 auth, §3 OData, §3.6 errors). */
let sim: Sage300Simulator;
let legacy: Sage300Simulator;
let mixed: Sage300Simulator;

beforeAll(async () => {
  [sim, legacy, mixed] = await Promise.all([
    startSage300Simulator({ users: [{ user: 'NOIC', password: 'NOIC', modules: ['OE', 'AR'] }] }),
    startSage300Simulator({ legacy2022: true }),
    startSage300Simulator({ mixedCasePasswords: true, password: 'Secret42' }),
  ]);
});
afterAll(async () => {
  await Promise.all([sim?.stop(), legacy?.stop(), mixed?.stop()]);
});

const envelope = (code: string) => ({
  error: { code, message: { lang: 'en-US', value: expect.any(String) } },
});

describe('authentication and rights (sheet §2)', () => {
  it('401 with a Basic challenge and the error envelope without credentials', async () => {
    const r = await sage(sim, '/OE/OEOrders?$top=1', { auth: null });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(r.json).toEqual(envelope('Unauthorized'));
  });

  it('a lower-case password is refused like a wrong one; the user ID is not case-sensitive', async () => {
    expect((await sage(sim, '/OE/OEShipViaCodes', { auth: basic('WEBAPI', 'webapi') })).status).toBe(401);
    expect((await sage(sim, '/OE/OEShipViaCodes', { auth: basic('WEBAPI', 'WRONG') })).status).toBe(401);
    expect((await sage(sim, '/OE/OEShipViaCodes', { auth: basic('webapi', 'WEBAPI') })).status).toBe(200);
  });

  it('--mixed-case-passwords compares the password as stored', async () => {
    expect((await sage(mixed, '/OE/OEShipViaCodes', { auth: basic('WEBAPI', 'Secret42') })).status).toBe(200);
    expect((await sage(mixed, '/OE/OEShipViaCodes', { auth: basic('WEBAPI', 'SECRET42') })).status).toBe(401);
  });

  it('the mixed-case demo account WEBAPI2: only Ship-Ready1 as typed under --mixed-case-passwords, upper case otherwise', async () => {
    const as = (password: string) => ({ auth: basic('WEBAPI2', password) });
    expect((await sage(mixed, '/OE/OEShipViaCodes', as('Ship-Ready1'))).status).toBe(200);
    expect((await sage(mixed, '/OE/OEShipViaCodes', as('SHIP-READY1'))).status).toBe(401);
    expect((await sage(mixed, '/OE/OEShipViaCodes', as('ship-ready1'))).status).toBe(401);
    expect((await sage(sim, '/OE/OEShipViaCodes', as('SHIP-READY1'))).status).toBe(200);
    expect((await sage(sim, '/OE/OEShipViaCodes', as('Ship-Ready1'))).status).toBe(401);
  });

  it('ADMIN has no Web API privileges by default', async () => {
    expect((await sage(sim, '/OE/OEShipViaCodes', { auth: basic('ADMIN', 'ADMIN') })).status).toBe(401);
  });

  it('a user without the Web API right for a module gets 403 Forbidden there only', async () => {
    const auth = basic('NOIC', 'NOIC');
    const r = await sage(sim, '/IC/ICItems?$top=1', { auth });
    expect(r.status).toBe(403);
    expect(r.json).toEqual(envelope('Forbidden'));
    expect((await sage(sim, '/IC/$metadata', { auth })).status).toBe(403);
    expect((await sage(sim, '/AR/ARCustomers?$top=1', { auth })).status).toBe(200);
  });
});

describe('URL layout and keys (sheet §1)', () => {
  it('the IIS application segment is case-insensitive; the company must exist', async () => {
    const lower = sim.baseUrl.replace('/Sage300WebApi/', '/sage300webapi/');
    expect((await sage(sim, `${lower}/OE/OEShipViaCodes`)).status).toBe(200);
    // The version segment too: public client code calls V1.0.
    for (const version of ['v1.0', 'V1.0']) {
      const url = sim.baseUrl.replace('/v1.0/', `/${version}/`);
      expect((await sage(sim, `${url}/OE/OEShipViaCodes`)).status, version).toBe(200);
    }
    const v2 = await sage(sim, `${sim.baseUrl.replace('/v1.0/', '/v2.0/')}/OE/OEShipViaCodes`);
    expect(v2.status).toBe(404);
    expect(v2.json.error.code).toBe('ResourceNotFound');
    const other = await sage(sim, sim.baseUrl.replace(/SAMINC$/, 'SAMLTD') + '/OE/OEShipViaCodes');
    expect(other.status).toBe(400);
    expect(other.json.error.code).toBe('DBLinkError');
  });

  it('quoted, unquoted, named and positional keys', async () => {
    expect((await sage(sim, "/AR/ARCustomers('1400')")).json.CustomerNumber).toBe('1400');
    expect((await sage(sim, '/AR/ARCustomers(1400)')).json.CustomerNumber).toBe('1400');
    expect((await sage(sim, '/OE/OEOrders(3)')).json.OrderUniquifier).toBe(3);
    expect((await sage(sim, '/OE/OEOrders(OrderUniquifier=3)')).json.OrderUniquifier).toBe(3);
    const named = await sage(sim, "/IC/ICLocationDetails(ItemNumber='A1-105/0',Location='2')");
    expect(named.json).toMatchObject({ ItemNumber: 'A1-105/0', Location: '2' });
    const reordered = await sage(sim, "/IC/ICLocationDetails(Location = '2', ItemNumber = 'A1-105/0')");
    expect(reordered.json.ItemNumber).toBe('A1-105/0');
    const positional = await sage(sim, "/IC/ICLocationDetails('A1-105/0','2')");
    expect(positional.json.Location).toBe('2');
    expect((await sage(sim, "/IC/ICLocationDetails('A1-105/0')")).json.error.code).toBe('InvalidEntityKey');
  });

  it('a single entity is the bare object; a missing one is 404 RecordNotFound with the documented text', async () => {
    const r = await sage(sim, '/OE/OEOrders(1)');
    expect(r.json.value).toBeUndefined();
    expect(r.json['@odata.context']).toMatch(/\$metadata#OEOrders\/\$entity$/);
    const missing = await sage(sim, '/OE/OEOrders(999999)');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toEqual({
      code: 'RecordNotFound',
      message: { lang: 'en-US', value: 'A Record cannot be found for the specified entity key' },
    });
  });

  it('unknown resources are 404 ResourceNotFound', async () => {
    expect((await sage(sim, '/OE/OEShipments')).json.error.code).toBe('ResourceNotFound');
    expect((await sage(sim, '/PO/POReceipts')).json.error.code).toBe('ResourceNotFound');
  });

  it('$metadata is EDMX 4.0 listing the entity types and sets served', async () => {
    const r = await sage(sim, '/OE/$metadata');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/xml/);
    expect(r.text).toContain('<edmx:Edmx Version="4.0"');
    expect(r.text).toContain(
      '<EntitySet Name="OEOrders" EntityType="Sage.CA.SBS.ERP.Sage300.OE.WebApi.Models.Order" />',
    );
    expect(r.text).toContain('<Property Name="ShipmentTrackingNumber" Type="Edm.String"');
    expect(r.text).toContain('<ComplexType Name="OrderDetail">');
    expect(r.text).toContain('<EnumType Name="OrderTypeEnum">');
    expect((await sage(sim, '/IC/$metadata')).text).toContain('<EntitySet Name="ICLocationDetails"');
  });
});

describe('methods and payloads (sheet §3.6, §5)', () => {
  it('405 MethodNotAllowed for verbs a resource does not have; PATCH on OEOrders only without --legacy-2022', async () => {
    const r = await sage(sim, '/OE/OEInvoices', { method: 'POST', body: {} });
    expect(r.status).toBe(405);
    expect(r.json).toEqual(envelope('MethodNotAllowed'));
    const patch = await sage(legacy, '/OE/OEOrders(1)', { method: 'PATCH', body: { OrderComment: 'x' } });
    expect(patch.status).toBe(405);
    expect(patch.json.error.code).toBe('MethodNotAllowed');
    expect((await sage(sim, '/OE/OEOrders(-1)', { method: 'PATCH', body: {} })).status).toBe(404);
  });

  it('400 InvalidPayload for an unknown property, with the real server’s message', async () => {
    const r = await sage(sim, '/OE/OEOrders', {
      body: {
        CustomerNumber: '1400',
        OrderDetails: [{ Item: 'A1-105/0', QuantityOrdered: 1, RevenueAccount: '4000' }],
      },
    });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('InvalidPayload');
    expect(r.json.error.message.value).toBe(
      "The property 'RevenueAccount' does not exist on type 'Sage.CA.SBS.ERP.Sage300.OE.WebApi.Models.OrderDetail'.",
    );
    const header = await sage(sim, '/OE/OEOrders', { body: { CustomerNumber: '1400', PostingDate: '2026-01-01' } });
    expect(header.json.error.message.value).toBe(
      "The property 'PostingDate' does not exist on type 'Sage.CA.SBS.ERP.Sage300.OE.WebApi.Models.Order'.",
    );
  });

  it('500 when the JSON content type is missing on a write', async () => {
    const r = await sage(sim, '/OE/OEOrders', {
      body: JSON.stringify({ CustomerNumber: '1400' }),
      contentType: 'text/plain',
    });
    expect(r.status).toBe(500);
    expect(r.json.error.code).toBe('InternalServerError');
  });
});

describe('OData reads (sheet §3.2–3.4)', () => {
  it('a malformed query option is 400 InvalidParameters', async () => {
    for (const q of [
      '$filter=OrderUniquifier gt',
      '$top=-1',
      '$skip=x',
      '$count=yes',
      '$orderby=,',
      '$select=Bogus',
      '$filter=Bogus eq 1',
      '$top=1&$top=2',
      '$expand=OrderDetails',
      '$search=x',
    ]) {
      const r = await sage(sim, `/OE/OEOrders?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.json.error.code, q).toBe('InvalidParameters');
    }
  });

  it('@odata.context names the set and the selection; $count gives @odata.count', async () => {
    const r = await sage(sim, '/OE/OEOrders?$select=OrderNumber,OrderDate&$count=true&$top=2');
    expect(r.json['@odata.context']).toBe(`${sim.baseUrl}/OE/$metadata#OEOrders(OrderNumber,OrderDate)`);
    expect(r.json['@odata.count']).toBe(sim.state.orders.length);
    expect(r.json.value).toHaveLength(2);
    expect(Object.keys(r.json.value[0])).toEqual(['OrderNumber', 'OrderDate']);
    expect(r.json['@odata.nextLink']).toBeUndefined();
  });

  it('values as the real API gives them', async () => {
    const r = await sage(sim, '/OE/OEOrders(1)');
    const o = r.json;
    expect(o.OrderDate).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
    expect(o.ShipToAddressLine3).toBe('');
    expect(o.OrderType).toBe('Active');
    expect(typeof o.OrderTotal).toBe('number');
    expect(o.UpdateOperation).toBe('Unspecified');
    expect(o.OrderDetails.map((d: { LineNumber: number }) => d.LineNumber)).toEqual(
      o.OrderDetails.map((_: unknown, i: number) => (i + 1) * 32),
    );
    for (const d of o.OrderDetails) expect(d.UpdateOperation).toBe('Unspecified');
    expect(o).not.toHaveProperty('DateLastMaintained');
    expect(o).not.toHaveProperty('LastModified');
  });

  it('$orderby on the key reads in key order, either way, without sorting', async () => {
    const max = sim.state.orders.at(-1)?.uniq;
    const top = await sage(sim, '/OE/OEOrders?$orderby=OrderUniquifier desc&$top=1&$select=OrderUniquifier');
    expect(top.json.value).toEqual([{ OrderUniquifier: max }]);
    const asc = await sage(
      sim,
      '/OE/OEOrders?$orderby=OrderUniquifier asc&$filter=OrderUniquifier gt 10&$top=3&$select=OrderUniquifier',
    );
    expect(asc.json.value).toEqual([{ OrderUniquifier: 11 }, { OrderUniquifier: 12 }, { OrderUniquifier: 13 }]);
    const desc = await sage(
      sim,
      '/OE/OEOrders?$orderby=OrderUniquifier desc&$filter=OrderUniquifier lt 5&$select=OrderUniquifier',
    );
    expect(desc.json.value).toEqual([
      { OrderUniquifier: 4 },
      { OrderUniquifier: 3 },
      { OrderUniquifier: 2 },
      { OrderUniquifier: 1 },
    ]);
  });

  it('$orderby, $skip and enum filters work on orders', async () => {
    const r = await sage(
      sim,
      "/OE/OEOrders?$filter=OrderCompleted eq 'IncompleteNotIncluded'&$orderby=OrderDate desc,OrderNumber&$select=OrderNumber,OrderDate,OrderCompleted&$top=5&$skip=1",
    );
    expect(r.status).toBe(200);
    const dates = r.json.value.map((o: { OrderDate: string }) => o.OrderDate);
    expect([...dates].sort().reverse()).toEqual(dates);
    for (const o of r.json.value) expect(o.OrderCompleted).toBe('IncompleteNotIncluded');
  });
});
