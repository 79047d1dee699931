/**
 * URL pieces of the Sage 300 Web API (sheet §1): entity keys and query options.
 * Keys: numbers plain, strings single-quoted with `'` doubled (DEVREF22), composite keys named.
 */
export type KeyValue = string | number;
export type EntityKey = KeyValue | Readonly<Record<string, KeyValue>>;

function literal(value: KeyValue): string {
  return typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`;
}

export function formatKey(key: EntityKey): string {
  if (typeof key !== 'object') return `(${encodeURIComponent(literal(key))})`;
  const parts = Object.entries(key).map(([k, v]) => `${k}=${literal(v)}`);
  return `(${encodeURIComponent(parts.join(','))})`;
}

/** A string literal for `$filter`: `'O''Brien'`. */
export function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A v4 date literal for `$filter` (`2026-11-01T00:00:00Z`) from `YYYY-MM-DD` or a Date. */
export function dateLiteral(date: string | Date): string {
  const day = typeof date === 'string' ? date.slice(0, 10) : date.toISOString().slice(0, 10);
  return `${day}T00:00:00Z`;
}

export interface ListOptions {
  filter?: string;
  select?: readonly string[];
  orderby?: string;
  top?: number;
  skip?: number;
  count?: boolean;
}

export function queryString(options: ListOptions): string {
  const params: string[] = [];
  const enc = (s: string) => encodeURIComponent(s).replace(/%24/g, '$').replace(/%2C/g, ',');
  if (options.filter) params.push(`$filter=${enc(options.filter)}`);
  if (options.select?.length) params.push(`$select=${enc(options.select.join(','))}`);
  if (options.orderby) params.push(`$orderby=${enc(options.orderby)}`);
  if (options.top !== undefined) params.push(`$top=${options.top}`);
  if (options.skip !== undefined) params.push(`$skip=${options.skip}`);
  if (options.count) params.push('$count=true');
  return params.length ? `?${params.join('&')}` : '';
}
