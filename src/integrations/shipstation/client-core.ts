import { z } from 'zod';
import { type Clock, systemClock } from '../../domain/clock.js';
import { type Logger, silentLogger } from '../../observability/logger.js';
import type { HttpResponse } from '../http-request.js';
import { type ApiCall, type ApiTransport, type CallOptions, callApi, parseBody } from './api-transport.js';
import { ClientStats } from './client-stats.js';
import { PagedList, type PageOptions } from './paged-list.js';
import type { RateBudget, RequestPriority } from './rate-budget.js';

export type Query = Record<string, string | undefined>;

/** What a caller may choose for either client; the defaults are the same for V1 and V2. */
export interface ClientCommonOptions {
  budget: RateBudget;
  clock?: Clock;
  logger?: Logger;
  timeoutMs?: number;
  /** Label purchases can take longer than reads; default: timeoutMs when given, else 60 s. */
  labelTimeoutMs?: number;
  /** Attempts per call at most (default 5); ping uses fewer so that it answers quickly. */
  maxAttempts?: number;
  /** Aborts every call of this client (the service stopping). */
  stopping?: AbortSignal;
}

/** What V1Client and V2Client tell the core: the transport's per-API parts, paging, the retry cap. */
export interface ClientCoreOptions extends Omit<ApiTransport, 'budget' | 'clock' | 'logger' | 'timeoutMs' | 'stats'> {
  /** Without a trailing slash: V1 an origin, V2 ending in `/v2`. */
  baseUrl: string;
  /** The API's default attempts per call, when the caller gives no maxAttempts. */
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
export abstract class ClientCore {
  readonly baseUrl: string;
  readonly stats = new ClientStats();
  protected readonly clock: Clock;
  protected readonly labelTimeoutMs: number;
  private readonly transport: ApiTransport;
  private readonly stopping: AbortSignal | undefined;

  protected constructor(
    common: ClientCommonOptions,
    private readonly options: ClientCoreOptions,
  ) {
    this.baseUrl = options.baseUrl;
    this.clock = common.clock ?? systemClock;
    this.labelTimeoutMs = common.labelTimeoutMs ?? common.timeoutMs ?? 60_000;
    this.stopping = common.stopping;
    const maxAttempts = common.maxAttempts ?? options.maxAttempts;
    this.transport = {
      ...options,
      budget: common.budget,
      clock: this.clock,
      logger: common.logger ?? silentLogger(),
      timeoutMs: common.timeoutMs ?? 30_000,
      stats: this.stats,
      retryDelay: (error, attempt, idempotent) =>
        attempt >= maxAttempts ? undefined : options.retryDelay(error, attempt, idempotent),
    };
  }

  protected url(path: string, query: Query = {}): URL {
    const url = new URL(`${this.options.baseUrl}${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
    return url;
  }

  protected send(call: ApiCall): Promise<HttpResponse> {
    const stopping = this.stopping;
    if (!stopping) return callApi(this.transport, call);
    // A signal of its own per call (`any` adds no listener to `stopping`), however many calls wait at once.
    const signal = AbortSignal.any(call.signal ? [call.signal, stopping] : [stopping]);
    return callApi(this.transport, { ...call, signal });
  }

  protected async json<T extends z.ZodType>(
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
  protected async bare(
    method: ApiCall['method'],
    path: string,
    body: unknown,
    idempotent: boolean,
    options: CallOptions,
  ): Promise<void> {
    await this.send({ method, url: this.url(path), body, idempotent, ...prio(options, 'write') });
  }

  /** A paged list `{<key>: [...], total, page, pages}` (both APIs), fetched page by page on demand. */
  protected paged<T extends z.ZodType>(
    path: string,
    key: string,
    item: T,
    query: Query,
    page: PageOptions,
    options: CallOptions,
  ): PagedList<z.infer<T>> {
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

  /**
   * Follows an (already allow-listed) webhook resource URL page by page: `take` keeps what a page lists and
   * says how many records it held, or undefined when the page is not a list; an empty page, a page without
   * `pages` or the last page ends it. Ranked with writes by default: it feeds a write-back that is waiting.
   */
  protected async eachResourcePage<T extends z.ZodType<{ pages?: number | undefined }>>(
    start: URL,
    schema: T,
    options: CallOptions,
    take: (body: z.infer<T>) => number | undefined,
  ): Promise<void> {
    for (let page = 1; page <= 1000; page++) {
      const url = new URL(start);
      if (page > 1) url.searchParams.set('page', String(page));
      const response = await this.send({ method: 'GET', url, idempotent: true, ...prio(options, 'write') });
      const body = parseBody(response, schema, this.options.system, 'GET webhook resource');
      const count = take(body);
      if (!count || body.pages === undefined || page >= body.pages) return;
    }
  }
}

export function prio(
  options: CallOptions,
  fallback: RequestPriority,
): { priority: RequestPriority; signal?: AbortSignal } {
  return { priority: options.priority ?? fallback, ...(options.signal ? { signal: options.signal } : {}) };
}
