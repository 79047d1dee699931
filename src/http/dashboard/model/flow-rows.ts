import type { App } from '../../../app.js';
import type { Connection } from '../../../domain/connection.js';
import type { RateBudgetState } from '../../../integrations/shipstation/rate-budget.js';
import { type FlowWorker, flowWorkers, listWorkers } from '../../../runtime/fleet.js';
import { FLOWS } from '../../../runtime/flows/registry.js';
import { emptyState, type FlowState } from '../../../store/flows-repo.js';
import type { WorkerInfo } from '../../../store/workers-repo.js';
import type { DashboardBackend } from '../dashboard-backend.js';

export interface FlowRow {
  flow: string;
  state: FlowState;
  /** Running, Paused, OK, Failed, Off, Not run yet. */
  words: string;
  tone: 'pass' | 'warn' | 'fail' | 'skip';
  running: boolean;
  /** Earliest next scheduled run of the flow's jobs (epoch ms), null when none is scheduled here. */
  nextAt: number | null;
  stale: boolean;
  /** The worker that runs it now or ran its last pass (several workers share one database). */
  worker: FlowWorker | null;
}

export interface BudgetRow {
  api: 'v1' | 'v2';
  state: RateBudgetState;
}

/** Per flow of a connection: state, last and next run, last counts; and the connection's ShipStation budgets. */
export async function flowRows(
  app: App,
  service: DashboardBackend,
  c: Connection,
): Promise<{ flows: FlowRow[]; budgets: BudgetRow[]; workers: WorkerInfo[] }> {
  const now = app.clock.now();
  const staleMs = app.config.STALE_AFTER_MINUTES * 60_000;
  const states = new Map((await app.store.flows.list(c.id)).map((s) => [s.flow, s]));
  const jobs = service.jobs().filter((j) => j.connectionId === c.id);
  const onWorker = await flowWorkers(app, c.id);
  const flows = FLOWS.map((module): FlowRow => {
    const flow = module.name;
    const state = states.get(flow) ?? emptyState(c.id, flow);
    // A flow's jobs go by its name or their own tag (the orders flow's nightly reconcile is `reconcile`).
    const tags = new Set(module.jobs.map((j) => j.tag ?? flow));
    const own = jobs.filter((j) => tags.has(j.flow));
    const running = own.some((j) => j.running) || state.lastStatus === 'running';
    const nextAt = own.length > 0 ? Math.min(...own.map((j) => j.nextAt)) : null;
    const last = state.lastSuccessAt ? Date.parse(state.lastSuccessAt) : null;
    const stale = !state.paused && state.lastStatus !== null && now - (last ?? service.started) > staleMs;
    const [words, tone] = verdict(state, running, stale);
    return { flow, state, words, tone, running, nextAt, stale, worker: onWorker.get(flow) ?? null };
  });
  const budgets = service
    .budgets()
    .filter((b) => b.label === c.name)
    .map((b) => ({ api: b.api, state: b.budget.state() }));
  return { flows, budgets, workers: await listWorkers(app) };
}

function verdict(s: FlowState, running: boolean, stale: boolean): [string, FlowRow['tone']] {
  if (s.paused) return ['Paused', 'warn'];
  if (running) return ['Running now', 'pass'];
  if (s.lastStatus === 'failed') return ['Last run failed', 'fail'];
  if (stale) return ['Not succeeding', 'fail'];
  if (s.lastStatus === 'off') return ['Off', 'skip'];
  if (s.lastStatus === 'ok') return ['OK', 'pass'];
  if (s.lastStatus === 'stopped') return ['Stopped with the service', 'skip'];
  return ['Not run yet', 'skip'];
}
