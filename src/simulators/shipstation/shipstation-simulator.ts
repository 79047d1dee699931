import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '../../domain/clock.js';
import { DEMO_V1_KEY, DEMO_V1_SECRET, DEMO_V2_KEY } from '../demo-world.js';
import { accountContext, type SharedContext } from './account-context.js';
import { type Account, AccountRegistry, type AccountSpec, numberedAccount } from './accounts.js';
import { SimAdmin } from './admin/sim-admin.js';
import type { SeedName } from './seed.js';
import { buildServer } from './server.js';
import { loadState, saveState } from './state-file.js';
import type { StatsSnapshot } from './stats.js';
import { WebhookSigner } from './webhook-signer.js';

export interface ShipStationSimulatorOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  v1Key?: string;
  v1Secret?: string;
  v2Key?: string;
  /** V1 requests per window per key pair (40, as documented). */
  v1Rate?: number;
  /** V2 requests per window per API key (200, as documented). */
  v2Rate?: number;
  /** Length of a rate-limit window; shorten it for tests and benchmarks, the arithmetic stays the same. */
  rateWindowMs?: number;
  webhookDelayMs?: number;
  /** Waits between webhook delivery attempts (default 1 s, 2 s, 4 s, 8 s, 16 s). */
  webhookRetryDelaysMs?: readonly number[];
  /** How long a webhook target may take to answer (default 10 s). */
  webhookTimeoutMs?: number;
  seed?: SeedName;
  /** Loaded at start when it exists, written at stop. */
  stateFile?: string;
  clock?: Clock;
  /** The V2 Inventory API add-on (default true). */
  inventoryEnabled?: boolean;
  /**
   * How `PUT /v2/shipments/{id}` reads its body: `merge` (default; ShipStation's guide: every field optional)
   * or `replace` (ShipEngine's document: ship_to and ship_from/warehouse_id required, omitted fields cleared).
   */
  v2Update?: 'merge' | 'replace';
  /**
   * The inventory lists read as the published document lists them (`limit` only): `page` and `page_size`
   * ignored, `limit` honoured up to this cap. Unset: paged by `page`/`page_size` as the guides describe.
   */
  v2InventoryLimitOnly?: number;
  /**
   * An account whose plan has no V1 ("V1 API will be limited to … Gold, Accelerate, or higher plans"): every V1
   * request answers this status, the V2 key works. The status is INFERRED (no source shows it).
   */
  v1RefusedByPlan?: 401 | 403;
  /** Seed of the PRNGs behind faults, tracking numbers and generated keys (default 1). */
  randomSeed?: number;
  /**
   * More accounts beside the default one (docs/simulator-fidelity.md, "Tenants"): a number N adds `account-0001`…
   * with the keys of `numberedAccount(n)` (`ss-v1-key-0001`/`ss-v1-secret-0001`, `ss-v2-key-0001`); or the specs.
   * Each has its own data, faults, statistics, webhooks and rate limits (`v1Rate`/`v2Rate` per `rateWindowMs`).
   */
  accounts?: number | AccountSpec[];
  /** What the added accounts are seeded with (default: `seed`). */
  accountSeed?: SeedName;
}

/** The account the simulator always had: the `v1Key`/`v1Secret`/`v2Key` options (the demo keys by default). */
export const DEFAULT_ACCOUNT = 'default';

/** One account, for tests that inspect it in-process: its state and statistics, and the admin operations on it. */
export type AccountHandle = Account & { admin: SimAdmin };

function accountSpecs(options: ShipStationSimulatorOptions): AccountSpec[] {
  const seed = options.accountSeed ?? options.seed;
  if (typeof options.accounts === 'number') {
    return Array.from({ length: options.accounts }, (_, i) => ({ ...numberedAccount(i + 1), seed }));
  }
  return (options.accounts ?? []).map((spec) => ({ seed, ...spec }));
}

export interface ShipStationSimulator {
  /** V1 base, e.g. `http://127.0.0.1:41235`. */
  readonly origin: string;
  /** `${origin}/v2`. */
  readonly v2Url: string;
  /** `${origin}/jwks`: the key set V2 webhook signatures verify against. */
  readonly jwksUrl: string;
  readonly admin: SimAdmin;
  /** The default account's request statistics. */
  readonly stats: { snapshot(): StatsSnapshot; reset(): void; answerTimes(api: 'v1' | 'v2'): number[] };
  /** Every account served; `accounts.create(spec)` adds one while running. */
  readonly accounts: AccountRegistry;
  /** One account by name (`default`, `account-0001`…); throws for an unknown name. */
  account(name: string): AccountHandle;
  stop(): Promise<void>;
}

/** Starts the ShipStation V1 + V2 simulator: one fastify app, V1 at `/`, V2 at `/v2`, `/jwks`, admin at `/_sim/`. */
export async function startShipStationSimulator(
  options: ShipStationSimulatorOptions = {},
): Promise<ShipStationSimulator> {
  const clock = options.clock ?? systemClock;
  const randomSeed = options.randomSeed ?? 1;
  const loaded = options.stateFile ? await loadState(options.stateFile, randomSeed) : null;
  const stopping = new AbortController();
  const signer = new WebhookSigner();
  let origin = '';
  const accounts = new AccountRegistry(
    {
      clock,
      signer,
      origin: () => origin,
      v1Rate: options.v1Rate ?? 40,
      v2Rate: options.v2Rate ?? 200,
      windowMs: options.rateWindowMs ?? 60_000,
      seed: options.seed ?? 'demo',
      randomSeed,
      webhookDelayMs: options.webhookDelayMs ?? 0,
      webhookRetryDelaysMs: options.webhookRetryDelaysMs ?? [1_000, 2_000, 4_000, 8_000, 16_000],
      webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    },
    {
      name: DEFAULT_ACCOUNT,
      v1Key: options.v1Key ?? DEMO_V1_KEY,
      v1Secret: options.v1Secret ?? DEMO_V1_SECRET,
      v2Key: options.v2Key ?? DEMO_V2_KEY,
      state: loaded ?? undefined,
    },
  );
  for (const spec of accountSpecs(options)) accounts.create(spec);
  const shared: SharedContext = {
    clock,
    origin: () => origin,
    signer,
    inventoryEnabled: options.inventoryEnabled ?? true,
    v2UpdateReplaces: options.v2Update === 'replace',
    v2InventoryLimitOnly: options.v2InventoryLimitOnly ?? null,
    v1RefusedByPlan: options.v1RefusedByPlan ?? null,
    stopping: stopping.signal,
  };
  const ctx = accountContext(shared, accounts);
  const handles = new Map<string, AccountHandle>();
  const admin = new SimAdmin(ctx);
  const app = buildServer(ctx, admin);
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${host}:${address.port}`;

  let stopped: Promise<void> | null = null;
  return {
    origin,
    v2Url: `${origin}/v2`,
    jwksUrl: `${origin}/jwks`,
    admin,
    stats: accounts.default.stats,
    accounts,
    account(name: string): AccountHandle {
      const account = accounts.named(name);
      if (!account) throw new Error(`No account named '${name}'.`);
      let handle = handles.get(name);
      if (!handle) {
        handle = { ...account, admin: new SimAdmin(accountContext(shared, accounts, () => account)) };
        handles.set(name, handle);
      }
      return handle;
    },
    stop() {
      stopped ??= (async () => {
        stopping.abort(new Error('simulator stopping'));
        await accounts.stop();
        await app.close();
        if (options.stateFile) await saveState(options.stateFile, accounts.default.state);
      })();
      return stopped;
    },
  };
}
