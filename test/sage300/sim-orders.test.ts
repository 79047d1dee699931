import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sage300Simulator, startSage300Simulator } from '../../src/simulators/sage300/server.js';
import { sage } from './sim-http.js';

/** Orders: POST with the sheet's own sample bodies (§4.3), PATCH shipments, stock movement. */
let sim: Sage300Simulator;
beforeAll(async () => {
  sim = await startSage300Simulator();
});
afterAll(async () => {
  await sim?.stop();
});

const ORDERS_ONLY = {
  CustomerNumber: '1400',
  OrderDescription: 'Order Entry',
  OrderDate: '2020-01-15',
  OrderDetails: [
    { LineType: 'Item', Item: 'A1-105/0', Location: '1', QuantityOrdered: 8 },
    { LineType: 'Miscellaneous', MiscellaneousChargesCode: 'HC', ExtendedAmount: 20.25 },
  ],
};
const WITH_SHIPMENT_AND_INVOICE = {
  CustomerNumber: '1400',
  OrderDescription: 'Order Entry',
  OrderDate: '2020-01-15',
  InvoiceWillBeProduced: true,
  OrderDetails: [
    { LineType: 'Item', Item: 'A1-105/0', Location: '1', QuantityOrdered: 20, QuantityShipped: 20 },
    { LineType: 'Miscellaneous', MiscellaneousChargesCode: 'HC', ExtendedAmount: 20.25 },
  ],
};

const stock = async (item: string, location: string) =>
  (await sage(sim, `/IC/ICLocationDetails(ItemNumber='${item}',Location='${location}')`)).json;
const order = async (uniq: number) => (await sage(sim, `/OE/OEOrders(${uniq})`)).json;
const post = async (body: unknown) => sage(sim, '/OE/OEOrders', { body });
const patch = async (uniq: number, body: unknown) => sage(sim, `/OE/OEOrders(${uniq})`, { method: 'PATCH', body });
const line = (o: { OrderDetails: { LineNumber: number }[] }, n: number) =>
  o.OrderDetails.find((d) => d.LineNumber === n) as Record<string, unknown>;

describe('POST OE/OEOrders with Sage’s sample bodies', () => {
  it('OEOrders_OrdersOnly: numbers assigned, addresses from the customer, priced, totals, stock committed', async () => {
    const before = await stock('A1-105/0', '1');
    const last = sim.state.orders.at(-1)?.uniq ?? 0;
    const r = await post(ORDERS_ONLY);
    expect(r.status).toBe(201);
    const o = r.json;
    expect(o.OrderUniquifier).toBeGreaterThan(last);
    expect(o.OrderNumber).toMatch(/^ORD\d{6}$/);
    expect(o.OrderDate).toBe('2020-01-15T00:00:00Z');
    const customer = (await sage(sim, "/AR/ARCustomers('1400')")).json;
    expect(o.BillToName).toBe(customer.CustomerName);
    expect(o.ShipToAddressLine1).toBe(customer.AddressLine1);
    expect(o.ShipToCountry).toBe(customer.Country);
    expect(o.ShipToEmail).toBe(customer.Email);
    expect(o.OrderDetails.map((d: { LineNumber: number }) => d.LineNumber)).toEqual([32, 64]);
    const item = line(o, 32);
    expect(item).toMatchObject({
      Item: 'A1-105/0',
      UnformattedItemNumber: 'A11050',
      QuantityOrdered: 8,
      OriginalQuantityOrdered: 8,
      QuantityCommitted: 8,
      QuantityBackordered: 0,
    });
    expect(item['OrderUnitPrice']).toBeGreaterThan(0);
    expect(item['ExtendedOrderAmount']).toBeCloseTo((item['OrderUnitPrice'] as number) * 8, 2);
    expect(line(o, 64)).toMatchObject({
      LineType: 'Miscellaneous',
      MiscellaneousChargesCode: 'HC',
      ExtendedAmount: 20.25,
    });
    expect(o.TotalAmountMiscellaneousCharges).toBe(20.25);
    expect(o.OrderTotal).toBeCloseTo(o.OrderExclTaxTotal + o.TotalTaxAmount, 2);
    expect(o.LastShipmentNumber).toBe('');
    expect(o.OrderCompleted).toBe('IncompleteNotIncluded');
    const after = await stock('A1-105/0', '1');
    expect(after.QuantityCommitted).toBe(before.QuantityCommitted + 8);
    expect(after.QuantityAvailableToShip).toBe(after.QuantityOnHand - after.QuantityCommitted);
  });

  it('OEOrders_WithShipmentsandInvoice: ships, invoices, completes; the invoice is in OEInvoices', async () => {
    const before = await stock('A1-105/0', '1');
    const r = await post(WITH_SHIPMENT_AND_INVOICE);
    expect(r.status).toBe(201);
    const o = r.json;
    expect(o.LastShipmentNumber).toMatch(/^SH\d{6}$/);
    expect(o.LastInvoiceNumber).toMatch(/^IN\d{6}$/);
    expect(o.NumberOfShipments).toBe(1);
    expect(line(o, 32)).toMatchObject({
      QuantityOrdered: 0,
      QuantityShippedtodate: 20,
      OriginalQuantityOrdered: 20,
      Completed: true,
    });
    expect(o.OrderCompleted).toBe('CompleteNotIncluded');
    const after = await stock('A1-105/0', '1');
    expect(after.QuantityOnHand).toBe(before.QuantityOnHand - 20);
    expect(after.QuantityCommitted).toBe(before.QuantityCommitted);
    const inv = await sage(sim, `/OE/OEInvoices?$filter=InvoiceNumber eq '${o.LastInvoiceNumber}'`);
    expect(inv.json.value).toHaveLength(1);
    expect(inv.json.value[0]).toMatchObject({
      OrderNumber: o.OrderNumber,
      ShipmentNumber: o.LastShipmentNumber,
      CustomerNumber: '1400',
    });
    expect(inv.json.value[0].InvoiceDetails[0]).toMatchObject({
      Item: 'A1-105/0',
      QuantityShipped: 20,
      ShipmentLineNumber: 32,
    });
  });

  it('an order number given twice is 409 RecordDuplicate; a refused order changes nothing', async () => {
    expect((await post({ ...ORDERS_ONLY, OrderNumber: 'WEB-1001' })).status).toBe(201);
    const count = sim.state.orders.length;
    const dup = await post({ ...ORDERS_ONLY, OrderNumber: 'WEB-1001' });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('RecordDuplicate');
    const bad = await post({
      ...ORDERS_ONLY,
      OrderDetails: [...ORDERS_ONLY.OrderDetails, { Item: 'NOPE-1', QuantityOrdered: 1 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('RecordInvalid');
    expect((await post({ ...ORDERS_ONLY, CustomerNumber: 'NOBODY' })).json.error.code).toBe('RecordInvalid');
    expect(sim.state.orders.length).toBe(count);
  });

  it('fills ship-to from the ShipToLocationCode given; explicit ship-to fields win', async () => {
    const [loc] = (await sage(sim, '/AR/ARShipToLocations?$top=1')).json.value;
    const r = await post({
      CustomerNumber: loc.CustomerNumber,
      ShipToLocationCode: loc.ShipToLocationKey,
      ShipToAddressLine2: 'Dock 4',
      OrderDetails: [{ Item: 'A1-105/0', QuantityOrdered: 1 }],
    });
    expect(r.json).toMatchObject({
      ShipToLocationCode: loc.ShipToLocationKey,
      ShipToAddressLine1: loc.AddressLine1,
      ShipToCity: loc.City,
      ShipToAddressLine2: 'Dock 4',
    });
  });

  it('backorders what is not available; cases commit stocking units', async () => {
    await sim.admin.addItem({
      itemNumber: 'Z9-001/0',
      description: 'Scarce widget',
      price: 10,
      caseSize: 6,
      onHand: 10,
    });
    const r = await post({
      CustomerNumber: '1100',
      OrderDetails: [
        { Item: 'Z9-001/0', Location: '2', QuantityOrdered: 7 },
        { Item: 'Z9-001/0', Location: '3', QuantityOrdered: 2, OrderUnitOfMeasure: 'CAS' },
      ],
    });
    expect(line(r.json, 32)).toMatchObject({ QuantityCommitted: 7, QuantityBackordered: 0 });
    expect(line(r.json, 64)).toMatchObject({
      OrderUnitOfMeasure: 'CAS',
      OrderUnitConversion: 6,
      QuantityCommitted: 1,
      QuantityBackordered: 1,
    });
    expect((await stock('Z9-001/0', '3')).QuantityCommitted).toBe(6);
    const more = await post({
      CustomerNumber: '1100',
      OrderDetails: [{ Item: 'Z9-001/0', Location: '2', QuantityOrdered: 5 }],
    });
    expect(line(more.json, 32)).toMatchObject({ QuantityCommitted: 3, QuantityBackordered: 2 });
  });
});

describe('PATCH OE/OEOrders(key): shipments and edits', () => {
  it('QuantityShipped is the quantity of this shipment; tracking, ship-via and date are kept; completes at zero', async () => {
    const created = (
      await post({
        CustomerNumber: '1100',
        OrderDetails: [
          { Item: 'A1-105/0', Location: '2', QuantityOrdered: 10 },
          { Item: 'A1-105/0', Location: '2', QuantityOrdered: 5 },
        ],
      })
    ).json;
    const uniq = created.OrderUniquifier;
    const s0 = await stock('A1-105/0', '2');
    const first = await patch(uniq, {
      ShipmentTrackingNumber: '1Z999AA10123456784',
      ShipViaCode: 'UPSGND',
      ShipmentDate: '2026-11-20T00:00:00Z',
      OrderDetails: [{ LineNumber: 32, QuantityShipped: 4, UpdateOperation: 'Update' }],
    });
    expect(first.status).toBe(204);
    expect(first.text).toBe('');
    const o1 = await order(uniq);
    expect(o1).toMatchObject({
      NumberOfShipments: 1,
      ShipmentTrackingNumber: '1Z999AA10123456784',
      ShipViaCode: 'UPSGND',
      ShipViaCodeDescription: 'UPS Ground',
      ShipmentDate: '2026-11-20T00:00:00Z',
      OrderCompleted: 'IncompleteNotIncluded',
    });
    expect(o1.LastShipmentNumber).toMatch(/^SH/);
    expect(line(o1, 32)).toMatchObject({
      QuantityOrdered: 6,
      QuantityShippedtodate: 4,
      QuantityCommitted: 6,
      QuantityShipped: 0,
    });
    const s1 = await stock('A1-105/0', '2');
    expect(s1.QuantityOnHand).toBe(s0.QuantityOnHand - 4);
    expect(s1.QuantityCommitted).toBe(s0.QuantityCommitted - 4);

    await patch(uniq, {
      OrderDetails: [
        { LineNumber: 32, QuantityShipped: 6, UpdateOperation: 'Update' },
        { LineNumber: 64, QuantityShipped: 5, UpdateOperation: 'Update' },
      ],
    });
    const o2 = await order(uniq);
    expect(o2.NumberOfShipments).toBe(2);
    expect(o2.LastShipmentNumber > o1.LastShipmentNumber).toBe(true);
    expect(o2.OrderCompleted).toBe('CompleteNotIncluded');
    expect(line(o2, 32)).toMatchObject({ QuantityOrdered: 0, QuantityShippedtodate: 10, Completed: true });
    expect((await stock('A1-105/0', '2')).QuantityOnHand).toBe(s0.QuantityOnHand - 15);
  });

  it('more than outstanding, a tracking number over 36 characters, a held order: refused, nothing changes', async () => {
    const o = (await post({ CustomerNumber: '1100', OrderDetails: [{ Item: 'A1-105/0', QuantityOrdered: 3 }] })).json;
    const s0 = await stock('A1-105/0', o.DefaultLocationCode);
    const tooMany = await patch(o.OrderUniquifier, {
      ShipmentTrackingNumber: 'T1',
      OrderDetails: [{ LineNumber: 32, QuantityShipped: 4, UpdateOperation: 'Update' }],
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.code).toBe('RecordInvalid');
    const long = await patch(o.OrderUniquifier, { ShipmentTrackingNumber: 'X'.repeat(37) });
    expect(long.status).toBe(400);
    expect(long.json.error.code).toBe('InvalidPayload');
    expect((await patch(o.OrderUniquifier, { ShipmentTrackingNumber: 'X'.repeat(36) })).status).toBe(204);
    await patch(o.OrderUniquifier, { OnHold: true });
    const held = await patch(o.OrderUniquifier, {
      OrderDetails: [{ LineNumber: 32, QuantityShipped: 1, UpdateOperation: 'Update' }],
    });
    expect(held.json.error.code).toBe('RecordInvalid');
    const after = await order(o.OrderUniquifier);
    expect(after).toMatchObject({ NumberOfShipments: 0, ShipmentTrackingNumber: 'X'.repeat(36), OnHold: true });
    expect(line(after, 32)).toMatchObject({ QuantityOrdered: 3, QuantityShippedtodate: 0 });
    expect(await stock('A1-105/0', o.DefaultLocationCode)).toEqual(s0);
  });

  it('edits quantities, inserts and deletes lines by UpdateOperation; a shipped line cannot be deleted', async () => {
    const o = (
      await post({
        CustomerNumber: '1100',
        OrderDetails: [
          { Item: 'A1-105/0', QuantityOrdered: 3 },
          { Item: 'A1-105/0', QuantityOrdered: 2 },
        ],
      })
    ).json;
    const r = await patch(o.OrderUniquifier, {
      OrderDetails: [
        { LineNumber: 32, QuantityOrdered: 9, UpdateOperation: 'Update' },
        { LineNumber: 64, UpdateOperation: 'Delete' },
        { Item: 'A1-105/0', QuantityOrdered: 1, UpdateOperation: 'Insert' },
      ],
    });
    expect(r.status).toBe(204);
    const after = await order(o.OrderUniquifier);
    expect(
      after.OrderDetails.map((d: { LineNumber: number; QuantityOrdered: number }) => [d.LineNumber, d.QuantityOrdered]),
    ).toEqual([
      [32, 9],
      [64, 1],
    ]);
    await patch(o.OrderUniquifier, {
      OrderDetails: [{ LineNumber: 32, QuantityShipped: 1, UpdateOperation: 'Update' }],
    });
    const del = await patch(o.OrderUniquifier, { OrderDetails: [{ LineNumber: 32, UpdateOperation: 'Delete' }] });
    expect(del.json.error.code).toBe('RecordInvalid');
    const missing = await patch(o.OrderUniquifier, {
      OrderDetails: [{ LineNumber: 999, QuantityShipped: 1, UpdateOperation: 'Update' }],
    });
    expect(missing.json.error.code).toBe('RecordInvalid');
  });
});
