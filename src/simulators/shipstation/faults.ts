import { z } from 'zod';
import { HeldAnswers } from '../held-answers.js';
import { Prng } from './prng.js';
import type { ApiName } from './stats.js';

const api = z.enum(['v1', 'v2']).optional();
/** Which requests a fault applies to: an API, a method, and a path part (`/orders`) or `/regex/`. */
const match = { api, method: z.string().optional(), route: z.string().optional() };

export const faultInputSchema = z
  .object({
    seed: z.number().int().optional(),
    storm: z
      .object({ api, count: z.number().int().positive().optional(), durationMs: z.number().positive().optional() })
      .refine((s) => s.count !== undefined || s.durationMs !== undefined, 'storm needs count or durationMs')
      .optional(),
    errors: z
      .array(
        z.object({
          ...match,
          rate: z.number().min(0).max(1).default(1),
          status: z.number().int().min(500).max(599).default(500),
          count: z.number().int().positive().optional(),
        }),
      )
      .optional(),
    latency: z.array(z.object({ ...match, ms: z.number().min(0), jitterMs: z.number().min(0).default(0) })).optional(),
    timeouts: z
      .array(
        z.object({
          ...match,
          rate: z.number().min(0).max(1).default(1),
          count: z.number().int().positive().optional(),
          holdMs: z.number().positive().default(30_000),
          phase: z.enum(['before', 'after']).default('before'),
        }),
      )
      .optional(),
    /**
     * Apply the write, then keep its answer back until released through `held` (admin: `/_sim/held`);
     * `count` requests matched (default 1), then the rule wears out.
     */
    holdAnswers: z
      .array(
        z.object({
          ...match,
          rate: z.number().min(0).max(1).default(1),
          count: z.number().int().positive().default(1),
        }),
      )
      .optional(),
    malformed: z
      .object({ api, count: z.number().int().positive().default(1), mode: z.enum(['invalid-json', 'wrong-shape']) })
      .optional(),
    webhooks: z
      .object({
        dropRate: z.number().min(0).max(1).default(0),
        duplicateRate: z.number().min(0).max(1).default(0),
        reorderWindowMs: z.number().min(0).default(0),
        extraDelayMs: z.number().min(0).default(0),
      })
      .optional(),
  })
  .strict();

export type FaultInput = z.input<typeof faultInputSchema>;
type Parsed = z.output<typeof faultInputSchema>;
type Matcher = { api?: ApiName | undefined; method?: string | undefined; route?: string | undefined };
type ErrorFault = NonNullable<Parsed['errors']>[number];
type TimeoutFault = NonNullable<Parsed['timeouts']>[number];
type LatencyFault = NonNullable<Parsed['latency']>[number];
type HoldFault = NonNullable<Parsed['holdAnswers']>[number];
export type WebhookFaults = NonNullable<Parsed['webhooks']>;
export type FaultKind = 'storm' | 'errors' | 'latency' | 'timeouts' | 'holdAnswers' | 'malformed' | 'webhooks';

export interface RequestInfo {
  api: ApiName;
  method: string;
  path: string;
}

const NO_WEBHOOK_FAULTS: WebhookFaults = { dropRate: 0, duplicateRate: 0, reorderWindowMs: 0, extraDelayMs: 0 };

/**
 * Injected faults. Each is set and cleared through the admin API (or `sim.admin.setFaults`); random ones draw
 * from a seeded PRNG so that a test sees the same failures on every run. Counted faults wear out.
 */
export class FaultController {
  readonly random: Prng;
  /** Answers kept back by `holdAnswers` rules, and the arrival signal crash tests wait on. */
  readonly held = new HeldAnswers();
  private storm: { api?: ApiName | undefined; remaining?: number | undefined; until?: number | undefined } | null =
    null;
  private errors: ErrorFault[] = [];
  private latency: LatencyFault[] = [];
  private timeouts: TimeoutFault[] = [];
  private holds: HoldFault[] = [];
  private malformed: { api?: ApiName | undefined; remaining: number; mode: 'invalid-json' | 'wrong-shape' } | null =
    null;
  private webhooks: WebhookFaults = NO_WEBHOOK_FAULTS;

  constructor(seed: number) {
    this.random = new Prng(seed);
  }

  /** Adds the given faults (replacing those of the same kind). Throws a ZodError on a bad input. */
  set(input: unknown, now: number): void {
    const parsed = faultInputSchema.parse(input);
    if (parsed.seed !== undefined) this.random.reseed(parsed.seed);
    if (parsed.storm) {
      this.storm = {
        api: parsed.storm.api,
        remaining: parsed.storm.count,
        until: parsed.storm.durationMs === undefined ? undefined : now + parsed.storm.durationMs,
      };
    }
    if (parsed.errors) this.errors = parsed.errors;
    if (parsed.latency) this.latency = parsed.latency;
    if (parsed.timeouts) this.timeouts = parsed.timeouts;
    if (parsed.holdAnswers) this.holds = parsed.holdAnswers;
    if (parsed.malformed) this.malformed = { ...parsed.malformed, remaining: parsed.malformed.count };
    if (parsed.webhooks) this.webhooks = parsed.webhooks;
  }

  clear(kind?: FaultKind): void {
    if (!kind || kind === 'storm') this.storm = null;
    if (!kind || kind === 'errors') this.errors = [];
    if (!kind || kind === 'latency') this.latency = [];
    if (!kind || kind === 'timeouts') this.timeouts = [];
    if (!kind || kind === 'holdAnswers') this.holds = [];
    if (!kind || kind === 'malformed') this.malformed = null;
    if (!kind || kind === 'webhooks') this.webhooks = NO_WEBHOOK_FAULTS;
  }

  snapshot(): Record<string, unknown> {
    return {
      storm: this.storm,
      errors: this.errors,
      latency: this.latency,
      timeouts: this.timeouts,
      holdAnswers: this.holds,
      held: this.held.list(),
      malformed: this.malformed,
      webhooks: this.webhooks,
    };
  }

  /** Whether this request falls in a 429 storm; returns the ms until the storm ends when it is time-bound. */
  stormFor(req: RequestInfo, now: number): { endsInMs: number | null } | null {
    const storm = this.storm;
    if (!storm || (storm.api && storm.api !== req.api)) return null;
    if (storm.until !== undefined && now >= storm.until) {
      this.storm = null;
      return null;
    }
    if (storm.remaining !== undefined) {
      storm.remaining--;
      if (storm.remaining <= 0) this.storm = null;
    }
    return { endsInMs: storm.until === undefined ? null : storm.until - now };
  }

  latencyFor(req: RequestInfo): number {
    let ms = 0;
    for (const f of this.latency) if (matches(f, req)) ms += f.ms + this.random.next() * f.jitterMs;
    return ms;
  }

  errorFor(req: RequestInfo): number | null {
    const fault = this.pick(this.errors, req);
    return fault ? fault.status : null;
  }

  timeoutFor(req: RequestInfo): { holdMs: number; phase: 'before' | 'after' } | null {
    const fault = this.pick(this.timeouts, req);
    return fault ? { holdMs: fault.holdMs, phase: fault.phase } : null;
  }

  /** Whether this request's answer is to be held (the rule's count wears down). */
  holdFor(req: RequestInfo): boolean {
    return this.pick(this.holds, req) !== null;
  }

  /** Consumed only by list responses. */
  malformedFor(api: ApiName): 'invalid-json' | 'wrong-shape' | null {
    const fault = this.malformed;
    if (!fault || (fault.api && fault.api !== api)) return null;
    fault.remaining--;
    if (fault.remaining <= 0) this.malformed = null;
    return fault.mode;
  }

  webhookFaults(): WebhookFaults {
    return this.webhooks;
  }

  private pick<T extends Matcher & { rate: number; count?: number | undefined }>(
    faults: T[],
    req: RequestInfo,
  ): T | null {
    for (const fault of faults) {
      if (!matches(fault, req) || !this.random.chance(fault.rate)) continue;
      if (fault.count !== undefined) {
        fault.count--;
        if (fault.count <= 0) faults.splice(faults.indexOf(fault), 1);
      }
      return fault;
    }
    return null;
  }
}

function matches(fault: Matcher, req: RequestInfo): boolean {
  if (fault.api && fault.api !== req.api) return false;
  if (fault.method && fault.method.toUpperCase() !== req.method) return false;
  if (!fault.route) return true;
  const route = fault.route;
  if (route.length > 2 && route.startsWith('/') && route.endsWith('/')) {
    return new RegExp(route.slice(1, -1), 'i').test(req.path);
  }
  return req.path.toLowerCase().includes(route.toLowerCase());
}
