import type { Clock } from '../../domain/clock.js';
import { systemClock } from '../../domain/clock.js';
import type { SageCustomer, SageItem, SageLocation, SageOrder, SageShipVia } from '../../domain/sage.js';
import type { OrderSource } from '../../engine/ports.js';
import type { Sage300Client } from './client.js';
import { dateLiteral, quote } from './odata-url.js';
import { customerSchema, itemSchema, locationSchema, orderSchema, shipViaSchema } from './schemas.js';
import { ORDER_SELECT, toSageCustomer, toSageItem, toSageOrder } from './to-domain.js';

/** Incomplete values of OrderCompleted (sheet §4.1): the open orders. */
const OPEN_FILTER = "(OrderCompleted eq 'IncompleteNotIncluded' or OrderCompleted eq 'IncompleteIncluded')";
/** Keys per OR-filter lookup: short enough for IIS's URL limits, few enough requests. */
const LOOKUP_CHUNK = 25;
const CACHE_TTL_MS = 10 * 60_000;

interface Cached<T> {
  value: T | null;
  at: number;
}

/**
 * The Sage 300 side of the engine (the OrderSource port) over the Web API client. Reads only what the
 * flows use (`$select`, trimmed to what this install's `$metadata` lists), pages through nextLink, and
 * caches customers and items for a few minutes: a backlog of orders shares few of each.
 */
export class Sage300OrderSource implements OrderSource {
  readonly company: string;
  private select: Promise<readonly string[]> | undefined;
  private readonly customers = new Map<string, Cached<SageCustomer>>();
  private readonly items = new Map<string, Cached<SageItem>>();
  private readonly clock: Clock;

  private readonly extraFields: readonly string[];

  /** `extraFields`: order properties the connection's field mapping reads beyond ORDER_SELECT. */
  constructor(
    private readonly client: Sage300Client,
    options: { clock?: Clock; extraFields?: readonly string[] } = {},
  ) {
    this.company = client.company.toUpperCase();
    this.clock = options.clock ?? systemClock;
    this.extraFields = (options.extraFields ?? []).filter((f) => !ORDER_SELECT.includes(f));
  }

  /** The property names of OEOrders and ARCustomers in this install's `$metadata` (field mapping checks). */
  async propertyNames(): Promise<{ order: string[]; customer: string[] }> {
    const [oe, ar] = await Promise.all([this.client.metadata('OE'), this.client.metadata('AR')]);
    return {
      order: [...(oe.entitySets.get('OEOrders') ?? [])],
      customer: [...(ar.entitySets.get('ARCustomers') ?? [])],
    };
  }

  requestCount(): number {
    return this.client.stats.requests;
  }

  /** The order properties to `$select`: ours, minus any this install's `$metadata` does not list. */
  private orderSelect(): Promise<readonly string[]> {
    this.select ??= this.client.metadata('OE').then(
      (model) => {
        const props = model.entitySets.get('OEOrders');
        const wanted = [...ORDER_SELECT, ...this.extraFields];
        return props && props.size > 0 ? wanted.filter((p) => props.has(p)) : ORDER_SELECT;
      },
      () => ORDER_SELECT,
    );
    return this.select;
  }

  async *newOrders(after: string | null): AsyncIterable<SageOrder[]> {
    const select = await this.orderSelect();
    for await (const page of this.client.list('OE', 'OEOrders', {
      ...(after ? { filter: `OrderUniquifier gt ${after}` } : {}),
      orderby: 'OrderUniquifier',
      select,
      schema: orderSchema,
    })) {
      yield page.map(toSageOrder);
    }
  }

  async *openOrders(orderDateFrom: string | null): AsyncIterable<SageOrder[]> {
    const select = await this.orderSelect();
    const filter = orderDateFrom ? `${OPEN_FILTER} and OrderDate ge ${dateLiteral(orderDateFrom)}` : OPEN_FILTER;
    for await (const page of this.client.list('OE', 'OEOrders', {
      filter,
      orderby: 'OrderUniquifier',
      select,
      schema: orderSchema,
    })) {
      yield page.map(toSageOrder);
    }
  }

  countNewOrders(after: string | null): Promise<number | undefined> {
    return this.client
      .count('OE', 'OEOrders', after ? `OrderUniquifier gt ${after}` : undefined)
      .catch(() => undefined);
  }

  countOpenOrders(orderDateFrom: string | null): Promise<number | undefined> {
    const filter = orderDateFrom ? `${OPEN_FILTER} and OrderDate ge ${dateLiteral(orderDateFrom)}` : OPEN_FILTER;
    return this.client.count('OE', 'OEOrders', filter).catch(() => undefined);
  }

  async maxUniquifier(): Promise<string | null> {
    const rows = await this.client.listAll('OE', 'OEOrders', {
      orderby: 'OrderUniquifier desc',
      top: 1,
      select: ['OrderUniquifier'],
      schema: orderSchema.pick({ OrderUniquifier: true }),
    });
    return rows[0] ? String(rows[0].OrderUniquifier) : null;
  }

  async getOrder(uniquifier: string): Promise<SageOrder | null> {
    const select = await this.orderSelect();
    const row = await this.client.getByKey('OE', 'OEOrders', Number(uniquifier), { select, schema: orderSchema });
    return row ? toSageOrder(row) : null;
  }

  async getOrderByNumber(orderNumber: string): Promise<SageOrder | null> {
    const select = await this.orderSelect();
    const rows = await this.client.listAll('OE', 'OEOrders', {
      filter: `OrderNumber eq ${quote(orderNumber)}`,
      top: 1,
      select,
      schema: orderSchema,
    });
    return rows[0] ? toSageOrder(rows[0]) : null;
  }

  getCustomers(numbers: readonly string[]): Promise<Map<string, SageCustomer>> {
    return this.lookup(this.customers, numbers, async (chunk) => {
      const rows = await this.client.listAll('AR', 'ARCustomers', {
        filter: chunk.map((c) => `CustomerNumber eq ${quote(c)}`).join(' or '),
        schema: customerSchema,
      });
      return rows.map((r) => [r.CustomerNumber, toSageCustomer(r)] as const);
    });
  }

  getItems(unformatted: readonly string[]): Promise<Map<string, SageItem>> {
    return this.lookup(this.items, unformatted, async (chunk) => {
      const rows = await this.client.listAll('IC', 'ICItems', {
        filter: chunk.map((c) => `UnformattedItemNumber eq ${quote(c)}`).join(' or '),
        schema: itemSchema,
      });
      return rows.map((r) => [r.UnformattedItemNumber, toSageItem(r)] as const);
    });
  }

  async locations(): Promise<SageLocation[]> {
    const rows = await this.client.listAll('IC', 'ICLocations', { schema: locationSchema });
    return rows.map((r) => ({ code: r.LocationKey, name: r.Name ?? r.LocationKey }));
  }

  async shipVias(): Promise<SageShipVia[]> {
    const rows = await this.client.listAll('OE', 'OEShipViaCodes', { schema: shipViaSchema });
    return rows.map((r) => ({ code: r.Code, name: r.Name ?? r.Code }));
  }

  /** Batched, cached lookups by key; keys not found are cached as absent too (for the TTL). */
  private async lookup<T>(
    cache: Map<string, Cached<T>>,
    keys: readonly string[],
    fetch: (chunk: string[]) => Promise<(readonly [string, T])[]>,
  ): Promise<Map<string, T>> {
    const now = this.clock.now();
    const out = new Map<string, T>();
    const missing: string[] = [];
    for (const k of new Set(keys)) {
      const hit = cache.get(k);
      if (hit && now - hit.at < CACHE_TTL_MS) {
        if (hit.value) out.set(k, hit.value);
      } else missing.push(k);
    }
    for (let i = 0; i < missing.length; i += LOOKUP_CHUNK) {
      const chunk = missing.slice(i, i + LOOKUP_CHUNK);
      const found = new Map(await fetch(chunk));
      for (const k of chunk) {
        const v = found.get(k) ?? null;
        cache.set(k, { value: v, at: now });
        if (v) out.set(k, v);
      }
    }
    return out;
  }

  /** Forget cached customers and items (after a person fixed one in Sage and asks for a retry). */
  clearCache(): void {
    this.customers.clear();
    this.items.clear();
  }
}
