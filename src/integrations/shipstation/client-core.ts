import { z } from 'zod';
import type { Clock } from '../../domain/clock.js';
import type { ConnectorError, SystemName } from '../../domain/errors.js';
import type { Logger } from '../../observability/logger.js';
import type { HttpResponse } from '../http-request.js';
import { type ApiCall, type ApiTransport, type CallOptions, callApi, parseBody } from './api-transport.js';
import type { ClientStats } from './client-stats.js';
import { PagedList, type PageOptions } from './paged-list.js';
import type { RateBudget, RequestPriority } from './rate-budget.js';
import type { ExchangeSummary } from './v1-errors.js';

export type Query = Record<string, string | undefined>;

export interface ClientCoreOptions {
  system: SystemName;
  /** Without a trailing slash: V1 an origin, V2 ending in `/v2`. */
  baseUrl: string;
  budget: RateBudget;
  clock: Clock;
  logger: Logger;
  timeoutMs: number;
  stats: ClientStats;
  authHeaders(): Record<string, string>;
  secrets(): string[];
  classify(exchange: ExchangeSummary): ConnectorError | undefined;
  /** The client's one retry decision. */
  retryDelay(error: ConnectorError, attempt: number, idempotent: boolean): number | undefined;
  /** Attempts per call at most (the retry decision may stop earlier). */
  maxAttempts: number;
  /** Query names of paging: V1 `page`/`pageSize`, V2 `page`/`page_size`. */
  pageSizeParam: string;
  maxPageSize: number;
  defaultPageSize: number;
  /** Aborts every call of this client, whether its caller passed a signal or not (the service stopping). */
  stopping?: AbortSignal;
}

export interface JsonCall {
  body?: unknown;
  query?: Query;
  /** Default: GET only. */
  idempotent?: boolean;
  timeoutMs?: number;
}

/** The plumbing V1Client and V2Client share: URLs, the budgeted call, JSON bodies, paged lists. */
export class ClientCore {
  private readonly transport: ApiTransport;

  constructor(private readonly options: ClientCoreOptions) {
    this.transport = {
      ...options,
      retryDelay: (error, attempt, idempotent) =>
        attempt >= options.maxAttempts ? undefined : options.retryDelay(error, attempt, idempotent),
    };
  }

  url(path: string, query: Query = {}): URL {
    const url = new URL(`${this.options.baseUrl}${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
    return url;
  }

  send(call: ApiCall): Promise<HttpResponse> {
    const stopping = this.options.stopping;
    if (!stopping) return callApi(this.transport, call);
    // A signal of its own per call (`any` adds no listener to `stopping`), however many calls wait at once.
    const signal = AbortSignal.any(call.signal ? [call.signal, stopping] : [stopping]);
    return callApi(this.transport, { ...call, signal });
  }

  async json<T extends z.ZodType>(
    method: ApiCall['method'],
    path: string,
    schema: T,
    call: JsonCall,
    options: CallOptions,
    defaultPriority: RequestPriority = 'poll',
  ): Promise<z.infer<T>> {
    const response = await this.send({
      method,
      url: this.url(path, call.query),
      body: call.body,
      idempotent: call.idempotent ?? method === 'GET',
      ...(call.timeoutMs ? { timeoutMs: call.timeoutMs } : {}),
      ...prio(options, defaultPriority),
    });
    return parseBody(
      response,
      schema,
      this.options.system,
      `${method} ${new URL(this.options.baseUrl).pathname.replace(/\/$/, '')}${path}`,
    );
  }

  /** A call whose success body is not read (204, `{}`, V1's empty 200). Writes by default. */
  async bare(method: ApiCall['method'], path: string, body: unknown, idempotent: boolean, options: CallOptions) {
    await this.send({ method, url: this.url(path), body, idempotent, ...prio(options, 'write') });
  }

  /** A paged list `{<key>: [...], total, page, pages}` (both APIs), fetched page by page on demand. */
  paged<T extends z.ZodType>(
    path: string,
    key: string,
    item: T,
    query: Query,
    page: PageOptions,
    options: CallOptions,
  ) {
    const pageSize = Math.min(page.pageSize ?? this.options.defaultPageSize, this.options.maxPageSize);
    const schema = z.looseObject({ [key]: z.array(item), total: z.number(), page: z.number(), pages: z.number() });
    return new PagedList<z.infer<T>>(
      async (n) => {
        const q = { ...query, page: String(n), [this.options.pageSizeParam]: String(pageSize) };
        const body = (await this.json('GET', path, schema, { query: q }, options)) as Record<string, unknown>;
        return {
          items: body[key] as z.infer<T>[],
          page: body.page as number,
          pages: body.pages as number,
          total: body.total as number,
        };
      },
      pageSize,
      page,
    );
  }
}

export function prio(
  options: CallOptions,
  fallback: RequestPriority,
): { priority: RequestPriority; signal?: AbortSignal } {
  return { priority: options.priority ?? fallback, ...(options.signal ? { signal: options.signal } : {}) };
}
