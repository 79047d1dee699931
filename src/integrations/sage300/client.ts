import type { z } from 'zod';
import { type Clock, systemClock } from '../../domain/clock.js';
import { ResponseShapeError } from '../../domain/errors.js';
import { type Logger, silentLogger } from '../../observability/logger.js';
import { type HttpResponse, httpRequest } from '../http-request.js';
import { type EdmxModel, parseEdmx } from './edmx.js';
import { classifySage300Response, Sage300ApiError } from './errors.js';
import { type EntityKey, formatKey, type ListOptions, queryString } from './odata-url.js';
import { DEFAULT_RETRY, type RetryPolicy, withRetry } from './retry.js';
import { odataPageSchema } from './schemas.js';
import { Semaphore } from './semaphore.js';

/**
 * The connector's Sage 300 Web API client (used by the engine through its ports).
 *
 * - Basic auth on every request; user and password upper-cased unless `keepCase` (Sage's documentation:
 *   "remember to upper case your credentials"; newer servers compare passwords as stored).
 * - At most `concurrency` requests in flight across every caller of this client (default 2): Sage's IIS app
 *   pool saturates with few concurrent requests and answers TooManyRequests.
 * - Timeouts: `timeoutMs` (default 60 s, as field clients use), and `coldStartTimeoutMs` (default 180 s) for
 *   the first request and the first after `idleBeforeColdStartMs` (default 20 min: IIS's default idle
 *   timeout) — the app pool starts again then and answers slowly (DEVREF22 §13.2).
 * - GETs retry per retry.ts; POST and PATCH never retry here.
 * - Lists page through `@odata.nextLink` as an async iterator; responses are validated with zod.
 */
export interface Sage300ClientOptions {
  /** `https://host/Sage300WebApi/v1.0/-/SAMINC` (company org ID last). */
  baseUrl: string;
  user: string;
  password: string;
  keepCase?: boolean;
  concurrency?: number;
  timeoutMs?: number;
  coldStartTimeoutMs?: number;
  idleBeforeColdStartMs?: number;
  clock?: Clock;
  logger?: Logger;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
  /** Aborts every request and retry wait of this client (the service stopping). */
  signal?: AbortSignal;
}

export interface Sage300ClientStats {
  requests: number;
  retries: number;
  byStatus: Record<string, number>;
}

export interface RequestOptions {
  body?: unknown;
  /** Default: true for GET. */
  idempotent?: boolean;
  /** false: one attempt whatever the method (ping wants a fast verdict). */
  retry?: boolean;
  /** Statuses returned as responses instead of thrown (e.g. 404 for getByKey). */
  accept?: readonly number[];
  signal?: AbortSignal;
}

export class Sage300Client {
  readonly baseUrl: string;
  readonly company: string;
  readonly stats: Sage300ClientStats = { requests: 0, retries: 0, byStatus: {} };
  private readonly authorization: string;
  private readonly origin: string;
  private readonly semaphore: Semaphore;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly policy: RetryPolicy;
  private lastAnswerAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: Sage300ClientOptions) {
    const url = new URL(options.baseUrl.replace(/\/+$/, ''));
    this.baseUrl = url.toString().replace(/\/+$/, '');
    this.origin = url.origin;
    const company = url.pathname.split('/').filter(Boolean).pop();
    if (!company)
      throw new Error('The Sage 300 base URL must end with the company, e.g. …/Sage300WebApi/v1.0/-/SAMINC');
    this.company = decodeURIComponent(company);
    const user = options.keepCase ? options.user : options.user.toUpperCase();
    const password = options.keepCase ? options.password : options.password.toUpperCase();
    this.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    this.semaphore = new Semaphore(options.concurrency ?? 2);
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger();
    this.policy = { ...DEFAULT_RETRY, ...options.retry };
  }

  /** The options this client was made with (ping retries with the other letter case from them). */
  get settings(): Readonly<Sage300ClientOptions> {
    return this.options;
  }

  /** One request (relative to the base URL, or an absolute URL on the same origin), classified. */
  async request(method: string, pathOrUrl: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const url = this.resolve(pathOrUrl);
    const path = new URL(url).pathname;
    const idempotent = options.idempotent ?? method === 'GET';
    const signals = [options.signal, this.options.signal].filter((x): x is AbortSignal => !!x);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    return withRetry(
      (attempt) =>
        this.semaphore.use(async () => {
          const cold = this.clock.now() - this.lastAnswerAt >= (this.options.idleBeforeColdStartMs ?? 20 * 60_000);
          const timeoutMs = cold ? (this.options.coldStartTimeoutMs ?? 180_000) : (this.options.timeoutMs ?? 60_000);
          this.stats.requests += 1;
          const response = await httpRequest({
            method,
            url,
            headers: { authorization: this.authorization },
            ...(options.body === undefined ? {} : { body: options.body }),
            timeoutMs,
            ...(signal ? { signal } : {}),
            system: 'sage300',
          });
          this.lastAnswerAt = this.clock.now();
          const key = String(response.status);
          this.stats.byStatus[key] = (this.stats.byStatus[key] ?? 0) + 1;
          this.logger.debug(
            { system: 'sage300', method, path, status: response.status, ms: Math.round(response.elapsedMs), attempt },
            'sage300 request',
          );
          if ((response.status >= 200 && response.status < 300) || options.accept?.includes(response.status)) {
            return response;
          }
          throw classifySage300Response({
            status: response.status,
            text: response.text,
            headers: response.headers,
            method,
            path,
          });
        }),
      {
        idempotent: idempotent && options.retry !== false,
        policy: this.policy,
        clock: this.clock,
        ...(this.options.random ? { random: this.options.random } : {}),
        ...(signal ? { signal } : {}),
        onRetry: (error, attempt, delayMs) => {
          this.stats.retries += 1;
          // Each retry at debug; one line at warn when they did not help (onGiveUp).
          this.logger.debug(
            { system: 'sage300', method, path, attempt, delayMs: Math.round(delayMs), err: error },
            'sage300 retry',
          );
        },
        onGiveUp: (error, attempts, ms) => {
          this.logger.warn(
            { system: 'sage300', method, path, attempts, seconds: Math.round(ms / 1000), err: error },
            `sage300 ${method} ${path} failed after ${attempts} attempts over ${Math.round(ms / 1000)} s`,
          );
        },
      },
    );
  }

  /**
   * Pages of a collection, following `@odata.nextLink` until the server says there is no more. Each page is
   * validated; with `schema`, each row too. Stops (ResponseShapeError) if the server repeats a link.
   */
  async *list<T = Record<string, unknown>>(
    module: string,
    resource: string,
    options: ListOptions & { schema?: z.ZodType<T> } = {},
  ): AsyncGenerator<T[]> {
    let url: string | undefined = `${module}/${resource}${queryString(options)}`;
    const seen = new Set<string>();
    while (url) {
      const absolute = this.resolve(url);
      if (seen.has(absolute)) throw this.shapeError(`nextLink repeats ${new URL(absolute).pathname}`, module, resource);
      seen.add(absolute);
      const page = this.parse(await this.request('GET', absolute), odataPageSchema, module, resource);
      yield options.schema
        ? page.value.map((row) => this.validate(row, options.schema as z.ZodType<T>, module, resource))
        : (page.value as T[]);
      url = page['@odata.nextLink'];
    }
  }

  /** Every row of a filtered collection (use for small sets; stream big ones with `list`). */
  async listAll<T = Record<string, unknown>>(
    module: string,
    resource: string,
    options: ListOptions & { schema?: z.ZodType<T> } = {},
  ): Promise<T[]> {
    const rows: T[] = [];
    for await (const page of this.list(module, resource, options)) rows.push(...page);
    return rows;
  }

  /** `@odata.count` of a filter (one request, no rows); undefined where the install omits it. */
  async count(module: string, resource: string, filter?: string): Promise<number | undefined> {
    const response = await this.request(
      'GET',
      `${module}/${resource}${queryString({ ...(filter ? { filter } : {}), top: 0, count: true })}`,
    );
    return this.parse(response, odataPageSchema, module, resource)['@odata.count'];
  }

  /** The bare entity, or null on 404 RecordNotFound. */
  async getByKey<T = Record<string, unknown>>(
    module: string,
    resource: string,
    key: EntityKey,
    options: { select?: readonly string[]; schema?: z.ZodType<T> } = {},
  ): Promise<T | null> {
    const response = await this.request(
      'GET',
      `${module}/${resource}${formatKey(key)}${queryString(options.select ? { select: options.select } : {})}`,
      { accept: [404] },
    );
    if (response.status === 404) {
      const error = classifySage300Response({
        ...response,
        method: 'GET',
        path: new URL(this.resolve(module)).pathname,
      });
      if (error instanceof Sage300ApiError && error.sageCode === 'RecordNotFound') return null;
      throw error;
    }
    const body = this.json(response, module, resource);
    return options.schema ? this.validate(body, options.schema, module, resource) : (body as T);
  }

  /** POST one record; the created record comes back (with its system-assigned keys). Never retried. */
  async post<T = Record<string, unknown>>(
    module: string,
    resource: string,
    body: unknown,
    options: { schema?: z.ZodType<T> } = {},
  ): Promise<T> {
    const response = await this.request('POST', `${module}/${resource}`, { body });
    const json = this.json(response, module, resource);
    return options.schema ? this.validate(json, options.schema, module, resource) : (json as T);
  }

  /** PATCH one record (partial update). Not idempotent when it ships quantity: never retried. */
  async patch(module: string, resource: string, key: EntityKey, body: unknown): Promise<void> {
    await this.request('PATCH', `${module}/${resource}${formatKey(key)}`, { body });
  }

  async metadata(module: string): Promise<EdmxModel> {
    const response = await this.request('GET', `${module}/$metadata`);
    if (!response.text.includes('<edmx:Edmx') && !response.text.includes('Edmx')) {
      throw this.shapeError('$metadata is not an EDMX document', module, '$metadata');
    }
    return parseEdmx(response.text);
  }

  /**
   * Relative paths join the base URL. Absolute URLs (nextLink) keep their path and query but always go to the
   * configured origin: a server behind a proxy may advertise an internal host, and credentials must never be
   * sent to a host the user did not configure.
   */
  private resolve(pathOrUrl: string): string {
    if (!/^https?:\/\//i.test(pathOrUrl)) return `${this.baseUrl}/${pathOrUrl.replace(/^\/+/, '')}`;
    const u = new URL(pathOrUrl);
    return `${this.origin}${u.pathname}${u.search}`;
  }

  private json(response: HttpResponse, module: string, resource: string): unknown {
    try {
      return JSON.parse(response.text);
    } catch (error) {
      throw this.shapeError('the body is not JSON', module, resource, error);
    }
  }

  private parse<T>(response: HttpResponse, schema: z.ZodType<T>, module: string, resource: string): T {
    return this.validate(this.json(response, module, resource), schema, module, resource);
  }

  private validate<T>(value: unknown, schema: z.ZodType<T>, module: string, resource: string): T {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    throw this.shapeError(
      `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
      module,
      resource,
      result.error,
    );
  }

  private shapeError(what: string, module: string, resource: string, cause?: unknown): ResponseShapeError {
    return new ResponseShapeError(
      'sage300_response_shape',
      `Sage 300 ${module}/${resource} answered an unexpected shape: ${what}`,
      {
        ...(cause === undefined ? {} : { cause }),
        context: { system: 'sage300', path: `${module}/${resource}` },
      },
    );
  }
}
