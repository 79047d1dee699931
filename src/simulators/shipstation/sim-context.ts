import type { Clock } from '../../domain/clock.js';
import type { AccountState } from './account-state.js';
import type { AccountRegistry } from './accounts.js';
import type { FaultController } from './faults.js';
import type { FixedWindowRateLimiter } from './rate-limiter.js';
import type { RequestStats } from './stats.js';
import type { WebhookEvents } from './webhook-events.js';
import type { WebhookSender } from './webhook-sender.js';
import type { WebhookSigner } from './webhook-signer.js';

/**
 * Everything the route modules share: one account behind both APIs, the clock, and the simulator's machinery.
 * The account-bound members (state, events, sender, faults, stats, limits, credentials) are the current
 * account's (account-context.ts): the one the request authenticated as, or the default account.
 */
export interface SimContext {
  /** Every account this simulator serves; the pipeline picks the request's one. */
  accounts: AccountRegistry;
  state: AccountState;
  clock: Clock;
  /** The V1 base (`http://127.0.0.1:41235`); V2 is `${origin()}/v2`. Known once the server listens. */
  origin(): string;
  events: WebhookEvents;
  sender: WebhookSender;
  signer: WebhookSigner;
  faults: FaultController;
  stats: RequestStats;
  limits: { v1: FixedWindowRateLimiter; v2: FixedWindowRateLimiter };
  credentials: { v1Key: string; v1Secret: string; v2Key: string };
  inventoryEnabled: boolean;
  /** `PUT /v2/shipments/{id}` read as ShipEngine's document does: a full replace needing ship_to and a ship-from. */
  v2UpdateReplaces: boolean;
  /** When a number: the inventory lists ignore `page`/`page_size` and honour `limit` up to this cap. */
  v2InventoryLimitOnly: number | null;
  /** When set: the plan has no V1, and every V1 request answers this status while V2 works. */
  v1RefusedByPlan: 401 | 403 | null;
  /** Aborted when the simulator stops: held sockets and latency waits end at once. */
  stopping: AbortSignal;
}
