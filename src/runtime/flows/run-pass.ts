import type { Connection } from '../../domain/connection.js';
import { type FlowRunResult, stoppedResult } from '../../engine/flow-runner.js';
import type { FlowProgress } from '../../engine/ports.js';
import type { Connector, RunOptions } from '../connector.js';
import type { FlowModule } from './flow.js';

/** One request waiting at a gate, with every caller it answers (identical requests share one pass). */
interface Waiting {
  /** The request's identity for coalescing; null for one that is never merged (it carries its own work). */
  same: string | null;
  run: (signal: AbortSignal | undefined, onProgress: ((p: FlowProgress) => void) | undefined) => Promise<FlowRunResult>;
  callers: { resolve: (r: FlowRunResult) => void; reject: (e: unknown) => void; signal: AbortSignal | undefined }[];
  progress: ((p: FlowProgress) => void)[];
}

interface Gate {
  running: boolean;
  queue: Waiting[];
}

/**
 * The single-flight gate of each connection and flow in this process (`${connection.id}:${flow.name}`),
 * shared by every `Connector` of the process. The lease keeps other processes out; this keeps a process from
 * racing itself (the scheduler's `orders` and `orders-edits` jobs, a "run now" or a mapping change during a
 * scheduled pass, a webhook during a poll): the lease's holder is one pass, so a second pass of this process
 * would only find it busy.
 */
const gates = new Map<string, Gate>();

/**
 * The one place every pass of every flow starts: the service's jobs, the dashboard's "run now", mapping
 * changes, webhooks (through the scheduler), `sync` and the other commands all come through here with a flow
 * module of the registry and its request. The flow's own `run` takes the lease and records the pass.
 *
 * At most one pass per connection and flow runs at a time. A request that comes while one runs waits for a
 * follow-up pass; it is never dropped, and it never runs beside the running pass:
 * - an identical request already waiting (the same job triggered twice, two webhooks for the shipments
 *   poll) joins it: one follow-up pass answers both callers;
 * - distinct requests (orders `edits` after `new`, a shipments export beside a poll, the reference extras
 *   beside a reference pass) each run once, in the order they came. They are not merged into one pass because
 *   each is a different pass of the engine (another window, another mode, its own work under the lease):
 *   a merged pass would have to know how to do the union of them, and doing each in turn loses nothing.
 * A dry run takes no lease and writes nothing, so it does not wait.
 */
export function runPass<R extends RunOptions>(
  connector: Connector,
  connection: Connection,
  flow: FlowModule<R>,
  request: R,
): Promise<FlowRunResult> {
  if (request.dryRun) return flow.run(connector, connection, request);
  const key = `${connection.id}:${flow.name}`;
  let gate = gates.get(key);
  if (!gate) {
    gate = { running: false, queue: [] };
    gates.set(key, gate);
  }
  const same = identity(request);
  let waiting = same === null ? undefined : gate.queue.find((w) => w.same === same);
  if (!waiting) {
    waiting = {
      same,
      run: (signal, onProgress) => {
        const { signal: _s, onProgress: _p, ...rest } = request;
        const passRequest = { ...rest, ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) } as R;
        return flow.run(connector, connection, passRequest);
      },
      callers: [],
      progress: [],
    };
    gate.queue.push(waiting);
  }
  if (request.onProgress) waiting.progress.push(request.onProgress);
  const entry = waiting;
  const result = new Promise<FlowRunResult>((resolve, reject) =>
    entry.callers.push({ resolve, reject, signal: request.signal }),
  );
  void drain(key, gate);
  return result;
}

/** Runs the gate's waiting requests one at a time until none is left. */
async function drain(key: string, gate: Gate): Promise<void> {
  if (gate.running) return;
  gate.running = true;
  try {
    for (let next = gate.queue.shift(); next; next = gate.queue.shift()) {
      const { signal, dispose } = allOf(next.callers.map((c) => c.signal));
      const listeners = next.progress;
      const onProgress =
        listeners.length === 0
          ? undefined
          : (p: FlowProgress) => {
              for (const listener of listeners) listener(p);
            };
      try {
        // Every caller stopped while it waited (the service is shutting down): nothing to run.
        const result = signal?.aborted ? stoppedResult(0) : await next.run(signal, onProgress);
        for (const c of next.callers) c.resolve(result);
      } catch (error) {
        for (const c of next.callers) c.reject(error);
      } finally {
        dispose();
      }
    }
  } finally {
    gate.running = false;
    if (gate.queue.length === 0 && gates.get(key) === gate) gates.delete(key);
  }
}

/**
 * What makes two requests the same pass: every field but the caller's stop signal and progress callback.
 * A request with work of its own (a function, such as the shipments queue's) is never merged.
 */
function identity(request: RunOptions): string | null {
  const fields: [string, unknown][] = [];
  for (const [k, v] of Object.entries(request)) {
    if (k === 'signal' || k === 'onProgress' || v === undefined) continue;
    if (typeof v === 'function') return null;
    fields.push([k, v]);
  }
  fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(fields);
}

/**
 * A shared pass stops only when every caller it answers has stopped: one caller's Ctrl-C must not stop the
 * pass another still waits for. A caller without a signal never stops it.
 */
function allOf(signals: (AbortSignal | undefined)[]): { signal: AbortSignal | undefined; dispose: () => void } {
  const none = () => {};
  if (signals.length === 1) return { signal: signals[0], dispose: none };
  if (signals.some((s) => s === undefined)) return { signal: undefined, dispose: none };
  const defined = signals as AbortSignal[];
  const controller = new AbortController();
  const check = () => {
    if (defined.every((s) => s.aborted)) controller.abort(defined[0]?.reason);
  };
  for (const s of defined) s.addEventListener('abort', check);
  check();
  // The callers' signals outlive the pass (the service's stop signal): take the listeners off again.
  const dispose = () => {
    for (const s of defined) s.removeEventListener('abort', check);
  };
  return { signal: controller.signal, dispose };
}
