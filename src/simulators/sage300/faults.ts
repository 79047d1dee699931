import { type Random, seededRandom } from './prng.js';

/**
 * Injected faults, set by tests and the demo through `/_sim/faults` or `sim.faults`. A rule applies to every
 * Web API request, or to those whose `MODULE/Resource` matches `path` (glob, `*` = any run of characters,
 * e.g. `OE/OEOrders`, `IC/*`) and whose method matches `method`. `rate` (0..1, default 1) draws from a seeded
 * PRNG so runs repeat; `count` expires a rule after it fired that many times.
 *
 * Kinds:
 * - `error`: answer `status` (500 InternalServerError or 503 TooManyRequests) without doing the work;
 * - `tooManyRequests`: answer 429 TooManyRequests without doing the work;
 * - `latency`: wait `ms` before doing the work (holds an app-pool slot meanwhile);
 * - `drop`: destroy the connection before doing the work (the client sees a reset);
 * - `applyThenTimeout`: do the work (a write is committed), then never answer; the socket is closed
 *   after `holdMs` (default 120 s) or when the simulator stops — the client only sees its own timeout.
 * - `holdAnswer`: do the work, then keep the answer back until released through `sim.held` (admin
 *   `/_sim/held`), which also tells a test the moment it arrived (crash tests kill the client then).
 */
export type FaultKind = 'error' | 'tooManyRequests' | 'latency' | 'drop' | 'applyThenTimeout' | 'holdAnswer';

export interface FaultRuleInput {
  kind: FaultKind;
  path?: string;
  method?: string;
  rate?: number;
  count?: number;
  status?: 500 | 503;
  ms?: number;
  holdMs?: number;
}

export interface FaultRule extends FaultRuleInput {
  id: number;
  fired: number;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

export class FaultSet {
  private rules: (FaultRule & { re?: RegExp })[] = [];
  private nextId = 1;
  private random: Random;

  constructor(seed = 42) {
    this.random = seededRandom(seed);
  }

  add(input: FaultRuleInput): FaultRule {
    const rule = { ...input, id: this.nextId++, fired: 0, ...(input.path ? { re: globToRegExp(input.path) } : {}) };
    this.rules.push(rule);
    return this.describe(rule);
  }

  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => this.describe(r));
  }

  /** The faults that fire for this request, at most one of each kind, first matching rule wins. */
  draw(method: string, resourcePath: string): Map<FaultKind, FaultRule> {
    const fired = new Map<FaultKind, FaultRule>();
    for (const rule of this.rules) {
      if (fired.has(rule.kind)) continue;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (rule.re && !rule.re.test(resourcePath)) continue;
      if (this.random() >= (rule.rate ?? 1)) continue;
      rule.fired += 1;
      fired.set(rule.kind, this.describe(rule));
    }
    this.rules = this.rules.filter((r) => r.count === undefined || r.fired < r.count);
    return fired;
  }

  private describe(rule: FaultRule & { re?: RegExp }): FaultRule {
    const { re: _re, ...rest } = rule;
    return rest;
  }
}
