import type { Clock } from '../../domain/clock.js';
import type { Address, OrderRow } from './order-row.js';
import { type DayNumber, msToDay, StringPool } from './values.js';

/**
 * Everything the simulated company holds. Master data (customers, ship-to locations, items, locations,
 * ship-via codes) is small and kept in the API's own JSON shape; orders are compact rows (order-row.ts);
 * stock is one record per item × location. Counters give the system-assigned numbers.
 */
export type Json = Record<string, unknown>;

export interface StockRecord {
  item: string;
  unformatted: string;
  location: string;
  onHand: number;
  committed: number;
  onPurchaseOrder: number;
  cost: number;
  lastReceipt: DayNumber;
  lastShipment: DayNumber;
}

export interface InvoiceRecord {
  json: Json;
}

export interface MiscCharge {
  code: string;
  description: string;
  amount: number;
}

export interface Counters {
  uniq: number;
  order: number;
  shipment: number;
  shipmentUniq: number;
  invoice: number;
  invoiceUniq: number;
}

export class SimState {
  readonly pool = new StringPool();
  readonly customers = new Map<string, Json>();
  /** One shared Address per customer, so unedited orders point at it instead of holding a copy. */
  readonly customerAddresses = new Map<string, Address>();
  readonly shipTos = new Map<string, Json>();
  readonly items = new Map<string, Json>();
  readonly itemsByNumber = new Map<string, Json>();
  readonly prices = new Map<string, number>();
  readonly locations = new Map<string, Json>();
  readonly stock = new Map<string, StockRecord>();
  readonly shipVias = new Map<string, Json>();
  readonly miscCharges = new Map<string, MiscCharge>();
  readonly taxRates = new Map<string, number>();
  /** Sorted by OrderUniquifier, which only grows: a binary search finds a key range. */
  orders: OrderRow[] = [];
  readonly ordersByUniq = new Map<number, OrderRow>();
  readonly ordersByNumber = new Map<string, OrderRow>();
  readonly invoices: Json[] = [];
  counters: Counters = { uniq: 0, order: 0, shipment: 0, shipmentUniq: 0, invoice: 0, invoiceUniq: 0 };

  private tx: { stock: Map<StockRecord, StockRecord>; counters: Counters; invoices: number } | undefined;

  constructor(
    readonly company: string,
    readonly clock: Clock,
  ) {}

  /**
   * Runs a write all-or-nothing, as the Sage view does: stock records touched through `stockAt`, the
   * counters and the invoice list are restored when `write` throws. Order rows restore themselves
   * (order-tx.ts) because only the caller knows which row it is editing.
   */
  atomically<T>(write: () => T): T {
    if (this.tx) return write();
    this.tx = { stock: new Map(), counters: { ...this.counters }, invoices: this.invoices.length };
    const tx = this.tx;
    try {
      return write();
    } catch (error) {
      for (const [rec, copy] of tx.stock) Object.assign(rec, copy);
      this.counters = tx.counters;
      this.invoices.length = tx.invoices;
      throw error;
    } finally {
      this.tx = undefined;
    }
  }

  today(): DayNumber {
    return msToDay(this.clock.now());
  }

  stockKey(itemNumber: string, location: string): string {
    return `${itemNumber}\u0000${location}`;
  }

  stockAt(itemNumber: string, location: string): StockRecord {
    const key = this.stockKey(itemNumber, location);
    let rec = this.stock.get(key);
    if (!rec) {
      const item = this.itemsByNumber.get(itemNumber);
      rec = {
        item: itemNumber,
        unformatted: String(item?.['UnformattedItemNumber'] ?? itemNumber),
        location,
        onHand: 0,
        committed: 0,
        onPurchaseOrder: 0,
        cost: 0,
        lastReceipt: 0,
        lastShipment: 0,
      };
      this.stock.set(key, rec);
    }
    if (this.tx && !this.tx.stock.has(rec)) this.tx.stock.set(rec, { ...rec });
    return rec;
  }

  addOrder(row: OrderRow): void {
    const last = this.orders[this.orders.length - 1];
    if (last && last.uniq >= row.uniq) throw new Error('order uniquifiers must grow');
    this.orders.push(row);
    this.ordersByUniq.set(row.uniq, row);
    this.ordersByNumber.set(row.number, row);
  }

  removeOrder(row: OrderRow): void {
    const i = this.lowerBound(row.uniq);
    if (this.orders[i] === row) this.orders.splice(i, 1);
    this.ordersByUniq.delete(row.uniq);
    this.ordersByNumber.delete(row.number);
  }

  /** Index of the first order whose uniquifier is ≥ `uniq`. */
  lowerBound(uniq: number): number {
    let lo = 0;
    let hi = this.orders.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.orders[mid] as OrderRow).uniq < uniq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  findOrder(ref: string | number): OrderRow | undefined {
    if (typeof ref === 'number') return this.ordersByUniq.get(ref);
    if (/^\d+$/.test(ref)) return this.ordersByUniq.get(Number(ref)) ?? this.ordersByNumber.get(ref);
    return this.ordersByNumber.get(ref);
  }

  nextOrderNumber(): string {
    let n: string;
    do {
      this.counters.order += 1;
      n = `ORD${String(this.counters.order).padStart(6, '0')}`;
    } while (this.ordersByNumber.has(n));
    return n;
  }

  nextShipmentNumber(): string {
    this.counters.shipment += 1;
    this.counters.shipmentUniq += 1;
    return `SH${String(this.counters.shipment).padStart(6, '0')}`;
  }
}
