import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseV2DateTime } from '../pacific-time.js';

/**
 * V2's error envelope (shipstation-v2.md §1.2): `{request_id, errors:[{error_source, error_type, error_code,
 * message}]}`, `field_name`/`field_value` on validation errors.
 */
export interface V2ErrorItem {
  error_source?: string;
  error_type: string;
  error_code: string;
  message: string;
  field_name?: string;
  field_value?: unknown;
}

export function v2ErrorBody(errors: V2ErrorItem[]): Record<string, unknown> {
  return {
    request_id: randomUUID(),
    errors: errors.map((e) => ({ error_source: 'ShipStation', ...e })),
  };
}

export function sendV2Error(
  reply: FastifyReply,
  status: number,
  type: string,
  code: string,
  message: string,
  extra: Partial<V2ErrorItem> = {},
): FastifyReply {
  return reply.code(status).send(v2ErrorBody([{ error_type: type, error_code: code, message, ...extra }]));
}

/** A bad query value; the error handler answers 400 `invalid_field_value` naming the field. */
export class V2QueryError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    message: string,
  ) {
    super(message);
  }
}

export function v2Query(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === 'string') out[k] = value;
  }
  return out;
}

export function v2Int(q: Record<string, string>, name: string, min = 1): number | undefined {
  const raw = q[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min) {
    throw new V2QueryError(name, raw, `${name} must be an integer greater than or equal to ${min}.`);
  }
  return Number(raw);
}

export function v2DateParam(q: Record<string, string>, name: string): number | undefined {
  const raw = q[name];
  if (raw === undefined || raw === '') return undefined;
  const ms = parseV2DateTime(raw);
  if (ms === null) throw new V2QueryError(name, raw, `${name} must be an ISO 8601 date-time.`);
  return ms;
}

export const V2_MAX_PAGE_SIZE = 500;

/**
 * V2 paging (§2): `page` from 1, `page_size` default 25 (clamped to 500: no maximum is documented, recorded),
 * `links.first/last` always, `prev`/`next` as `{}` when absent, absolute hrefs carrying the query plus page and
 * page_size, `pages` 0 for no results.
 */
export function pageV2<T>(
  base: string,
  path: string,
  q: Record<string, string>,
  items: T[],
  name: string,
  render: (item: T) => unknown,
  defaultPageSize = 25,
): Record<string, unknown> {
  const page = v2Int(q, 'page') ?? 1;
  const pageSize = Math.min(V2_MAX_PAGE_SIZE, v2Int(q, 'page_size') ?? defaultPageSize);
  const pages = Math.ceil(items.length / pageSize);
  const href = (p: number) => {
    const params = new URLSearchParams(Object.entries(q).filter(([k]) => k !== 'page' && k !== 'page_size'));
    params.set('page', String(p));
    params.set('page_size', String(pageSize));
    return { href: `${base}${path}?${params.toString()}` };
  };
  const start = (page - 1) * pageSize;
  return {
    [name]: items.slice(start, start + pageSize).map(render),
    total: items.length,
    page,
    pages,
    links: {
      first: href(1),
      last: href(Math.max(1, pages)),
      prev: page >= 2 ? href(page - 1) : {},
      next: page < pages ? href(page + 1) : {},
    },
  };
}

export function inRangeV2(value: number | null, start: number | undefined, end: number | undefined): boolean {
  if (start === undefined && end === undefined) return true;
  if (value === null) return false;
  return (start === undefined || value >= start) && (end === undefined || value <= end);
}

/** `sort_dir` default `desc` on V2 lists. */
export function sortV2<T>(items: T[], key: (item: T) => number, dir: string | undefined): T[] {
  const asc = (dir ?? 'desc').toLowerCase() === 'asc';
  return [...items].sort((a, b) => (asc ? key(a) - key(b) : key(b) - key(a)));
}

/**
 * The inventory lists' query as the server reads it. Default: `page`/`page_size` (the guides), `limit` as a
 * page size. In limit-only mode (the published document lists only `limit`): `page` and `page_size` are
 * ignored and `limit` is honoured up to `cap`, so every request answers the first slice.
 */
export function inventoryListQuery(q: Record<string, string>, limitOnlyCap: number | null): Record<string, string> {
  if (limitOnlyCap === null) return q['limit'] && !q['page_size'] ? { ...q, page_size: q['limit'] } : q;
  const { page: _page, page_size: _size, ...rest } = q;
  const limit = Number(rest['limit'] ?? limitOnlyCap);
  return {
    ...rest,
    page_size: String(Math.min(limitOnlyCap, Number.isFinite(limit) && limit > 0 ? limit : limitOnlyCap)),
  };
}
