import type { PagedList } from './paged-list.js';
import type { V1Order } from './v1-schemas.js';
import type { V1OrderFilters } from './v1-types.js';

export interface OrderKeyLookup {
  orderKey: string;
  /** The orderNumber the order was sent with, when known: it narrows the search (as a prefix). */
  orderNumber?: string;
}

export interface OrderKeySearchOptions {
  /** Orders of interest were created on or after this instant: enables the date scan. */
  createdSince?: Date;
  /** Up to this many orderNumber-prefix queries are preferred to a date scan (default 20). */
  maxPrefixQueries?: number;
}

/**
 * Finds V1 orders by exact orderKey. V1 has no orderKey filter and its `orderNumber` filter is a PREFIX
 * match (`100` also matches `1001`, sheet §12.1), so both strategies fetch candidates and keep only exact
 * orderKey matches — the prefix result is never trusted:
 * - few keys with known orderNumbers: one query per covering prefix (`SO100` also covers `SO100-BO2`,
 *   so follow-up orders of the same Sage order cost nothing extra), 500 per page;
 * - many keys (re-linking after a lost database): one scan of orders created since a date, 500 per page,
 *   which costs total/500 requests however many keys are wanted.
 * Returns every match per key (V1 may scope orderKey per store: two matches are for a person to see).
 */
export async function findOrdersByKeys(
  list: (filters: V1OrderFilters) => PagedList<V1Order>,
  wanted: readonly OrderKeyLookup[],
  options: OrderKeySearchOptions = {},
): Promise<Map<string, V1Order[]>> {
  const keys = new Set(wanted.map((w) => w.orderKey));
  const found = new Map<string, V1Order[]>();
  const seen = new Set<number>();
  const keep = (order: V1Order) => {
    if (!keys.has(order.orderKey) || seen.has(order.orderId)) return;
    seen.add(order.orderId);
    found.set(order.orderKey, [...(found.get(order.orderKey) ?? []), order]);
  };
  if (keys.size === 0) return found;

  const prefixes = wanted.every((w) => w.orderNumber) ? coveringPrefixes(wanted.map((w) => w.orderNumber!)) : undefined;
  const usePrefixes =
    prefixes !== undefined && (prefixes.length <= (options.maxPrefixQueries ?? 20) || !options.createdSince);
  if (usePrefixes) {
    for (const prefix of prefixes) for await (const order of list({ orderNumberPrefix: prefix })) keep(order);
  } else if (options.createdSince) {
    for await (const order of list({ createdFrom: options.createdSince, sortBy: 'CreateDate' })) keep(order);
  } else {
    // Neither orderNumbers nor a date: the whole account is the only honest search.
    for await (const order of list({})) keep(order);
  }
  return found;
}

/** The fewest prefixes whose matches include every number: drop numbers another kept one prefixes. */
export function coveringPrefixes(numbers: readonly string[]): string[] {
  const sorted = [...new Set(numbers)].sort();
  const kept: string[] = [];
  for (const n of sorted) {
    const last = kept[kept.length - 1];
    if (last !== undefined && n.startsWith(last)) continue;
    kept.push(n);
  }
  return kept;
}
