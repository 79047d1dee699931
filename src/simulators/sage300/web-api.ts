import { parseEntityKey } from './entity-key.js';
import { type EntitySetDef, entitySet, type SageModule } from './entity-model.js';
import { runList } from './list-query.js';
import { buildMetadata } from './metadata.js';
import { parseQuery } from './odata-query.js';
import { createOrder } from './order-create.js';
import { patchOrder } from './order-patch.js';
import { insertMaster, resourceFor } from './resources.js';
import { invalidParameters, notFound, SageError } from './sage-error.js';
import type { SimState } from './sim-state.js';
import type { UserDirectory } from './users.js';

/**
 * The Web API itself, independent of the HTTP server: URL layout (sheet §1), Basic auth and module rights
 * (§2), OData reads (§3), writes (§5). `route()` names the request first (for stats and fault rules) and
 * returns a `run()` that does the work, so faults can act before or after it.
 */
export interface WebApiConfig {
  company: string;
  pageSize: number;
  legacy2022: boolean;
  /** DEVREF22: a write without `Content-Type: application/json` "will result in an HTTP response code of 500". */
  requireJsonContentType: boolean;
  v3Literals: boolean;
}

export interface WebApiRequest {
  method: string;
  /** Path as received (percent-encoded), without the query string. */
  path: string;
  search: string;
  authorization?: string | undefined;
  contentType?: string | undefined;
  body?: string | undefined;
  /** `http://host:port` as the client addressed us, for `@odata.context` and `@odata.nextLink`. */
  origin: string;
}

export interface WebApiResponse {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  xml?: string;
}

export interface RoutedRequest {
  /** `GET OE/OEOrders`, `PATCH OE/OEOrders(key)`, `GET OE/$metadata`, or `GET ?` when the path is not the API's. */
  routeKey: string;
  /** `MODULE/Resource` for fault matching. */
  resourcePath: string;
  /** Whether the request would change data (for "apply the write then time out"). */
  write: boolean;
  run(): WebApiResponse;
}

const PATH_RE = /^\/sage300webapi\/(v[^/]+)\/([^/]+)\/([^/]+)\/([^/]+)\/(.+)$/i;
const SEGMENT_RE = /^([A-Za-z][A-Za-z0-9_]*|\$metadata)(?:\((.*)\))?$/s;

export function errorResponse(error: SageError): WebApiResponse {
  const headers: Record<string, string> = {};
  if (error.status === 401) headers['www-authenticate'] = 'Basic realm="Sage300WebApi"';
  const allow = (error as SageError & { allow?: string }).allow;
  if (allow) headers['allow'] = allow;
  return { status: error.status, headers, json: error.envelope() };
}

export class WebApi {
  constructor(
    private readonly st: SimState,
    private readonly users: UserDirectory,
    private readonly config: WebApiConfig,
  ) {}

  route(req: WebApiRequest): RoutedRequest {
    const m = PATH_RE.exec(req.path);
    const method = req.method.toUpperCase();
    if (!m) {
      return this.fail(
        `${method} ?`,
        '?',
        new SageError(404, 'ResourceNotFound', 'The requested resource was not found.'),
      );
    }
    const [, version, , company, module, rawSegment] = m as unknown as string[];
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment as string);
    } catch {
      segment = rawSegment as string;
    }
    const sm = SEGMENT_RE.exec(segment);
    const name = sm?.[1] ?? segment;
    const keyText = sm?.[2];
    const routeKey = `${method} ${module}/${name}${keyText === undefined ? '' : '(key)'}`;
    const resourcePath = `${module}/${name}`;
    return {
      routeKey,
      resourcePath,
      write: method !== 'GET',
      run: () => {
        try {
          // IIS matches the version segment in any letter case (public client code calls `V1.0`).
          if (version?.toLowerCase() !== 'v1.0')
            throw new SageError(404, 'ResourceNotFound', `API version ${version} is not supported.`);
          const user = this.users.authenticate(req.authorization);
          if (company !== this.config.company) {
            // INFERRED (sheet §8.1: code unknown, DBLinkError plausible); 400 so clients do not retry it.
            throw new SageError(400, 'DBLinkError', `Company ${company} cannot be opened.`);
          }
          if (module !== 'OE' && module !== 'AR' && module !== 'IC') {
            throw new SageError(404, 'ResourceNotFound', `Module ${module} is not available.`);
          }
          this.users.authorize(user, module as SageModule);
          if (!sm) throw new SageError(404, 'ResourceNotFound', `Resource ${segment} was not found.`);
          if (name === '$metadata') {
            if (method !== 'GET') throw methodNotAllowed();
            return { status: 200, xml: buildMetadata(module as SageModule) };
          }
          const set = entitySet(module as string, name);
          if (!set) throw new SageError(404, 'ResourceNotFound', `Resource ${name} was not found.`);
          return this.dispatch(req, method, set, keyText);
        } catch (error) {
          if (error instanceof SageError) return errorResponse(error);
          throw error;
        }
      },
    };
  }

  private fail(routeKey: string, resourcePath: string, error: SageError): RoutedRequest {
    return { routeKey, resourcePath, write: false, run: () => errorResponse(error) };
  }

  private dispatch(req: WebApiRequest, method: string, set: EntitySetDef, keyText: string | undefined): WebApiResponse {
    const verbs = set.verbs.filter((v) => !(this.config.legacy2022 && set.name === 'OEOrders' && v === 'PATCH'));
    if (!verbs.includes(method as never)) throw methodNotAllowed(verbs);
    if (method === 'GET') return keyText === undefined ? this.list(req, set) : this.get(req, set, keyText);
    const body = this.body(req);
    if (method === 'POST') {
      if (keyText !== undefined) throw new SageError(400, 'InvalidAction', `The action ${keyText} is not valid.`);
      const resource = resourceFor(this.st, set);
      if (set.name === 'OEOrders') {
        const row = createOrder(this.st, body);
        return { status: 201, json: { ...this.entityContext(req, set), ...resource.toJson(row) } };
      }
      return { status: 201, json: { ...this.entityContext(req, set), ...insertMaster(this.st, set, body) } };
    }
    // PATCH OEOrders(key): the only other verb served.
    if (keyText === undefined) throw methodNotAllowed(verbs);
    const key = parseEntityKey(keyText, set.type.key);
    const uniq = key['OrderUniquifier'] ?? '';
    if (!/^-?\d+$/.test(uniq)) throw new SageError(400, 'InvalidEntityKey', `The key value '${keyText}' is not valid.`);
    patchOrder(this.st, Number(uniq), body);
    return { status: 204 };
  }

  private body(req: WebApiRequest): unknown {
    const type = (req.contentType ?? '').toLowerCase();
    if (this.config.requireJsonContentType && !type.includes('application/json')) {
      throw new SageError(500, 'InternalServerError', 'An error has occurred.');
    }
    try {
      return JSON.parse(req.body ?? '');
    } catch {
      throw new SageError(400, 'InvalidPayload', 'The request body is not valid JSON.');
    }
  }

  private contextBase(req: WebApiRequest, set: EntitySetDef): string {
    return `${req.origin}/Sage300WebApi/v1.0/-/${this.config.company}/${set.type.module}/$metadata#${set.name}`;
  }

  private entityContext(req: WebApiRequest, set: EntitySetDef): { '@odata.context': string } {
    return { '@odata.context': `${this.contextBase(req, set)}/$entity` };
  }

  private selectSet(set: EntitySetDef, select: string[] | undefined): Set<string> | undefined {
    if (!select || select.includes('*')) return undefined;
    for (const name of select) {
      if (!set.type.properties.has(name)) {
        throw invalidParameters(
          `The query specified in the URI is not valid. Could not find a property named '${name}' on type '${set.type.name}'.`,
        );
      }
    }
    return new Set(select);
  }

  private list(req: WebApiRequest, set: EntitySetDef): WebApiResponse {
    const query = parseQuery(req.search, { v3Literals: this.config.v3Literals });
    const select = this.selectSet(set, query.select);
    const resource = resourceFor(this.st, set);
    const page = runList(resource.source(), query, this.config.pageSize);
    const context = `${this.contextBase(req, set)}${select ? `(${query.select?.join(',')})` : ''}`;
    const json: Record<string, unknown> = { '@odata.context': context };
    if (page.count !== undefined) json['@odata.count'] = page.count;
    json['value'] = page.rows.map((row) => resource.toJson(row, select));
    if (page.next) json['@odata.nextLink'] = `${req.origin}${req.path}?${encodeParams(page.next)}`;
    return { status: 200, json };
  }

  private get(req: WebApiRequest, set: EntitySetDef, keyText: string): WebApiResponse {
    const key = parseEntityKey(keyText, set.type.key);
    const query = parseQuery(req.search, { v3Literals: this.config.v3Literals });
    const select = this.selectSet(set, query.select);
    const resource = resourceFor(this.st, set);
    const row = resource.find(key);
    if (row === undefined) throw notFound();
    // "no OData feed container is returned" (DEVREF22): the bare entity.
    return { status: 200, json: { ...this.entityContext(req, set), ...resource.toJson(row, select) } };
  }
}

function methodNotAllowed(allowed?: readonly string[]): SageError {
  const error = new SageError(405, 'MethodNotAllowed', 'The requested HTTP method is not allowed for this resource.');
  if (allowed) (error as SageError & { allow?: string }).allow = allowed.join(', ');
  return error;
}

/** Like ASP.NET: percent-encoding, but `$`, `,` and `'` kept readable. */
export function encodeParams(params: readonly [string, string][]): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%24/g, '$').replace(/%2C/g, ',');
  return params.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
}
