import type { App } from '../app.js';
import type { WorkerInfo } from '../store/workers-repo.js';
import { goneAfterMs } from './worker-heartbeat.js';

/** Per flow: the worker that runs it now or ran its last pass. */
export interface FlowWorker {
  worker: string;
  /** It holds the flow's live lease now. */
  running: boolean;
}

/** The workers table, judged now: alive while their heartbeat is younger than three heartbeats. */
export function listWorkers(app: App): Promise<WorkerInfo[]> {
  return app.store.workers.list(goneAfterMs(app));
}

/**
 * Per flow of a connection: the worker that runs it now (a live lease) or ran its last pass (the runs
 * history), read from the lease holder `<worker id>/<pass>` — for `status` and the Flows page.
 */
export async function flowWorkers(app: App, connectionId: number): Promise<Map<string, FlowWorker>> {
  const out = new Map<string, FlowWorker>();
  for (const run of await app.store.flowRuns.list({ connectionId, limit: 50 }))
    if (!out.has(run.flow)) out.set(run.flow, { worker: workerOf(run.holder), running: false });
  for (const l of await app.store.leases.list(connectionId))
    if (l.live) out.set(l.flow, { worker: workerOf(l.holder), running: true });
  return out;
}

/** The worker part of a lease holder `<worker id>/<pass>`. */
export function workerOf(holder: string): string {
  const slash = holder.lastIndexOf('/');
  return slash > 0 ? holder.slice(0, slash) : holder;
}
