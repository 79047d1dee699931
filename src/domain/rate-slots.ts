/**
 * A request budget kept where every worker sees it (the store): one row per granted request ("slot") of an
 * account and API, counted while it has not expired. The in-process RateBudget still queues and orders the
 * requests; only the counting is shared (issue 15 point 1).
 */
export interface RateSlotAccount {
  /** A stable, non-secret name of the account (a hash of its API key, never the key). */
  account: string;
  api: 'v1' | 'v2';
}

export interface RateSlotRequest extends RateSlotAccount {
  /** Slots wanted now (the requests waiting in this worker, capped by the batch size). */
  want: number;
  /** At most this many unexpired slots may exist after the grant (the limit, less the write reserve for polls). */
  usable: number;
  /** A granted slot's lifetime while its request is in flight: the worker may die without settling it. */
  holdMs: number;
  /** A slot's lifetime after its answer: the window plus the margin. */
  spanMs: number;
}

export interface RateSlotGrant {
  /** The slots granted (maybe fewer than wanted, maybe none). */
  ids: string[];
  /** When fewer than wanted: milliseconds until the earliest moment one more can free (a hint, not a promise). */
  retryInMs: number;
  /** Unexpired slots of the account after this grant, any worker's (for the dashboard's "remaining"). */
  taken: number;
  /** Set after a 429 seen by any worker: no slot is granted before this time (epoch ms). */
  blockedUntil: number | null;
}

/** The port: the store implements it (store/rate-slots-repo.ts), the V2 shared policy uses it. */
export interface RateSlotStore {
  /** Grants up to `want` slots in one short transaction, serialised per account across workers. */
  take(request: RateSlotRequest): Promise<RateSlotGrant>;
  /** The requests of these slots were answered: each now expires at `expiresAt` (epoch ms). */
  settle(slot: RateSlotAccount, ids: readonly string[], expiresAt: number): Promise<void>;
  /** Slots granted but never used (their waiters went away): free them at once. */
  release(slot: RateSlotAccount, ids: readonly string[]): Promise<void>;
  /** A 429 answered the account: every worker holds off until `until` (epoch ms). */
  block(slot: RateSlotAccount, until: number): Promise<void>;
}
