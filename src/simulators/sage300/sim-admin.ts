import { z } from 'zod';
import { createOrder } from './order-create.js';
import { generateOrders } from './order-generate.js';
import { orderJson } from './order-json.js';
import { patchOrder } from './order-patch.js';
import { shipOrder, updateCompletion } from './order-ship.js';
import { releaseLine } from './order-stock.js';
import { seededRandom } from './prng.js';
import { notFound, recordInvalid, SageError } from './sage-error.js';
import { addItem, shipViaJson } from './seed-demo.js';
import type { Json, SimState } from './sim-state.js';
import { parseSageDate } from './values.js';

/**
 * What a Sage desktop user (or the demo's activity generator) does, callable in-process as `sim.admin.*`
 * and over HTTP under `/_sim/` with the same bodies. Orders are referred to by OrderNumber or
 * OrderUniquifier. Desktop edits bypass `--legacy-2022` (that switch only limits the Web API).
 */
export const orderInputSchema = z.object({
  customerNumber: z.string(),
  orderType: z.enum(['Active', 'Future', 'Standing', 'Quote']).optional(),
  onHold: z.boolean().optional(),
  shipViaCode: z.string().optional(),
  location: z.string().optional(),
  orderDate: z.string().optional(),
  orderNumber: z.string().optional(),
  purchaseOrderNumber: z.string().optional(),
  comment: z.string().optional(),
  shipToLocationCode: z.string().optional(),
  lines: z
    .array(
      z.object({
        item: z.string(),
        quantity: z.number().positive(),
        location: z.string().optional(),
        unit: z.string().optional(),
        price: z.number().optional(),
      }),
    )
    .min(1),
  charges: z.array(z.object({ code: z.string(), amount: z.number() })).optional(),
});
export type AdminOrderInput = z.infer<typeof orderInputSchema>;

export const orderEditSchema = z.object({
  /** Header properties by their Sage names: ShipToAddressLine1, ShipToCity, OrderComment, ShipViaCode… */
  header: z.record(z.string(), z.unknown()).optional(),
  setQuantities: z.array(z.object({ lineNumber: z.number().int(), quantity: z.number().min(0) })).optional(),
  addLines: orderInputSchema.shape.lines.optional(),
  removeLines: z.array(z.number().int()).optional(),
  /** Zero a line's outstanding quantity without shipping it (lost sale). */
  lostSale: z.array(z.number().int()).optional(),
});
export type AdminOrderEdit = z.infer<typeof orderEditSchema>;

export const shipInputSchema = z.object({
  /** Default: every outstanding item line in full. */
  lines: z.array(z.object({ lineNumber: z.number().int(), quantity: z.number().positive() })).optional(),
  trackingNumber: z.string().max(36).optional(),
  shipViaCode: z.string().optional(),
  shipmentDate: z.string().optional(),
  invoice: z.boolean().optional(),
});
export type AdminShipInput = z.infer<typeof shipInputSchema>;

export const stockInputSchema = z.object({
  item: z.string(),
  location: z.string(),
  /** Change in stocking units (negative for a write-off). */
  quantity: z.number(),
  kind: z.enum(['receipt', 'adjustment']).default('adjustment'),
});

export const itemInputSchema = z.object({
  itemNumber: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9\-/]*$/),
  description: z.string(),
  unitWeight: z.number().optional(),
  weightUnit: z.string().optional(),
  price: z.number().optional(),
  caseSize: z.number().int().positive().optional(),
  onHand: z.number().optional(),
  /** I/C optional fields, e.g. { HSCODE: '9405.21', COUNTRYORIG: 'CN' }. */
  optionalFields: z.record(z.string(), z.string()).optional(),
});

export const generateInputSchema = z.object({
  count: z.number().int().positive().max(1_000_000),
  status: z.enum(['open', 'completed', 'mixed']).default('completed'),
  days: z.number().int().positive().default(365),
  seed: z.number().int().default(1),
});

export class SimAdmin {
  constructor(private readonly st: SimState) {}

  private order(ref: string | number) {
    const row = this.st.findOrder(ref);
    if (!row) throw notFound();
    return row;
  }

  getOrder(ref: string | number): Json {
    return orderJson(this.order(ref), this.st);
  }

  createOrder(input: AdminOrderInput): Json {
    const i = orderInputSchema.parse(input);
    const body: Json = {
      CustomerNumber: i.customerNumber,
      OrderType: i.orderType ?? 'Active',
      ...(i.orderNumber ? { OrderNumber: i.orderNumber } : {}),
      ...(i.onHold !== undefined ? { OnHold: i.onHold } : {}),
      ...(i.shipViaCode !== undefined ? { ShipViaCode: i.shipViaCode } : {}),
      ...(i.location ? { DefaultLocationCode: i.location } : {}),
      ...(i.orderDate ? { OrderDate: i.orderDate } : {}),
      ...(i.purchaseOrderNumber ? { PurchaseOrderNumber: i.purchaseOrderNumber } : {}),
      ...(i.comment ? { OrderComment: i.comment } : {}),
      ...(i.shipToLocationCode ? { ShipToLocationCode: i.shipToLocationCode } : {}),
      OrderDetails: [...i.lines.map(lineBody), ...(i.charges ?? []).map(chargeBody)],
    };
    return orderJson(createOrder(this.st, body), this.st);
  }

  editOrder(ref: string | number, edit: AdminOrderEdit): Json {
    const e = orderEditSchema.parse(edit);
    const row = this.order(ref);
    const details: Json[] = [
      ...(e.setQuantities ?? []).map((q) => ({
        LineNumber: q.lineNumber,
        QuantityOrdered: q.quantity,
        UpdateOperation: 'Update',
      })),
      ...(e.removeLines ?? []).map((n) => ({ LineNumber: n, UpdateOperation: 'Delete' })),
      ...(e.addLines ?? []).map((l) => ({ ...lineBody(l), UpdateOperation: 'Insert' })),
    ];
    patchOrder(this.st, row.uniq, { ...(e.header ?? {}), ...(details.length ? { OrderDetails: details } : {}) });
    if (e.lostSale?.length) this.lostSale(row.uniq, e.lostSale);
    return this.getOrder(row.uniq);
  }

  private lostSale(uniq: number, lineNumbers: number[]): void {
    const row = this.order(uniq);
    this.st.atomically(() => {
      for (const n of lineNumbers) {
        const line = row.lines.find((l) => l.lineNumber === n && !l.misc);
        if (!line) throw recordInvalid(`Order detail ${n} does not exist on order ${row.number}.`);
        releaseLine(this.st, line);
        line.outstanding = 0;
        line.completed = true;
      }
      updateCompletion(this.st, row);
    });
  }

  hold(ref: string | number): Json {
    patchOrder(this.st, this.order(ref).uniq, { OnHold: true });
    return this.getOrder(ref);
  }

  release(ref: string | number): Json {
    patchOrder(this.st, this.order(ref).uniq, { OnHold: false });
    return this.getOrder(ref);
  }

  /** "You can delete an order or an order detail only if none of the items on the order have been shipped." */
  deleteOrder(ref: string | number): void {
    const row = this.order(ref);
    if (row.lines.some((l) => l.shippedToDate > 0)) {
      throw recordInvalid(`Order ${row.number} has shipments and cannot be deleted.`);
    }
    for (const line of row.lines) releaseLine(this.st, line);
    this.st.removeOrder(row);
  }

  /** A shipment entered in Sage directly (O/E Shipment Entry), not through the Web API. */
  ship(ref: string | number, input: AdminShipInput = {}): Json {
    const i = shipInputSchema.parse(input);
    const row = this.order(ref);
    const quantities = new Map<number, number>();
    if (i.lines) for (const l of i.lines) quantities.set(l.lineNumber, l.quantity);
    else for (const l of row.lines) if (!l.misc && l.outstanding > 0) quantities.set(l.lineNumber, l.outstanding);
    const shipmentDate = i.shipmentDate ? parseSageDate(i.shipmentDate) : undefined;
    if (i.shipmentDate && !shipmentDate) throw recordInvalid(`Invalid shipment date ${i.shipmentDate}.`);
    if (i.shipViaCode && !this.st.shipVias.has(i.shipViaCode))
      throw recordInvalid(`Ship-via code ${i.shipViaCode} does not exist.`);
    this.st.atomically(() =>
      shipOrder(this.st, row, {
        quantities,
        ...(i.trackingNumber !== undefined ? { trackingNumber: i.trackingNumber } : {}),
        ...(i.shipViaCode !== undefined ? { shipViaCode: i.shipViaCode } : {}),
        ...(shipmentDate ? { shipmentDate } : {}),
        invoice: i.invoice ?? false,
      }),
    );
    return this.getOrder(row.uniq);
  }

  adjustStock(input: z.input<typeof stockInputSchema>): Json {
    const i = stockInputSchema.parse(input);
    const item = this.st.itemsByNumber.get(i.item) ?? this.st.items.get(i.item);
    if (!item) throw recordInvalid(`Item ${i.item} does not exist.`);
    if (!this.st.locations.has(i.location)) throw recordInvalid(`Location ${i.location} does not exist.`);
    const rec = this.st.stockAt(String(item['ItemNumber']), i.location);
    rec.onHand += i.quantity;
    if (i.kind === 'receipt') rec.lastReceipt = this.st.today();
    return {
      ItemNumber: rec.item,
      Location: rec.location,
      QuantityOnHand: rec.onHand,
      QuantityCommitted: rec.committed,
    };
  }

  addShipVia(input: { code: string; name: string }): Json {
    const i = z.object({ code: z.string().min(1).max(6), name: z.string() }).parse(input);
    if (this.st.shipVias.has(i.code)) throw new SageError(409, 'RecordDuplicate', 'The record already exists.');
    const json = shipViaJson(i.code, i.name);
    this.st.shipVias.set(i.code, json);
    return json;
  }

  addItem(input: z.input<typeof itemInputSchema>): Json {
    const i = itemInputSchema.parse(input);
    if (this.st.itemsByNumber.has(i.itemNumber))
      throw new SageError(409, 'RecordDuplicate', 'The record already exists.');
    const { onHand, ...spec } = i;
    const json = addItem(this.st, spec as Parameters<typeof addItem>[1]);
    for (const loc of this.st.locations.keys()) this.st.stockAt(i.itemNumber, loc).onHand = onHand ?? 0;
    return json;
  }

  generateOrders(input: z.input<typeof generateInputSchema>): { first: number; last: number; count: number } {
    const i = generateInputSchema.parse(input);
    const r = generateOrders(this.st, { count: i.count, status: i.status, days: i.days, random: seededRandom(i.seed) });
    return { ...r, count: i.count };
  }
}

function lineBody(l: AdminOrderInput['lines'][number]): Json {
  return {
    LineType: 'Item',
    Item: l.item,
    QuantityOrdered: l.quantity,
    ...(l.location ? { Location: l.location } : {}),
    ...(l.unit ? { OrderUnitOfMeasure: l.unit } : {}),
    ...(l.price !== undefined ? { OrderUnitPrice: l.price } : {}),
  };
}

function chargeBody(c: { code: string; amount: number }): Json {
  return { LineType: 'Miscellaneous', MiscellaneousChargesCode: c.code, ExtendedAmount: c.amount };
}
