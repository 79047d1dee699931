import { expect } from 'vitest';
import { runOrders } from '../../src/runtime/flows/orders-flow.js';
import { runReference } from '../../src/runtime/flows/reference-flow.js';
import type { World } from '../helpers/world.js';

/** Items of our own with stock everywhere, so every test's orders are shippable and mappable. */
export const ITEMS = ['SH-A', 'SH-B', 'SH-C', 'SH-D'] as const;
export const CASE_ITEM = 'SH-CASE';

export function addItems(w: World): void {
  for (const itemNumber of ITEMS) {
    w.sage.admin.addItem({
      itemNumber,
      description: `Test item ${itemNumber}`,
      unitWeight: 1,
      weightUnit: 'lbs.',
      price: 10,
      onHand: 100_000,
    });
  }
  w.sage.admin.addItem({
    itemNumber: CASE_ITEM,
    description: 'Case item',
    unitWeight: 1,
    weightUnit: 'lbs.',
    price: 5,
    caseSize: 6,
    onHand: 100_000,
  });
}

export interface TestOrder {
  uniquifier: string;
  number: string;
  orderKey: string;
}

/** A Sage order entered by a desktop user: `lines` are [item, quantity] (order units), location 1, UPS Ground. */
export function enterOrder(w: World, lines: [string, number, string?][], shipViaCode = 'UPSGND'): TestOrder {
  const o = w.sage.admin.createOrder({
    customerNumber: '1100',
    shipViaCode,
    location: '1',
    lines: lines.map(([item, quantity, unit]) => ({ item, quantity, location: '1', ...(unit ? { unit } : {}) })),
  }) as { OrderUniquifier: number; OrderNumber: string };
  return { uniquifier: String(o.OrderUniquifier), number: o.OrderNumber, orderKey: `SAMINC-${o.OrderNumber}-1` };
}

/** Reference data mapped (MAPPINGS_AUTO=accept) and the open orders sent to ShipStation. */
export async function sendOrders(w: World): Promise<void> {
  const ref = await runReference(w.connector, w.connection);
  expect(ref.status, JSON.stringify(ref)).toBe('ran');
  const run = await runOrders(w.connector, w.connection, 'new');
  expect(run.status, JSON.stringify(run)).toBe('ran');
}

export interface SsOrder {
  orderId: number;
  orderKey: string;
  orderNumber: string;
  orderStatus: string;
  items: { orderItemId: number; lineItemKey: string | null; sku: string; quantity: number }[];
  advancedOptions: { parentId: number | null; mergedIds: number[] };
}

export function ssOrder(w: World, orderKey: string): SsOrder {
  return w.ss.admin.getOrderByKey(orderKey) as unknown as SsOrder;
}

export interface SageLine {
  LineNumber: number;
  Item: string;
  QuantityOrdered: number;
  QuantityShippedtodate: number;
  OrderUnitConversion: number;
}

export interface SageOrderView {
  OrderNumber: string;
  ShipmentTrackingNumber: string;
  ShipViaCode: string;
  ShipmentDate: string | null;
  NumberOfShipments: number;
  LastShipmentNumber: string;
  OrderDetails: SageLine[];
}

export function sageOrder(w: World, ref: string): SageOrderView {
  return w.sage.admin.getOrder(Number(ref)) as unknown as SageOrderView;
}

/** Shipped-to-date per line number. */
export function shippedToDate(w: World, ref: string): Record<number, number> {
  return Object.fromEntries(sageOrder(w, ref).OrderDetails.map((l) => [l.LineNumber, l.QuantityShippedtodate]));
}

/** Polls `check` until it holds (real time), failing with the last value after `ms`. */
export async function eventually<T>(
  check: () => Promise<T> | T,
  ok: (v: T) => boolean,
  ms = 10_000,
  every = 25,
): Promise<T> {
  const until = Date.now() + ms;
  let last: T = await check();
  while (!ok(last)) {
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, every));
    last = await check();
  }
  return last;
}

interface Label {
  orderId: number;
  voided: boolean;
  shipmentItems: { lineItemKey: string; quantity: number }[];
}

/**
 * The exactly-once end state of a write-back: each order's shipped-to-date in Sage equals what its labels
 * (not voided) ship, line by line, in one Sage shipment; no write left undecided; every event written.
 */
export async function expectWrittenOnce(w: World, orders: readonly TestOrder[]): Promise<void> {
  const labels = w.ss.admin.listShipments() as unknown as Label[];
  for (const o of orders) {
    const orderId = ssOrder(w, o.orderKey).orderId;
    const expected: Record<string, number> = {};
    for (const l of labels.filter((x) => x.orderId === orderId && !x.voided))
      for (const i of l.shipmentItems) expected[i.lineItemKey] = (expected[i.lineItemKey] ?? 0) + i.quantity;
    const sage = sageOrder(w, o.uniquifier);
    const actual = Object.fromEntries(sage.OrderDetails.map((l) => [String(l.LineNumber), l.QuantityShippedtodate]));
    expect(actual, o.number).toEqual(expected);
    expect(sage.NumberOfShipments, o.number).toBe(1);
  }
  expect(await w.app.store.intents.listOpen(w.connection.id)).toEqual([]);
  expect(await w.app.store.shipmentEvents.byState(w.connection.id, ['written'])).toHaveLength(orders.length);
}
