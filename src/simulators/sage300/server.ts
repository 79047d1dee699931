import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { type Clock, systemClock } from '../../domain/clock.js';
import {
  DEMO_COMPANY,
  DEMO_SAGE_MIXED_PASSWORD,
  DEMO_SAGE_MIXED_USER,
  DEMO_SAGE_PASSWORD,
  DEMO_SAGE_USER,
} from '../demo-world.js';
import type { HeldAnswers } from '../held-answers.js';
import { forwardTo } from '../tenant-scope.js';
import { registerAdminRoutes } from './admin-routes.js';
import { CompanyRegistry, type CompanySpec, companyOf, numberedCompany, type SageCompany } from './companies.js';
import { addCompanyScope, registerCompanyRoutes } from './company-routes.js';
import type { FaultRuleInput, FaultSet } from './faults.js';
import type { RequestStats } from './request-stats.js';
import { SageError } from './sage-error.js';
import type { SimAdmin } from './sim-admin.js';
import { SimState } from './sim-state.js';
import { loadState, saveState } from './state-file.js';
import { type SimUser, UserDirectory } from './users.js';
import { errorResponse, type RoutedRequest, type WebApiResponse } from './web-api.js';

/**
 * The Sage 300 Web API simulator: a real HTTP server (fastify) on loopback, following
 * /shared/reference/sage300-webapi.md. Started in-process by tests, benchmarks and the demo; the
 * `ml-connector sim sage300` command wraps it.
 *
 * IIS app-pool behaviour is modelled around the API: more than `maxConcurrency` requests in flight
 * saturate the pool (`TooManyRequests`, or a queue = slow answers), and an idle pool can cold-start
 * (the first request after `afterIdleSeconds` of idleness waits `delayMs`; DEVREF22 §13.2). Idleness is
 * measured on the injected clock; the waits themselves are real time, since the client waits in real time.
 */
export interface Sage300SimulatorOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  company?: string;
  user?: string;
  password?: string;
  /** `demo` (default): the distributor of domain.md. `empty`: locations, ship-via codes, charges only. */
  seed?: 'demo' | 'empty';
  pageSize?: number;
  maxConcurrency?: number;
  /** What saturation does: answer TooManyRequests (default, status 429 or 503) or queue (slow answers). */
  saturation?: 'reject' | 'queue';
  saturationStatus?: 429 | 503;
  legacy2022?: boolean;
  mixedCasePasswords?: boolean;
  /** Let ADMIN use the Web API (web.config `AllowWebApiAccessForAdmin`). */
  allowAdmin?: boolean;
  /** More users, e.g. one without IC rights; the configured user always has OE, AR and IC. */
  users?: SimUser[];
  /** 500 on writes without `Content-Type: application/json` (DEVREF22). Default true. */
  requireJsonContentType?: boolean;
  /** Accept OData v3 literals (`datetime'…'`, `12.5m`, `substringof`). Default false. */
  v3Literals?: boolean;
  stateFile?: string;
  clock?: Clock;
  coldStart?: { afterIdleSeconds: number; delayMs: number };
  faults?: FaultRuleInput[];
  /** Seed of the PRNG that draws fault rates. */
  faultSeed?: number;
  /**
   * More companies beside `company` (docs/simulator-fidelity.md, "Tenants"): a number N adds `CO0001`…`CO<N>`
   * (`numberedCompany(n)`), each with the demo master data and `ordersPerCompany` open orders; or the specs.
   * Each has its own data, request statistics, faults, held answers and app pool (`maxConcurrency`, cold start).
   */
  companies?: number | CompanySpec[];
  /** Open orders generated in each company added by `companies: N` (default 0). */
  ordersPerCompany?: number;
}

function companySpecs(options: Sage300SimulatorOptions): CompanySpec[] {
  if (typeof options.companies === 'number') {
    return Array.from({ length: options.companies }, (_, i) => ({
      company: numberedCompany(i + 1),
      openOrders: options.ordersPerCompany ?? 0,
    }));
  }
  return options.companies ?? [];
}

export interface Sage300Simulator {
  /** `http://127.0.0.1:PORT/Sage300WebApi/v1.0/-/SAMINC` */
  baseUrl: string;
  origin: string;
  company: string;
  admin: SimAdmin;
  faults: FaultSet;
  /** Answers kept back by `holdAnswer` faults (crash tests wait for an arrival, then release). */
  held: HeldAnswers;
  stats: RequestStats;
  users: UserDirectory;
  /** The simulated company, for tests that inspect it directly. */
  state: SimState;
  /** Every company served (the default one first); `companies.create(spec)` adds one while running. */
  companies: CompanyRegistry;
  /** One company by org ID, with its base URL; throws for an unknown one. */
  tenant(company: string): SageCompany & { baseUrl: string };
  setColdStart(settings: { afterIdleSeconds: number; delayMs: number } | null): void;
  /** Writes the state file (when configured) — also done on stop. */
  save(): void;
  stop(): Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startSage300Simulator(options: Sage300SimulatorOptions = {}): Promise<Sage300Simulator> {
  const clock = options.clock ?? systemClock;
  const company = options.company ?? DEMO_COMPANY;
  const st = new SimState(company, clock);
  const loaded = Boolean(options.stateFile && loadState(st, options.stateFile));
  const users = new UserDirectory(options.mixedCasePasswords ?? false, options.allowAdmin ?? false);
  users.add({ user: 'ADMIN', password: 'ADMIN', modules: ['OE', 'AR', 'IC'] });
  users.add({
    user: options.user ?? DEMO_SAGE_USER,
    password: options.password ?? DEMO_SAGE_PASSWORD,
    modules: ['OE', 'AR', 'IC'],
  });
  // The mixed-case account: under mixedCasePasswords only 'Ship-Ready1' as typed opens it.
  users.add({ user: DEMO_SAGE_MIXED_USER, password: DEMO_SAGE_MIXED_PASSWORD, modules: ['OE', 'AR', 'IC'] });
  for (const u of options.users ?? []) users.add(u);
  const companies = new CompanyRegistry(
    {
      clock,
      users,
      webApi: {
        pageSize: options.pageSize ?? 100,
        legacy2022: options.legacy2022 ?? false,
        requireJsonContentType: options.requireJsonContentType ?? true,
        v3Literals: options.v3Literals ?? false,
      },
      maxConcurrency: options.maxConcurrency ?? 4,
      saturation: options.saturation ?? 'reject',
      coldStart: options.coldStart,
      faultSeed: options.faultSeed,
    },
    { company, seed: options.seed, state: loaded ? st : undefined, faults: options.faults },
  );
  for (const spec of companySpecs(options)) companies.create(spec);
  const home = companies.default;
  const current = () => companies.scope.current();

  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 10 * 1024 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const holds = new Set<NodeJS.Timeout>();
  addCompanyScope(app, companies);
  registerAdminRoutes(app, {
    admin: forwardTo(() => current().admin),
    faults: forwardTo(() => current().faults),
    held: forwardTo(() => current().held),
    stats: forwardTo(() => current().stats),
    users,
    setColdStart: (s) => current().pool.setColdStart(s),
  });
  registerCompanyRoutes(app, companies);
  app.route({
    method: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    url: '/*',
    handler: async (request, reply) => {
      const url = request.raw.url ?? '/';
      const q = url.indexOf('?');
      const path = q < 0 ? url : url.slice(0, q);
      // An unknown company is the default company's Web API's to refuse (400 DBLinkError), as it always was.
      const tenant = companies.named(companyOf(path) ?? '') ?? home;
      const routed = tenant.api.route({
        method: request.method,
        path,
        search: q < 0 ? '' : url.slice(q + 1),
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        body: typeof request.body === 'string' ? request.body : undefined,
        origin: `http://${request.headers.host ?? 'localhost'}`,
      });
      await serve(tenant, request, reply, routed);
    },
  });

  const saturationStatus = options.saturationStatus ?? 429;
  async function serve(
    tenant: SageCompany,
    request: FastifyRequest,
    reply: FastifyReply,
    routed: RoutedRequest,
  ): Promise<void> {
    const { faults, stats, pool, held } = tenant;
    const fired = faults.draw(request.method, routed.resourcePath);
    if (fired.has('drop')) {
      stats.record(routed.routeKey, 0);
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    await pool.warm();
    if (!(await pool.enter())) {
      stats.record(routed.routeKey, saturationStatus);
      const tooMany = new SageError(
        saturationStatus,
        'TooManyRequests',
        'Server was flooded with too many concurrent requests',
      );
      return sendResponse(reply, errorResponse(tooMany));
    }
    let response: WebApiResponse | undefined;
    let heldBack = false;
    try {
      const latency = fired.get('latency');
      if (latency?.ms) await realSleep(latency.ms);
      const error = fired.get('error');
      if (error) {
        const status = error.status ?? 500;
        response = errorResponse(
          status === 503
            ? new SageError(503, 'TooManyRequests', 'Server was flooded with too many concurrent requests')
            : new SageError(500, 'InternalServerError', 'An error has occurred.'),
        );
      } else if (fired.has('tooManyRequests')) {
        response = errorResponse(
          new SageError(429, 'TooManyRequests', 'Server was flooded with too many concurrent requests'),
        );
      } else {
        response = routed.run();
      }
      stats.record(routed.routeKey, response.status);
      const hold = fired.get('applyThenTimeout');
      if (hold && !error && !fired.has('tooManyRequests')) {
        reply.hijack();
        const socket = request.raw.socket;
        const timer = setTimeout(() => {
          holds.delete(timer);
          socket.destroy();
        }, hold.holdMs ?? 120_000);
        holds.add(timer);
        return;
      }
      if (fired.has('holdAnswer') && !error && response.status < 400) heldBack = true;
      else sendResponse(reply, response);
    } finally {
      pool.leave();
    }
    // Outside the app pool: a held answer must not keep a restarted client from being served.
    if (heldBack && response) {
      await held.hold({ api: 'sage300', method: request.method, path: routed.resourcePath });
      sendResponse(reply, response);
    }
  }

  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const host = options.host ?? '127.0.0.1';
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const save = () => {
    if (options.stateFile) saveState(home.state, options.stateFile);
  };
  let stopped = false;
  return {
    baseUrl: `${origin}/Sage300WebApi/v1.0/-/${company}`,
    origin,
    company,
    admin: home.admin,
    faults: home.faults,
    held: home.held,
    stats: home.stats,
    users,
    state: home.state,
    companies,
    tenant(name: string) {
      const tenant = companies.named(name);
      if (!tenant) throw new Error(`No company ${name}.`);
      return { ...tenant, baseUrl: `${origin}/Sage300WebApi/v1.0/-/${name}` };
    },
    setColdStart: (s) => home.pool.setColdStart(s),
    save,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      for (const tenant of companies.list()) {
        tenant.held.stop();
        tenant.pool.close();
      }
      for (const t of holds) clearTimeout(t);
      holds.clear();
      await app.close();
      save();
    },
  };
}

function sendResponse(reply: FastifyReply, response: WebApiResponse): void {
  reply.code(response.status);
  for (const [k, v] of Object.entries(response.headers ?? {})) reply.header(k, v);
  if (response.xml !== undefined) {
    reply.type('application/xml').send(response.xml);
  } else if (response.json !== undefined) {
    reply.type('application/json; odata.metadata=minimal; odata.streaming=true').send(JSON.stringify(response.json));
  } else {
    reply.send();
  }
}
