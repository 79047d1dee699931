import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Address, OrderRow } from './order-row.js';
import type { Counters, Json, MiscCharge, SimState, StockRecord } from './sim-state.js';

/**
 * `--state FILE`: the whole company as one JSON document, loaded at start when the file exists and written
 * on stop (atomically: temp file + rename). Address objects shared by many orders are written once per
 * order and shared again (interned) on load.
 */
interface StateDocument {
  version: 1;
  company: string;
  customers: Json[];
  shipTos: [string, Json][];
  items: Json[];
  prices: [string, number][];
  locations: Json[];
  stock: StockRecord[];
  shipVias: Json[];
  miscCharges: MiscCharge[];
  taxRates: [string, number][];
  orders: OrderRow[];
  invoices: Json[];
  counters: Counters;
}

export function saveState(st: SimState, file: string): void {
  const doc: StateDocument = {
    version: 1,
    company: st.company,
    customers: [...st.customers.values()],
    shipTos: [...st.shipTos],
    items: [...st.items.values()],
    prices: [...st.prices],
    locations: [...st.locations.values()],
    stock: [...st.stock.values()],
    shipVias: [...st.shipVias.values()],
    miscCharges: [...st.miscCharges.values()],
    taxRates: [...st.taxRates],
    orders: st.orders,
    invoices: st.invoices,
    counters: st.counters,
  };
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(doc));
  renameSync(tmp, file);
}

/** Returns false when the file does not exist (the caller seeds instead). */
export function loadState(st: SimState, file: string): boolean {
  if (!existsSync(file)) return false;
  const doc = JSON.parse(readFileSync(file, 'utf8')) as StateDocument;
  if (doc.version !== 1) throw new Error(`${file}: unsupported simulator state version ${String(doc.version)}`);
  for (const c of doc.customers) st.customers.set(String(c['CustomerNumber']), c);
  for (const [k, v] of doc.shipTos) st.shipTos.set(k, v);
  for (const i of doc.items) {
    st.items.set(String(i['UnformattedItemNumber']), i);
    st.itemsByNumber.set(String(i['ItemNumber']), i);
  }
  for (const [k, v] of doc.prices) st.prices.set(k, v);
  for (const l of doc.locations) st.locations.set(String(l['LocationKey']), l);
  for (const s of doc.stock) st.stock.set(st.stockKey(s.item, s.location), s);
  for (const v of doc.shipVias) st.shipVias.set(String(v['Code']), v);
  for (const m of doc.miscCharges) st.miscCharges.set(m.code, m);
  for (const [k, v] of doc.taxRates) st.taxRates.set(k, v);
  const addresses = new Map<string, Address>();
  const share = (a: Address) => {
    const key = JSON.stringify(a);
    const hit = addresses.get(key);
    if (hit) return hit;
    addresses.set(key, a);
    return a;
  };
  for (const row of doc.orders) {
    row.shipTo = share(row.shipTo);
    row.billTo = share(row.billTo);
    row.customer = st.pool.intern(row.customer);
    for (const line of row.lines) {
      line.item = st.pool.intern(line.item);
      line.unit = st.pool.intern(line.unit);
      line.location = st.pool.intern(line.location);
    }
    st.addOrder(row);
  }
  st.invoices.push(...doc.invoices);
  st.counters = doc.counters;
  return true;
}
