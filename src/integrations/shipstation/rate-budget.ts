import type { Clock } from '../../domain/clock.js';

/**
 * One request budget per ShipStation account, shared by every flow of the connection (orders push,
 * shipments poll, reference reads, webhook resource fetches). Requests queue here with a priority:
 * write-backs and pushes go before polls, and polls leave a small reserve so a write never starves.
 *
 * The queue is generic; WHEN a request may go is a RatePolicy: V1 follows the server's own
 * `X-Rate-Limit-*` headers (v1-rate-budget.ts), V2 throttles itself and honours `Retry-After`
 * (v2-rate-budget.ts). Timers come from the injected Clock so tests run windows in milliseconds.
 *
 * Scope: the queue is one process's. Across workers, V1 is shared through the server's headers and V2
 * through the store: the shared V2 policy (shared-v2-rate-budget.ts) counts slots in the database, so every
 * worker on one account spends from one budget while each keeps its own queue and priorities.
 */
export type RequestPriority = 'write' | 'poll';

/** What the exchange ended with: the response status and headers, or nothing when no answer arrived. */
export interface RateOutcome {
  status: number;
  headers: Headers;
}

export interface RatePermit {
  /** Call exactly once, when the exchange is over (with the response, or without one). */
  settle(outcome?: RateOutcome): void;
}

export interface RateBudgetState {
  kind: 'server-headers' | 'self-throttle';
  /** Requests allowed per window (V1: as the server last said). */
  limit: number;
  /** Requests left in the current window, or null when not known (V1 before the first answer of a window). */
  remaining: number | null;
  /** When the current window ends (epoch ms), or null when unknown. */
  resetAt: number | null;
  inFlight: number;
  waiting: Record<RequestPriority, number>;
  /** Set after a 429: nothing is sent before this time (epoch ms). */
  blockedUntil: number | null;
  /** 429 answers seen since start. */
  rateLimited: number;
  /** Permits handed out since start. */
  granted: number;
}

/** Decides when a request may be sent; the RateBudget does the queueing and the waking. */
export interface RatePolicy {
  readonly kind: RateBudgetState['kind'];
  /**
   * Milliseconds until a request of this priority may go (0 = now). `Infinity` means "wait for an
   * in-flight request to settle" (its answer tells us more), not for a time.
   */
  waitFor(priority: RequestPriority, now: number, inFlight: number, waiting: Record<RequestPriority, number>): number;
  onSend(now: number): void;
  onSettle(outcome: RateOutcome | undefined, now: number): void;
  snapshot(now: number, inFlight: number): Pick<RateBudgetState, 'limit' | 'remaining' | 'resetAt' | 'blockedUntil'>;
  /**
   * A policy that learns asynchronously (from a shared store) gets a way to wake the queue: after its
   * `waitFor` said `Infinity`, it calls `wake` when an answer of its own arrives.
   */
  attach?(wake: () => void): void;
  /** Nobody waits any more (a policy holding slots it took for waiters that went away gives them back). */
  onIdle?(): void;
}

interface Waiter {
  priority: RequestPriority;
  resolve: (permit: RatePermit) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
}

export class RateBudget {
  private readonly queues: Record<RequestPriority, Waiter[]> = { write: [], poll: [] };
  private inFlight = 0;
  private granted = 0;
  private rateLimited = 0;
  private timer: { at: number; cancel: AbortController } | undefined;
  /**
   * One abort listener per signal, whatever the number of its waiters: a pass's requests share its stop
   * signal, and a listener per queued request put dozens on it (Node warns past ten: issue 12 point 3).
   */
  private readonly watched = new Map<AbortSignal, { waiters: Set<Waiter>; listener: () => void }>();

  constructor(
    private readonly policy: RatePolicy,
    private readonly clock: Clock,
  ) {
    policy.attach?.(() => this.pump());
  }

  /** Waits for the policy's go-ahead; rejects with the signal's reason when aborted while queued. */
  acquire(priority: RequestPriority, signal?: AbortSignal): Promise<RatePermit> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<RatePermit>((resolve, reject) => {
      const waiter: Waiter = { priority, resolve, reject, signal };
      if (signal) this.watch(signal, waiter);
      this.queues[priority].push(waiter);
      this.pump();
    });
  }

  private watch(signal: AbortSignal, waiter: Waiter): void {
    let entry = this.watched.get(signal);
    if (!entry) {
      const waiters = new Set<Waiter>();
      const listener = () => {
        this.watched.delete(signal);
        for (const w of waiters) {
          this.queues[w.priority] = this.queues[w.priority].filter((q) => q !== w);
          w.reject(signal.reason);
        }
        this.pump();
      };
      entry = { waiters, listener };
      this.watched.set(signal, entry);
      signal.addEventListener('abort', listener, { once: true });
    }
    entry.waiters.add(waiter);
  }

  /** A granted waiter no longer listens; its signal's listener goes when its last waiter is served. */
  private unwatch(waiter: Waiter): void {
    const signal = waiter.signal;
    const entry = signal ? this.watched.get(signal) : undefined;
    if (!signal || !entry) return;
    entry.waiters.delete(waiter);
    if (entry.waiters.size === 0) {
      signal.removeEventListener('abort', entry.listener);
      this.watched.delete(signal);
    }
  }

  state(): RateBudgetState {
    const now = this.clock.now();
    return {
      kind: this.policy.kind,
      ...this.policy.snapshot(now, this.inFlight),
      inFlight: this.inFlight,
      waiting: { write: this.queues.write.length, poll: this.queues.poll.length },
      rateLimited: this.rateLimited,
      granted: this.granted,
    };
  }

  /** Grants what may go now (writes first, FIFO within a priority) and arms one timer for the rest. */
  private pump(): void {
    let soonest = Number.POSITIVE_INFINITY;
    for (;;) {
      const now = this.clock.now();
      const priority: RequestPriority | undefined =
        this.queues.write.length > 0 ? 'write' : this.queues.poll.length > 0 ? 'poll' : undefined;
      if (priority === undefined) break;
      const waiting = { write: this.queues.write.length, poll: this.queues.poll.length };
      const wait = this.policy.waitFor(priority, now, this.inFlight, waiting);
      if (wait > 0) {
        soonest = wait;
        // A write that must wait blocks polls too: a poll never overtakes a queued write.
        break;
      }
      const waiter = this.queues[priority].shift()!;
      this.unwatch(waiter);
      this.policy.onSend(now);
      this.inFlight += 1;
      this.granted += 1;
      waiter.resolve(this.permit());
    }
    if (Number.isFinite(soonest)) this.arm(this.clock.now() + soonest);
    else if (this.queues.write.length === 0 && this.queues.poll.length === 0) {
      this.disarm();
      this.policy.onIdle?.();
    }
  }

  /** Nobody waits: drop the timer so no sleep outlives the work (and a stopped process exits at once). */
  private disarm(): void {
    this.timer?.cancel.abort();
    this.timer = undefined;
  }

  private permit(): RatePermit {
    let settled = false;
    return {
      settle: (outcome) => {
        if (settled) return;
        settled = true;
        this.inFlight -= 1;
        if (outcome?.status === 429) this.rateLimited += 1;
        this.policy.onSettle(outcome, this.clock.now());
        this.pump();
      },
    };
  }

  private arm(at: number): void {
    if (this.timer && this.timer.at <= at) return;
    this.timer?.cancel.abort();
    const cancel = new AbortController();
    this.timer = { at, cancel };
    this.clock.sleep(Math.max(0, at - this.clock.now()), cancel.signal).then(
      () => {
        if (this.timer?.cancel === cancel) this.timer = undefined;
        this.pump();
      },
      () => {
        // Cancelled because an earlier wake-up replaced it.
      },
    );
  }
}
