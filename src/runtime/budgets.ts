import { createHash } from 'node:crypto';
import type { Clock } from '../domain/clock.js';
import type { RateBudget } from '../integrations/shipstation/rate-budget.js';
import { createV1RateBudget } from '../integrations/shipstation/v1-rate-budget.js';
import { createV2RateBudget } from '../integrations/shipstation/v2-rate-budget.js';

/**
 * One request budget per ShipStation account and API, shared by every flow and every connection that
 * uses the same key (limits are per key: V1 per key pair, V2 per API key). Keyed by a hash, never the key.
 */
export class BudgetRegistry {
  private readonly budgets = new Map<string, { api: 'v1' | 'v2'; budget: RateBudget; label: string }>();

  constructor(private readonly options: { clock: Clock; v2Limit: number; windowMs: number }) {}

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
      entry = {
        api: 'v2',
        budget: createV2RateBudget({
          clock: this.options.clock,
          limit: this.options.v2Limit,
          windowMs: this.options.windowMs,
        }),
        label,
      };
      this.budgets.set(id, entry);
    }
    return entry.budget;
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
