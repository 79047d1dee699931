import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { adminAccountOf } from '../account-context.js';
import type { Account, AccountRegistry } from '../accounts.js';
import { RuleViolation } from '../sim-errors.js';

const accountBody = z
  .object({
    name: z.string().min(1),
    v1Key: z.string().min(1).optional(),
    v1Secret: z.string().min(1).optional(),
    v2Key: z.string().min(1).optional(),
    seed: z.enum(['demo', 'empty']).optional(),
  })
  .strict();

function summary(account: Account) {
  return {
    name: account.name,
    v1Key: account.v1Key,
    v1Secret: account.v1Secret,
    v2Key: account.v2Key,
    orders: account.state.orders.size,
  };
}

function accountStats(account: Account) {
  const { total, byApi, rateLimited, rateLimitedByApi } = account.stats.snapshot();
  return { name: account.name, total, byApi, rateLimited, rateLimitedByApi, rateWindows: account.stats.rateWindows() };
}

/**
 * The accounts of a multi-account simulator (docs/simulator-fidelity.md, "Tenants"): list, add, and every
 * account's request counts and rate windows in one answer (what a benchmark reads). Every other `/_sim/` route
 * acts on the account named by `?account=` (the default one without it).
 */
export function registerAccountRoutes(app: FastifyInstance, accounts: AccountRegistry): void {
  app.get('/_sim/accounts', async () => accounts.list().map(summary));
  app.post('/_sim/accounts', async (request, reply) => {
    const body = accountBody.parse(request.body);
    try {
      return reply.code(201).send(summary(accounts.create(body)));
    } catch (error) {
      throw new RuleViolation((error as Error).message);
    }
  });
  app.get('/_sim/accounts/stats', async () => ({ accounts: accounts.list().map(accountStats) }));
  app.post('/_sim/accounts/stats/reset', async () => {
    for (const account of accounts.list()) account.stats.reset();
    return { reset: accounts.list().length };
  });
  app.get('/_sim/rate-windows', async (request) => adminAccountOf(accounts, request).stats.rateWindows());
}
