import type { Clock } from '../../domain/clock.js';
import { TenantScope } from '../tenant-scope.js';
import { AccountState } from './account-state.js';
import { FaultController } from './faults.js';
import { FixedWindowRateLimiter } from './rate-limiter.js';
import { AccountStats } from './rate-windows.js';
import { type SeedName, seedAccount } from './seed.js';
import { WebhookEvents } from './webhook-events.js';
import { WebhookSender } from './webhook-sender.js';
import type { WebhookSigner } from './webhook-signer.js';

/**
 * The ShipStation accounts one simulator serves (docs/simulator-fidelity.md, "Tenants"). Each account is what the
 * one-account simulator always had — its state, faults, statistics, rate limiters and webhook sender — and is
 * found by its V2 `API-Key` or its V1 `key:secret` pair; an account may have both (one dataset behind both APIs).
 */
export interface AccountSpec {
  name: string;
  v1Key?: string | null | undefined;
  v1Secret?: string | null | undefined;
  v2Key?: string | null | undefined;
  seed?: SeedName | undefined;
  /** A state loaded from a file (the default account's `--state`); seeded otherwise. */
  state?: AccountState | undefined;
}

export interface Account {
  readonly name: string;
  readonly v1Key: string | null;
  readonly v1Secret: string | null;
  readonly v2Key: string | null;
  readonly state: AccountState;
  readonly events: WebhookEvents;
  readonly sender: WebhookSender;
  readonly faults: FaultController;
  readonly stats: AccountStats;
  readonly limits: { v1: FixedWindowRateLimiter; v2: FixedWindowRateLimiter };
}

/** What every account's machinery is built from: the simulator's options. */
export interface AccountMachinery {
  clock: Clock;
  signer: WebhookSigner;
  origin: () => string;
  v1Rate: number;
  v2Rate: number;
  windowMs: number;
  seed: SeedName;
  randomSeed: number;
  webhookDelayMs: number;
  webhookRetryDelaysMs: readonly number[];
  webhookTimeoutMs: number;
}

/** The keys of seeded account `n` (1-based), so a benchmark computes them instead of reading them back. */
export function numberedAccount(n: number): { name: string; v1Key: string; v1Secret: string; v2Key: string } {
  const id = String(n).padStart(4, '0');
  return { name: `account-${id}`, v1Key: `ss-v1-key-${id}`, v1Secret: `ss-v1-secret-${id}`, v2Key: `ss-v2-key-${id}` };
}

export class AccountRegistry {
  private readonly byName = new Map<string, Account>();
  private readonly byV2Key = new Map<string, Account>();
  private readonly byV1Pair = new Map<string, Account>();
  readonly scope: TenantScope<Account>;

  constructor(
    private readonly machinery: AccountMachinery,
    defaultSpec: AccountSpec,
  ) {
    this.scope = new TenantScope(this.create(defaultSpec));
  }

  get default(): Account {
    return this.scope.fallback;
  }

  /** Adds an account; a name or key already taken is refused (two accounts never share a credential). */
  create(spec: AccountSpec): Account {
    const v1Key = spec.v1Key ?? null;
    const v1Secret = spec.v1Secret ?? null;
    const v2Key = spec.v2Key ?? null;
    if ((v1Key === null) !== (v1Secret === null)) throw new Error('a V1 key needs its secret (and a secret its key)');
    if (v1Key === null && v2Key === null) throw new Error(`account '${spec.name}' needs a V1 key pair or a V2 key`);
    if (this.byName.has(spec.name)) throw new Error(`account '${spec.name}' exists`);
    if (v2Key !== null && this.byV2Key.has(v2Key)) throw new Error('that V2 key belongs to another account');
    const pair = v1Key === null ? null : `${v1Key}:${v1Secret}`;
    if (pair !== null && this.byV1Pair.has(pair)) throw new Error('that V1 key pair belongs to another account');

    const m = this.machinery;
    // Each account draws its own random numbers; the first (default) one draws exactly what a one-account
    // simulator drew.
    const randomSeed = m.randomSeed + this.byName.size;
    const state = spec.state ?? new AccountState(randomSeed);
    if (!spec.state) seedAccount(state, spec.seed ?? m.seed, m.clock.now());
    const faults = new FaultController(randomSeed);
    const sender = new WebhookSender({
      clock: m.clock,
      signer: m.signer,
      faults,
      delayMs: m.webhookDelayMs,
      retryDelaysMs: m.webhookRetryDelaysMs,
      timeoutMs: m.webhookTimeoutMs,
    });
    const account: Account = {
      name: spec.name,
      v1Key,
      v1Secret,
      v2Key,
      state,
      events: new WebhookEvents(state, sender, m.origin),
      sender,
      faults,
      stats: new AccountStats({
        v1: { limit: m.v1Rate, windowMs: m.windowMs },
        v2: { limit: m.v2Rate, windowMs: m.windowMs },
      }),
      limits: {
        v1: new FixedWindowRateLimiter(m.v1Rate, m.windowMs),
        v2: new FixedWindowRateLimiter(m.v2Rate, m.windowMs),
      },
    };
    this.byName.set(spec.name, account);
    if (v2Key !== null) this.byV2Key.set(v2Key, account);
    if (pair !== null) this.byV1Pair.set(pair, account);
    return account;
  }

  named(name: string): Account | undefined {
    return this.byName.get(name);
  }

  withV2Key(key: string): Account | undefined {
    return this.byV2Key.get(key);
  }

  /** `pair` is the decoded Basic credential, `key:secret`. */
  withV1Pair(pair: string): Account | undefined {
    return this.byV1Pair.get(pair);
  }

  list(): Account[] {
    return [...this.byName.values()];
  }

  async stop(): Promise<void> {
    for (const account of this.byName.values()) account.faults.held.stop();
    await Promise.all([...this.byName.values()].map((account) => account.sender.stop()));
  }
}
