import { systemClock } from '../../domain/clock.js';
import type { RateSlotAccount, RateSlotStore } from '../../domain/rate-slots.js';
import { RateBudget, type RateOutcome, type RatePolicy, type RequestPriority } from './rate-budget.js';
import { defaultV2MarginMs, retryAfterMs, type V2RateBudgetOptions } from './v2-rate-budget.js';

export interface SharedV2RateBudgetOptions extends V2RateBudgetOptions {
  store: RateSlotStore;
  /** The account's non-secret name in the store (a hash of its API key). */
  account: string;
  /** The client's request timeout: with the span, how long a slot of a worker that died stays taken. */
  requestTimeoutMs: number;
  /** Most slots one grant takes for the requests waiting here (fewer transactions under a burst). */
  batch?: number;
  /** A store error (the grant is retried after a short pause; the budget never grants without the store). */
  onError?: (error: unknown) => void;
}

/**
 * The V2 budget of one account shared by every worker on the database (issue 15 point 1). The rule is the
 * in-process one of v2-rate-budget.ts — a request holds its slot from the grant until its answer arrives,
 * then for one window plus the margin, so at most `limit` requests are in any server window whatever the
 * latency — but the slots are rows in the store, counted by every worker. A slot whose worker died before
 * the answer expires `requestTimeoutMs` + the span after its grant: by then its request, if it ever left,
 * was counted by the server and left its window. Queueing and priorities stay in this worker's RateBudget;
 * the write reserve is applied to the account's count, so polls of every worker leave it to writes.
 */
export function createSharedV2RateBudget(options: SharedV2RateBudgetOptions): RateBudget {
  return new RateBudget(new SharedV2Policy(options), options.clock ?? systemClock);
}

export class SharedV2Policy implements RatePolicy {
  readonly kind = 'self-throttle' as const;
  private readonly slot: RateSlotAccount;
  private readonly limit: number;
  private readonly span: number;
  private readonly hold: number;
  private readonly reserve: number;
  private readonly batch: number;
  private readonly defaultRetryAfterMs: number;
  private wake: () => void = () => {};
  /** Slots granted by the store and not used yet, and slots of requests sent and not answered. */
  private spare: string[] = [];
  private open: string[] = [];
  private taking = false;
  /** The head of the queue as of the last `waitFor`: what the next grant is for. */
  private head: { priority: RequestPriority; waiting: number } = { priority: 'poll', waiting: 0 };
  /** No slot was free: do not ask the store again before this time. */
  private retryAt: number | undefined;
  private blockedUntil: number | undefined;
  private lastTaken = 0;
  /** Answers not yet written to the store, written by one statement at a time (they batch under load). */
  private settling: { ids: string[]; expiresAt: number } = { ids: [], expiresAt: 0 };
  private flushing = false;

  constructor(private readonly options: SharedV2RateBudgetOptions) {
    this.slot = { account: options.account, api: 'v2' };
    this.limit = options.limit ?? 200;
    const windowMs = options.windowMs ?? 60_000;
    this.span = windowMs + (options.marginMs ?? defaultV2MarginMs(windowMs));
    this.hold = options.requestTimeoutMs + this.span;
    this.reserve = Math.min(options.reserveForWrites ?? 2, Math.max(0, this.limit - 1));
    this.batch = Math.max(1, options.batch ?? 10);
    this.defaultRetryAfterMs = options.defaultRetryAfterMs ?? 1000;
  }

  attach(wake: () => void): void {
    this.wake = wake;
  }

  waitFor(priority: RequestPriority, now: number, _inFlight: number, waiting: Record<RequestPriority, number>): number {
    if (this.blockedUntil !== undefined) {
      if (now < this.blockedUntil) return this.blockedUntil - now;
      this.blockedUntil = undefined;
    }
    if (this.spare.length > 0) return 0;
    if (this.retryAt !== undefined) {
      if (now < this.retryAt) return this.retryAt - now;
      this.retryAt = undefined;
    }
    this.head = { priority, waiting: waiting[priority] };
    if (!this.taking) this.take();
    return Number.POSITIVE_INFINITY;
  }

  onSend(): void {
    const id = this.spare.pop();
    if (id !== undefined) this.open.push(id);
  }

  /** Nobody left to use the spare slots (waiters aborted while the grant ran): give them to the other workers. */
  onIdle(): void {
    if (this.spare.length > 0) this.releaseSpare();
  }

  onSettle(outcome: RateOutcome | undefined, now: number): void {
    // Every settle ends one open request; which one does not matter, their slots are alike.
    const id = this.open.shift();
    if (id !== undefined) this.queueSettle(id, now + this.span);
    if (outcome?.status !== 429) return;
    const until = now + (retryAfterMs(outcome.headers, now) ?? this.defaultRetryAfterMs);
    this.blockedUntil = Math.max(this.blockedUntil ?? 0, until);
    this.options.store.block(this.slot, until).catch((error: unknown) => this.options.onError?.(error));
  }

  snapshot(now: number) {
    return {
      limit: this.limit,
      remaining: Math.max(0, this.limit - this.lastTaken),
      resetAt: this.retryAt !== undefined && this.retryAt > now ? this.retryAt : null,
      blockedUntil: this.blockedUntil !== undefined && this.blockedUntil > now ? this.blockedUntil : null,
    };
  }

  /**
   * One grant for what waits once this turn of the event loop is over: a burst of requests made together
   * (`Promise.all` of many calls) is one transaction, not one for its first request and one for the rest.
   * The queue is ordered writes first, so the head's priority decides the reserve for the whole batch.
   */
  private take(): void {
    this.taking = true;
    const clock = this.options.clock ?? systemClock;
    new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => {
        const { priority, waiting } = this.head;
        const usable = priority === 'write' ? this.limit : this.limit - this.reserve;
        const want = Math.max(1, Math.min(this.batch, waiting));
        return this.options.store.take({ ...this.slot, want, usable, holdMs: this.hold, spanMs: this.span });
      })
      .then(
        (grant) => {
          this.lastTaken = grant.taken;
          this.spare.push(...grant.ids);
          if (grant.blockedUntil !== null) this.blockedUntil = Math.max(this.blockedUntil ?? 0, grant.blockedUntil);
          // Short of what was wanted: the spare slots go now, the rest not before one can free.
          if (grant.retryInMs > 0) this.retryAt = clock.now() + grant.retryInMs;
        },
        (error: unknown) => {
          this.options.onError?.(error);
          this.retryAt = clock.now() + Math.min(1000, this.span);
        },
      )
      .finally(() => {
        this.taking = false;
        this.wake();
      });
  }

  private releaseSpare(): void {
    const ids = this.spare;
    this.spare = [];
    this.options.store.release(this.slot, ids).catch((error: unknown) => this.options.onError?.(error));
  }

  private queueSettle(id: string, expiresAt: number): void {
    this.settling.ids.push(id);
    // One statement for the batch, with its latest expiry: a slot freed a little late is the safe side.
    this.settling.expiresAt = Math.max(this.settling.expiresAt, expiresAt);
    if (!this.flushing) void this.flushSettles();
  }

  private async flushSettles(): Promise<void> {
    this.flushing = true;
    try {
      while (this.settling.ids.length > 0) {
        const batch = this.settling;
        this.settling = { ids: [], expiresAt: 0 };
        // A failed write leaves the slots to expire at their hold time: later, never sooner.
        await this.options.store
          .settle(this.slot, batch.ids, batch.expiresAt)
          .catch((error: unknown) => this.options.onError?.(error));
      }
    } finally {
      this.flushing = false;
    }
  }
}
