import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseV1DateTime } from '../pacific-time.js';

/**
 * V1 is ASP.NET Web API (V1 sheet §2): model-binding failures answer `{"Message":"The request is invalid.",
 * "ModelState":{...}}`, business and server errors `{"Message":"An error has occurred.","ExceptionMessage":...}`.
 */
export function sendModelState(reply: FastifyReply, key: string, messages: string[]): FastifyReply {
  return reply.code(400).send({ Message: 'The request is invalid.', ModelState: { [key]: messages } });
}

export function sendException(
  reply: FastifyReply,
  status: number,
  message: string,
  type = 'System.Exception',
): FastifyReply {
  return reply
    .code(status)
    .send({ Message: 'An error has occurred.', ExceptionMessage: message, ExceptionType: type, StackTrace: null });
}

/** Query parameters with lower-cased names: ASP.NET binds them case-insensitively (`storeID` = `storeId`). */
export function lowerQuery(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === 'string') out[k.toLowerCase()] = value;
  }
  return out;
}

export class QueryError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

export function intParam(q: Record<string, string>, name: string): number | undefined {
  const raw = q[name.toLowerCase()];
  if (raw === undefined || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw.trim())) throw new QueryError(name, `The value '${raw}' is not valid for ${name}.`);
  return Number(raw);
}

export function dateParam(q: Record<string, string>, name: string): number | undefined {
  const raw = q[name.toLowerCase()];
  if (raw === undefined || raw === '') return undefined;
  const ms = parseV1DateTime(raw);
  if (ms === null) throw new QueryError(name, `The value '${raw}' is not valid for ${name}.`);
  return ms;
}

/** .NET-style booleans: `True`/`False` in any case (webhook resource_urls use `False`). */
export function boolParam(q: Record<string, string>, name: string): boolean | undefined {
  const raw = q[name.toLowerCase()];
  if (raw === undefined || raw === '') return undefined;
  const lower = raw.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new QueryError(name, `The value '${raw}' is not valid for ${name}.`);
}

export const V1_MAX_PAGE_SIZE = 500;
const V1_DEFAULT_PAGE_SIZE = 100;

/**
 * V1 paging: `page` from 1, `pageSize` default 100 and at most 500 (a larger value is clamped to 500: choice
 * recorded in the fidelity doc), envelope `{<name>: [...], total, page, pages}` with pages = ceil(total/pageSize).
 */
export function pageV1<T>(
  items: T[],
  q: Record<string, string>,
  name: string,
  render: (item: T) => unknown,
): Record<string, unknown> {
  const page = Math.max(1, intParam(q, 'page') ?? 1);
  const pageSize = Math.min(V1_MAX_PAGE_SIZE, Math.max(1, intParam(q, 'pageSize') ?? V1_DEFAULT_PAGE_SIZE));
  const start = (page - 1) * pageSize;
  return {
    [name]: items.slice(start, start + pageSize).map(render),
    total: items.length,
    page,
    pages: Math.ceil(items.length / pageSize),
  };
}

/** `sortDir` ASC (default) / DESC applied to a key; stable for equal keys (ascending id within). */
export function sortBy<T>(items: T[], key: ((item: T) => number | string | null) | null, dir: string | undefined): T[] {
  const desc = (dir ?? '').toUpperCase() === 'DESC';
  if (key === null) return desc ? [...items].reverse() : items;
  const sorted = [...items].sort((a, b) => {
    const x = key(a) ?? '';
    const y = key(b) ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return desc ? sorted.reverse() : sorted;
}

/** Inclusive bounds (the docs mix "after" with "on or after": inclusive chosen, fidelity doc). */
export function inRange(value: number | null, start: number | undefined, end: number | undefined): boolean {
  if (start === undefined && end === undefined) return true;
  if (value === null) return false;
  return (start === undefined || value >= start) && (end === undefined || value <= end);
}

/** A request that failed model binding; the error handler answers 400 ModelState. */
export class ModelStateError extends Error {
  constructor(readonly modelState: Record<string, string[]>) {
    super('The request is invalid.');
  }
}

/** Binds a small action body (`request` is the parameter name the V1 actions use, e.g. `request.testlabel`). */
export function bindBody<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Issue[] } } },
  body: unknown,
  param = 'request',
): T {
  if (body === undefined || body === null) throw new ModelStateError({ [param]: ['The request body is required.'] });
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const modelState: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = [param, ...issue.path.map(String)].join('.').toLowerCase();
    modelState[key] = [...(modelState[key] ?? []), issue.message];
  }
  throw new ModelStateError(modelState);
}

interface Issue {
  path: PropertyKey[];
  message: string;
}
