import type { Clock } from '../../../domain/clock.js';
import type { Connection } from '../../../domain/connection.js';
import type { FlowRunResult } from '../../../engine/flow-runner.js';
import type { FlowModule } from '../../../runtime/flows/flow.js';
import type { DashboardBackend } from '../dashboard-backend.js';

/**
 * One pass of a flow, as a person asked for it: it runs although the flow is paused (an explicit "run now"),
 * under the flow's lease like every run. A dry run makes no write and records nothing.
 */
export function runFlowNow(
  service: DashboardBackend,
  connection: Connection,
  flow: FlowModule,
  options: { dryRun?: boolean } = {},
): Promise<FlowRunResult> {
  const [request] = flow.byHand();
  return service.runPass(connection, flow, {
    ...request,
    ignorePause: true,
    ...(options.dryRun ? { dryRun: true } : {}),
  });
}

/**
 * Runs `run`, and if another run of the flow holds its lease (the scheduler's poll), waits for it and tries
 * again: a person pressing a button should not be told "busy" for a poll that ends in a second.
 */
export async function patiently(
  clock: Clock,
  run: () => Promise<FlowRunResult>,
  tries = 20,
  waitMs = 500,
): Promise<FlowRunResult> {
  let result = await run();
  for (let i = 1; i < tries && result.status === 'busy'; i++) {
    await clock.sleep(waitMs);
    result = await run();
  }
  return result;
}

/** Waits up to `ms` for a run; past that the page says it goes on in the background. */
export async function withinMs<T>(
  clock: Clock,
  work: Promise<T>,
  ms: number,
): Promise<{ done: true; value: T } | { done: false }> {
  const stop = new AbortController();
  const late = clock.sleep(ms, stop.signal).then(
    () => ({ done: false as const }),
    () => ({ done: false as const }),
  );
  try {
    return await Promise.race([work.then((value) => ({ done: true as const, value })), late]);
  } finally {
    stop.abort();
  }
}

/** A run's result in one sentence for the page. */
export function describeRun(flow: string, result: FlowRunResult): { ok: boolean; text: string } {
  switch (result.status) {
    case 'ran': {
      const counts = Object.entries(result.outcome.counts)
        .filter(([, v]) => v > 0)
        .map(([k, v]) => `${k.replace(/_/g, ' ')} ${v}`)
        .join(', ');
      return {
        ok: true,
        text: `The ${flow} flow ran in ${(result.ms / 1000).toFixed(1)} s${counts ? `: ${counts}` : ''}.`,
      };
    }
    case 'busy':
      return { ok: false, text: `The ${flow} flow is running elsewhere (${result.holder}); try again in a moment.` };
    case 'paused':
      return { ok: false, text: `The ${flow} flow is paused.` };
    case 'failed':
      return { ok: false, text: `The ${flow} flow failed: ${result.error.message}` };
  }
}
