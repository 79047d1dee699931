import type { Clock } from '../../domain/clock.js';
import { HeldAnswers } from '../held-answers.js';
import { TenantScope } from '../tenant-scope.js';
import { AppPool } from './app-pool.js';
import { type FaultRuleInput, FaultSet } from './faults.js';
import { RequestStats } from './request-stats.js';
import { seedCompany } from './seed-company.js';
import { seedDemo, seedMasterData } from './seed-demo.js';
import { SimAdmin } from './sim-admin.js';
import { SimState } from './sim-state.js';
import type { UserDirectory } from './users.js';
import { WebApi, type WebApiConfig } from './web-api.js';

/**
 * The companies one Sage 300 simulator serves (docs/simulator-fidelity.md, "Tenants"), found by the company
 * segment of the URL. Each is what the one-company simulator always had: its data, its Web API, its request
 * statistics, faults, held answers and app pool (concurrency limit, cold start). Users are the system's, shared by
 * every company, as Sage 300 keeps them in the system database.
 */
export interface SageCompany {
  readonly company: string;
  readonly state: SimState;
  readonly api: WebApi;
  readonly admin: SimAdmin;
  readonly stats: RequestStats;
  readonly faults: FaultSet;
  readonly held: HeldAnswers;
  readonly pool: AppPool;
}

export interface CompanySpec {
  company: string;
  /** `demo` (the distributor, with its history) or `empty` (locations, ship-via codes, charges). Default demo. */
  seed?: 'demo' | 'empty' | undefined;
  /** Instead of `seed`: the demo distributor's master data and this many open orders (seed-company.ts). */
  openOrders?: number | undefined;
  /** A state loaded from a file (the default company's `--state`). */
  state?: SimState | undefined;
  faults?: FaultRuleInput[] | undefined;
}

export interface CompanyMachinery {
  clock: Clock;
  users: UserDirectory;
  webApi: Omit<WebApiConfig, 'company'>;
  maxConcurrency: number;
  saturation: 'reject' | 'queue';
  coldStart: { afterIdleSeconds: number; delayMs: number } | undefined;
  faultSeed: number | undefined;
}

/** Seeded company `n` (1-based): `CO0001`… — org IDs are at most six characters (sheet §1). */
export function numberedCompany(n: number): string {
  return `CO${String(n).padStart(4, '0')}`;
}

export class CompanyRegistry {
  private readonly byCompany = new Map<string, SageCompany>();
  readonly scope: TenantScope<SageCompany>;

  constructor(
    private readonly machinery: CompanyMachinery,
    defaultSpec: CompanySpec,
  ) {
    this.scope = new TenantScope(this.create(defaultSpec));
  }

  get default(): SageCompany {
    return this.scope.fallback;
  }

  create(spec: CompanySpec): SageCompany {
    if (this.byCompany.has(spec.company)) throw new Error(`company ${spec.company} exists`);
    const m = this.machinery;
    const state = spec.state ?? new SimState(spec.company, m.clock);
    if (!spec.state) {
      if (spec.openOrders !== undefined) seedCompany(state, spec.openOrders, this.byCompany.size);
      else if ((spec.seed ?? 'demo') === 'demo') seedDemo(state);
      else seedMasterData(state);
    }
    const faults = new FaultSet(m.faultSeed);
    for (const f of spec.faults ?? []) faults.add(f);
    const company: SageCompany = {
      company: spec.company,
      state,
      api: new WebApi(state, m.users, { ...m.webApi, company: spec.company }),
      admin: new SimAdmin(state),
      stats: new RequestStats(),
      faults,
      held: new HeldAnswers(),
      pool: new AppPool(m.clock, m.maxConcurrency, m.saturation, m.coldStart),
    };
    this.byCompany.set(spec.company, company);
    return company;
  }

  /** The company named in a URL, exactly as written (org IDs are upper case; `saminc` is not SAMINC). */
  named(company: string): SageCompany | undefined {
    return this.byCompany.get(company);
  }

  list(): SageCompany[] {
    return [...this.byCompany.values()];
  }
}

/** The company segment of a Web API path (`/Sage300WebApi/v1.0/-/SAMINC/OE/OEOrders` → `SAMINC`), or null. */
export function companyOf(path: string): string | null {
  return /^\/sage300webapi\/[^/]+\/[^/]+\/([^/]+)\//i.exec(path)?.[1] ?? null;
}
