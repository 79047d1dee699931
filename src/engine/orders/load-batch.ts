import type { Link } from '../../domain/link.js';
import type { Mapping } from '../../domain/mappings.js';
import type { RecordRow } from '../../domain/records.js';
import type { SageCustomer, SageItem, SageOrder } from '../../domain/sage.js';
import type { OrdersRun } from './order-context.js';

export interface BatchState {
  links: Map<string, Link[]>;
  records: Map<string, RecordRow>;
  customers: Map<string, SageCustomer>;
  items: Map<string, SageItem>;
  /**
   * Order keys of shipped links whose shipment is not written back to Sage yet (or not even seen yet):
   * until it is, Sage's outstanding quantities still include the shipped goods.
   */
  pendingWriteBack: Set<string>;
}

export interface MappingTables {
  shipVia: Map<string, Mapping>;
  location: Map<string, Mapping>;
  /** Origin country by ShipStation warehouse id, both id forms (`700001`, `se-700001`), from the reference snapshot. */
  warehouseCountries: Map<string, string>;
  /** The newest change in the table when it was read (to notice changes made during a pass). */
  latest: string;
}

export async function loadMappings(run: OrdersRun): Promise<MappingTables> {
  const [all, warehouses] = await Promise.all([
    run.store.mappings.list(run.connection.id),
    run.store.mappings.reference(run.connection.id, 'shipstation', 'warehouse'),
  ]);
  const warehouseCountries = new Map<string, string>();
  for (const w of warehouses) {
    const country = (w.data as { country?: unknown } | null)?.['country'];
    if (typeof country !== 'string' || !country) continue;
    const bare = w.value.replace(/^se-/, '');
    warehouseCountries.set(bare, country).set(`se-${bare}`, country);
  }
  return {
    shipVia: new Map(all.filter((m) => m.kind === 'ship_via').map((m) => [m.sageValue, m])),
    location: new Map(all.filter((m) => m.kind === 'location').map((m) => [m.sageValue, m])),
    warehouseCountries,
    latest: all.reduce((m, x) => (x.updatedAt > m ? x.updatedAt : m), ''),
  };
}

/**
 * Loads, in a few queries, what planning a batch needs: links, records, the customers and items of
 * orders that will be mapped (one batched Sage lookup each, cached by the adapter), and which shipped
 * orders still have a write-back pending.
 */
export async function loadBatch(run: OrdersRun, orders: readonly SageOrder[]): Promise<BatchState> {
  const id = run.connection.id;
  const uniqs = orders.map((o) => o.uniquifier);
  const [links, records] = await Promise.all([
    run.store.links.forSageOrders(id, uniqs),
    run.store.records.getMany(id, 'order', uniqs),
  ]);
  const wanted = orders.filter((o) => o.type === 'Active');
  const customerNumbers = [...new Set(wanted.map((o) => o.customerNumber).filter(Boolean))];
  const itemNumbers = [
    ...new Set(
      wanted.flatMap((o) => o.lines.filter((l) => l.type === 'Item').map((l) => l.unformattedItem)).filter(Boolean),
    ),
  ];
  const [customers, items] = await Promise.all([
    run.sage.getCustomers(customerNumbers),
    run.sage.getItems(itemNumbers),
  ]);
  const shippedKeys = [...links.values()]
    .flat()
    .filter((l) => l.status === 'shipped')
    .map((l) => l.orderKey);
  const pendingWriteBack = new Set<string>(shippedKeys);
  if (shippedKeys.length > 0) {
    const events = await run.store.shipmentEvents.forOrderKeys(id, shippedKeys);
    const written = new Set(events.filter((e) => e.state === 'written' && e.orderKey).map((e) => e.orderKey as string));
    const waiting = new Set(
      events.filter((e) => (e.state === 'new' || e.state === 'queued') && e.orderKey).map((e) => e.orderKey as string),
    );
    for (const key of shippedKeys) if (written.has(key) && !waiting.has(key)) pendingWriteBack.delete(key);
  }
  return { links, records, customers, items, pendingWriteBack };
}
