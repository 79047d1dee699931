import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forwardTo } from '../tenant-scope.js';
import type { Account, AccountRegistry } from './accounts.js';
import type { SimContext } from './sim-context.js';
import { NotFound } from './sim-errors.js';

/** The members of SimContext that belong to the simulator, not to an account. */
export type SharedContext = Omit<
  SimContext,
  'accounts' | 'state' | 'events' | 'sender' | 'faults' | 'stats' | 'limits' | 'credentials'
>;

/**
 * The one SimContext the route modules are given: its account-bound members always are the current account's
 * (accounts.scope), whether a handler reads `ctx.state` per request or captured it at registration. So the route
 * modules stay written for one account. With `current` fixed to one account it is that account's context (the
 * in-process `sim.account(name).admin`).
 */
export function accountContext(
  shared: SharedContext,
  accounts: AccountRegistry,
  current: () => Account = () => accounts.scope.current(),
): SimContext {
  const credentials = forwardTo(() => {
    const a = current();
    return { v1Key: a.v1Key ?? '', v1Secret: a.v1Secret ?? '', v2Key: a.v2Key ?? '' };
  });
  return {
    ...shared,
    accounts,
    state: forwardTo(() => current().state),
    events: forwardTo(() => current().events),
    sender: forwardTo(() => current().sender),
    faults: forwardTo(() => current().faults),
    stats: forwardTo(() => current().stats),
    limits: forwardTo(() => current().limits),
    credentials,
  };
}

/**
 * The admin API acts on the default account, or on the one named by `?account=NAME` (or an `X-Sim-Account` header).
 */
export function adminAccountOf(accounts: AccountRegistry, request: FastifyRequest): Account {
  const query = request.query as Record<string, unknown> | undefined;
  const header = request.headers['x-sim-account'];
  const name = typeof query?.['account'] === 'string' ? query['account'] : typeof header === 'string' ? header : null;
  if (name === null) return accounts.default;
  const account = accounts.named(name);
  if (!account) throw new NotFound(`No account named '${name}'.`);
  return account;
}

/**
 * Runs each handler (and what it awaits) inside its account's scope: the API request's account (found by the
 * pipeline's authentication, `accountOf`), or for `/_sim/` the named one. Entered at preHandler, the last step
 * before the handler, because reading the body may lose an async context opened earlier.
 */
export function addAccountScope(
  app: FastifyInstance,
  accounts: AccountRegistry,
  accountOf: (request: FastifyRequest) => Account | undefined,
): void {
  app.addHook('preHandler', (request, _reply, done) => {
    let account = accountOf(request);
    if (!account && request.url.startsWith('/_sim')) {
      try {
        account = adminAccountOf(accounts, request);
      } catch (error) {
        done(error as Error);
        return;
      }
    }
    accounts.scope.run(account ?? accounts.default, done);
  });
}
