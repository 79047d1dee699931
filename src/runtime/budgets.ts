import { createHash } from 'node:crypto';
import type { Clock } from '../domain/clock.js';
import type { RateSlotStore } from '../domain/rate-slots.js';
import type { RateBudget } from '../integrations/shipstation/rate-budget.js';
import { createSharedV2RateBudget } from '../integrations/shipstation/shared-v2-rate-budget.js';
import { createV1RateBudget } from '../integrations/shipstation/v1-rate-budget.js';
import { createV2RateBudget } from '../integrations/shipstation/v2-rate-budget.js';

export interface BudgetRegistryOptions {
  clock: Clock;
  /** The account's V2 limit per window, for all workers together when `shared` is given. */
  v2Limit: number;
  windowMs: number;
  /**
   * The store every worker on the database shares: V2 slots are counted there, so several workers (and a
   * CLI `sync` beside `start`) on one account spend from one budget. Without it the budget is this process's.
   */
  shared?: { store: RateSlotStore; requestTimeoutMs: number; onError?: (error: unknown) => void };
}

/**
 * One request budget per ShipStation account and API, shared by every flow and every connection that
 * uses the same key (limits are per key: V1 per key pair, V2 per API key). Keyed by a hash, never the key.
 * V1 needs nothing shared (every worker reads the server's headers); V2 counts in the store when given one.
 */
export class BudgetRegistry {
  private readonly budgets = new Map<string, { api: 'v1' | 'v2'; budget: RateBudget; label: string }>();

  constructor(private readonly options: BudgetRegistryOptions) {}

  v1(apiKey: string, label: string): RateBudget {
    const id = `v1:${fingerprint(apiKey)}`;
    let entry = this.budgets.get(id);
    if (!entry) {
      entry = { api: 'v1', budget: createV1RateBudget({ clock: this.options.clock }), label };
      this.budgets.set(id, entry);
    }
    return entry.budget;
  }

  v2(apiKey: string, label: string): RateBudget {
    const id = `v2:${fingerprint(apiKey)}`;
    let entry = this.budgets.get(id);
    if (!entry) {
      entry = { api: 'v2', budget: this.createV2(apiKey), label };
      this.budgets.set(id, entry);
    }
    return entry.budget;
  }

  private createV2(apiKey: string): RateBudget {
    const { clock, v2Limit: limit, windowMs, shared } = this.options;
    if (!shared) return createV2RateBudget({ clock, limit, windowMs });
    return createSharedV2RateBudget({
      clock,
      limit,
      windowMs,
      store: shared.store,
      account: accountKey('v2', apiKey),
      requestTimeoutMs: shared.requestTimeoutMs,
      ...(shared.onError ? { onError: shared.onError } : {}),
    });
  }

  /** For /metrics and the dashboard: every account's budget, named by its connection. */
  all(): { id: string; api: 'v1' | 'v2'; label: string; budget: RateBudget }[] {
    return [...this.budgets.entries()].map(([id, e]) => ({ id, ...e }));
  }
}

/** A short, non-reversible label for a key (for logs and metrics labels). */
export function fingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 10);
}

/**
 * The account's name in the shared budget: the same for every worker with the key, and not the key (a
 * SHA-256 of a random API key cannot be turned back into it). Longer than `fingerprint`: two accounts of
 * one database must never share a budget by a collision.
 */
export function accountKey(api: 'v1' | 'v2', secret: string): string {
  return createHash('sha256').update(`ml-connector rate budget ${api}\n${secret}`).digest('hex').slice(0, 32);
}
