import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { HeldAnswers } from '../held-answers.js';
import type { SageModule } from './entity-model.js';
import type { FaultSet } from './faults.js';
import type { RequestStats } from './request-stats.js';
import { SageError } from './sage-error.js';
import type { SimAdmin } from './sim-admin.js';
import type { UserDirectory } from './users.js';

/**
 * The `/_sim/` admin API (documented in docs/simulator-fidelity.md). No authentication: the simulator
 * listens on loopback and this is a test tool. Errors use the Sage envelope, so a refused desktop action
 * (e.g. deleting a shipped order) reads like the real refusal.
 */
export interface AdminDeps {
  admin: SimAdmin;
  faults: FaultSet;
  held: HeldAnswers;
  stats: RequestStats;
  users: UserDirectory;
  setColdStart(settings: { afterIdleSeconds: number; delayMs: number } | null): void;
}

const faultSchema = z.object({
  kind: z.enum(['error', 'tooManyRequests', 'latency', 'drop', 'applyThenTimeout', 'holdAnswer']),
  path: z.string().optional(),
  method: z.string().optional(),
  rate: z.number().min(0).max(1).optional(),
  count: z.number().int().positive().optional(),
  status: z.union([z.literal(500), z.literal(503)]).optional(),
  ms: z.number().int().min(0).optional(),
  holdMs: z.number().int().min(0).optional(),
});

const userSchema = z.object({
  user: z.string().min(1),
  password: z.string(),
  modules: z.array(z.enum(['OE', 'AR', 'IC'])),
});

function send(reply: FastifyReply, run: () => unknown, status = 200): void {
  try {
    const result = run();
    if (result === undefined) reply.code(204).send();
    else reply.code(status).send(result);
  } catch (error) {
    if (error instanceof SageError) {
      reply.code(error.status).send(error.envelope());
    } else if (error instanceof z.ZodError) {
      reply
        .code(400)
        .send({ error: { code: 'InvalidPayload', message: { lang: 'en-US', value: z.prettifyError(error) } } });
    } else {
      throw error;
    }
  }
}

type Ref = { Params: { ref: string } };

/** The server reads every body as text (the Web API needs the raw text to answer like Sage); parse it here. */
function parsed(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    throw new SageError(400, 'InvalidPayload', 'The request body is not valid JSON.');
  }
}

export function registerAdminRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { admin, faults, stats, users } = deps;
  app.post('/_sim/orders', (req, reply) => send(reply, () => admin.createOrder(parsed(req.body) as never), 201));
  app.post('/_sim/orders/generate', (req, reply) =>
    send(reply, () => admin.generateOrders(parsed(req.body) as never), 201),
  );
  app.get<Ref>('/_sim/orders/:ref', (req, reply) => send(reply, () => admin.getOrder(req.params.ref)));
  app.patch<Ref>('/_sim/orders/:ref', (req, reply) =>
    send(reply, () => admin.editOrder(req.params.ref, parsed(req.body) as never)),
  );
  app.delete<Ref>('/_sim/orders/:ref', (req, reply) => send(reply, () => admin.deleteOrder(req.params.ref)));
  app.post<Ref>('/_sim/orders/:ref/hold', (req, reply) => send(reply, () => admin.hold(req.params.ref)));
  app.post<Ref>('/_sim/orders/:ref/release', (req, reply) => send(reply, () => admin.release(req.params.ref)));
  app.post<Ref>('/_sim/orders/:ref/ship', (req, reply) =>
    send(reply, () => admin.ship(req.params.ref, (parsed(req.body) ?? {}) as never)),
  );
  app.post('/_sim/stock', (req, reply) => send(reply, () => admin.adjustStock(parsed(req.body) as never)));
  app.post('/_sim/ship-vias', (req, reply) => send(reply, () => admin.addShipVia(parsed(req.body) as never), 201));
  app.post('/_sim/items', (req, reply) => send(reply, () => admin.addItem(parsed(req.body) as never), 201));
  app.post('/_sim/users', (req, reply) =>
    send(
      reply,
      () => {
        const u = userSchema.parse(parsed(req.body));
        users.add({ ...u, modules: u.modules as SageModule[] });
        return { user: u.user.toUpperCase(), modules: u.modules };
      },
      201,
    ),
  );
  app.get('/_sim/stats', (_req, reply) => send(reply, () => stats.snapshot()));
  app.delete('/_sim/stats', (_req, reply) => send(reply, () => stats.reset()));
  app.get('/_sim/faults', (_req, reply) => send(reply, () => faults.list()));
  app.post('/_sim/faults', (req, reply) =>
    send(reply, () => faults.add(faultSchema.parse(parsed(req.body)) as never), 201),
  );
  app.delete('/_sim/faults', (_req, reply) => send(reply, () => faults.clear()));
  // Held answers (the holdAnswer fault): a long poll that answers once one has arrived, and the release.
  app.get<{ Querystring: { waitMs?: string } }>('/_sim/held', async (req, reply) => {
    const waitMs = Math.min(120_000, Math.max(0, Number(req.query.waitMs ?? 0) || 0));
    const first = await deps.held.arrived(waitMs);
    if (!first) return reply.code(204).send();
    return { held: deps.held.list() };
  });
  app.post<{ Body: unknown }>('/_sim/held/release', (req, reply) =>
    send(reply, () => {
      const body = parsed(req.body) as { id?: unknown } | undefined;
      return { released: deps.held.release(typeof body?.id === 'number' ? body.id : undefined) };
    }),
  );
  app.delete<{ Params: { id: string } }>('/_sim/faults/:id', (req, reply) =>
    send(reply, () => {
      if (!faults.remove(Number(req.params.id))) throw new SageError(404, 'RecordNotFound', 'No such fault rule.');
    }),
  );
  app.put('/_sim/cold-start', (req, reply) =>
    send(reply, () => {
      const body = z
        .object({ afterIdleSeconds: z.number().min(0), delayMs: z.number().int().min(0) })
        .nullable()
        .parse(parsed(req.body) ?? null);
      deps.setColdStart(body);
      return body ?? { off: true };
    }),
  );
}
