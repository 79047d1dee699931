import { compileFilter, FilterTypeError, type PropertyResolver } from './odata-filter-compile.js';
import type { FilterExpr } from './odata-filter-parser.js';
import type { ODataQuery } from './odata-query.js';
import { invalidParameters } from './sage-error.js';

/**
 * Runs one collection request over a resource's rows: filter, order, skip, server page, count, nextLink.
 *
 * Paging (sheet §3.3): the server returns at most `pageSize` rows; when more remain it adds
 * `@odata.nextLink` = the request URL with `$skip` advanced (and `$top` reduced when one was given) —
 * INFERRED from ASP.NET OData's default. A `$top` within the page size gets no nextLink. Without
 * `$orderby` rows come in key order ("Sage's natural order").
 */
export interface ListSource<Row> {
  rows: readonly Row[];
  resolver: PropertyResolver<Row>;
  /** Qualified model type name, for error messages. */
  typeName: string;
  sortKey(name: string): ((row: Row) => unknown) | undefined;
  /** The single key property rows are stored in ascending order of (`$orderby` on it needs no sort). */
  naturalKey?: string;
  /** Index range to scan for this filter (an index on the key); the whole array when absent. */
  range?(filter: FilterExpr | undefined): { start: number; end: number };
}

export interface ListPage<Row> {
  rows: Row[];
  count?: number;
  /** Query parameters for the next page, when more rows remain. */
  next?: [string, string][];
}

export function runList<Row>(source: ListSource<Row>, query: ODataQuery, pageSize: number): ListPage<Row> {
  let predicate: ((row: Row) => boolean) | undefined;
  try {
    predicate = query.filter ? compileFilter(query.filter, source.resolver, source.typeName) : undefined;
  } catch (error) {
    if (error instanceof FilterTypeError) {
      throw invalidParameters(`The query specified in the URI is not valid. ${error.message}`);
    }
    throw error;
  }
  const skip = query.skip ?? 0;
  const limit = Math.min(query.top ?? Number.POSITIVE_INFINITY, pageSize);
  const { start, end } = source.range?.(query.filter) ?? { start: 0, end: source.rows.length };
  const page: Row[] = [];
  let matched = 0;
  let more = false;

  const natural =
    query.orderby?.length === 1 && query.orderby[0]?.name === source.naturalKey ? query.orderby[0] : undefined;
  if (query.orderby?.length && !natural) {
    const all: Row[] = [];
    for (let i = start; i < end; i++) {
      const row = source.rows[i] as Row;
      if (!predicate || predicate(row)) all.push(row);
    }
    sortRows(all, query.orderby, source);
    matched = all.length;
    page.push(...all.slice(skip, skip + limit));
    more = skip + page.length < matched;
  } else {
    // Key order, forwards or (for `$orderby Key desc`, e.g. "the highest uniquifier") backwards.
    const step = natural?.desc ? -1 : 1;
    for (let n = 0, i = step > 0 ? start : end - 1; n < end - start; n++, i += step) {
      const row = source.rows[i] as Row;
      if (predicate && !predicate(row)) continue;
      matched++;
      if (matched <= skip) continue;
      if (page.length < limit) {
        page.push(row);
        continue;
      }
      more = true;
      if (!query.count) break;
    }
  }

  const result: ListPage<Row> = { rows: page };
  if (query.count) result.count = matched;
  const topLeft = query.top === undefined ? undefined : query.top - page.length;
  if (more && page.length === pageSize && (topLeft === undefined || topLeft > 0)) {
    const params = query.params.filter(([k]) => k !== '$skip' && k !== '$top');
    params.push(['$skip', String(skip + page.length)]);
    if (topLeft !== undefined) params.push(['$top', String(topLeft)]);
    result.next = params;
  }
  return result;
}

function sortRows<Row>(rows: Row[], orderby: { name: string; desc: boolean }[], source: ListSource<Row>): void {
  const keys = orderby.map((o) => {
    const get = source.sortKey(o.name);
    if (!get) {
      throw invalidParameters(
        `The query specified in the URI is not valid. Could not find a property named '${o.name}' on type '${source.typeName}'.`,
      );
    }
    return { get, dir: o.desc ? -1 : 1 };
  });
  rows.sort((a, b) => {
    for (const k of keys) {
      const x = k.get(a) as string | number | boolean | null;
      const y = k.get(b) as string | number | boolean | null;
      if (x === y) continue;
      if (x === null) return -k.dir;
      if (y === null) return k.dir;
      return (x < y ? -1 : 1) * k.dir;
    }
    return 0;
  });
}

/**
 * Reads a key range off the top-level `and` chain of a filter (`OrderUniquifier gt 123 and …`), so the
 * "new orders since the high-water mark" poll scans only the tail of 100,000 orders.
 */
export function keyRange(filter: FilterExpr | undefined, key: string): { min?: number; max?: number } {
  const range: { min?: number; max?: number } = {};
  const visit = (e: FilterExpr) => {
    if (e.kind === 'and') {
      visit(e.left);
      visit(e.right);
      return;
    }
    if (e.kind !== 'compare') return;
    let { op } = e;
    let prop = e.left;
    let lit = e.right;
    if (prop.kind === 'literal' && lit.kind === 'property') {
      [prop, lit] = [lit, prop];
      op = ({ gt: 'lt', ge: 'le', lt: 'gt', le: 'ge', eq: 'eq', ne: 'ne' } as const)[op];
    }
    if (prop.kind !== 'property' || prop.name !== key || lit.kind !== 'literal' || lit.literal.kind !== 'number')
      return;
    const v = lit.literal.value;
    const raise = (min: number) => {
      range.min = Math.max(range.min ?? Number.NEGATIVE_INFINITY, min);
    };
    const lower = (max: number) => {
      range.max = Math.min(range.max ?? Number.POSITIVE_INFINITY, max);
    };
    if (op === 'gt') raise(Math.floor(v) + 1);
    else if (op === 'ge') raise(Math.ceil(v));
    else if (op === 'lt') lower(Math.ceil(v) - 1);
    else if (op === 'le') lower(Math.floor(v));
    else if (op === 'eq') {
      raise(Math.ceil(v));
      lower(Math.floor(v));
    }
  };
  visit(filter ?? { kind: 'literal', literal: { kind: 'null' }, position: 0 });
  return range;
}
