import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CompanyRegistry, SageCompany } from './companies.js';
import { SageError } from './sage-error.js';

const companyBody = z
  .object({
    company: z.string().regex(/^[A-Z0-9]{1,6}$/, 'an org ID: 1 to 6 capital letters or digits'),
    seed: z.enum(['demo', 'empty']).optional(),
    openOrders: z.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();

/** `/_sim/` acts on the default company, or on the one named by `?company=ORG`. */
function adminCompanyOf(companies: CompanyRegistry, request: FastifyRequest): SageCompany {
  const name = (request.query as Record<string, unknown> | undefined)?.['company'];
  if (typeof name !== 'string') return companies.default;
  const company = companies.named(name);
  if (!company) throw new SageError(404, 'RecordNotFound', `No company ${name} in this simulator.`);
  return company;
}

/**
 * Runs each `/_sim/` handler inside its company's scope, so the admin routes (written for one company) act on
 * `?company=`'s data, faults, statistics and app pool. Web API requests name their company in the URL and are
 * routed to it directly (server.ts).
 */
export function addCompanyScope(app: FastifyInstance, companies: CompanyRegistry): void {
  app.addHook('preHandler', (request, reply, done) => {
    if (!request.url.startsWith('/_sim')) {
      done();
      return;
    }
    let company: SageCompany;
    try {
      company = adminCompanyOf(companies, request);
    } catch (error) {
      if (!(error instanceof SageError)) throw error;
      reply.code(error.status).send(error.envelope());
      return;
    }
    companies.scope.run(company, done);
  });
}

function jsonOf(body: unknown): unknown {
  if (typeof body !== 'string' || body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function companyStats(c: SageCompany) {
  return { company: c.company, ...c.stats.snapshot(), maxInFlight: c.pool.maxInFlight };
}

/**
 * The companies of a multi-company simulator (docs/simulator-fidelity.md, "Tenants"): list, add one, and every
 * company's request counts in one answer (what a benchmark reads).
 */
export function registerCompanyRoutes(app: FastifyInstance, companies: CompanyRegistry): void {
  app.get('/_sim/companies', async () =>
    companies.list().map((c) => ({ company: c.company, orders: c.state.orders.length })),
  );
  app.post('/_sim/companies', async (request, reply) => {
    const parsed = companyBody.safeParse(jsonOf(request.body));
    if (!parsed.success) {
      const error = new SageError(400, 'InvalidPayload', z.prettifyError(parsed.error));
      return reply.code(400).send(error.envelope());
    }
    if (companies.named(parsed.data.company)) {
      const error = new SageError(400, 'RecordDuplicate', `Company ${parsed.data.company} exists.`);
      return reply.code(400).send(error.envelope());
    }
    const c = companies.create(parsed.data);
    return reply.code(201).send({ company: c.company, orders: c.state.orders.length });
  });
  app.get('/_sim/companies/stats', async () => ({ companies: companies.list().map(companyStats) }));
  app.delete('/_sim/companies/stats', async (_request, reply) => {
    for (const c of companies.list()) {
      c.stats.reset();
      c.pool.maxInFlight = 0;
    }
    return reply.code(204).send();
  });
}
