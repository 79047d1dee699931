import type { Connection } from '../../../domain/connection.js';
import type { FlowName, FlowRunResult } from '../../../engine/flow-runner.js';
import { runInventory } from '../../../runtime/inventory-runner.js';
import type { Service } from '../../../runtime/service.js';
import { runShipments } from '../../../runtime/shipments-runner.js';

/** The flows a person runs from the Flows page (reconcile is the orders flow's nightly full pass). */
export const PAGE_FLOWS = ['orders', 'shipments', 'inventory', 'reference'] as const;
export type PageFlow = (typeof PAGE_FLOWS)[number];

export function isPageFlow(flow: string): flow is PageFlow {
  return (PAGE_FLOWS as readonly string[]).includes(flow);
}

/**
 * One pass of a flow, as a person asked for it: it runs although the flow is paused (an explicit "run now"),
 * under the flow's lease like every run. A dry run makes no write and records nothing.
 */
export function runFlowNow(
  service: Service,
  connection: Connection,
  flow: PageFlow,
  options: { dryRun?: boolean } = {},
): Promise<FlowRunResult> {
  const o = { ignorePause: true, ...(options.dryRun ? { dryRun: true } : {}) };
  switch (flow) {
    case 'orders':
      return service.connector.runOrders(connection, 'new', o);
    case 'shipments':
      return runShipments(service.connector, connection, o);
    case 'inventory':
      return runInventory(service.connector, connection, o);
    case 'reference':
      return service.connector.runReference(connection, o);
  }
}

/**
 * Runs `run`, and if another run of the flow holds its lease (the scheduler's poll), waits for it and tries
 * again: a person pressing a button should not be told "busy" for a poll that ends in a second.
 */
export async function patiently(
  service: Service,
  run: () => Promise<FlowRunResult>,
  tries = 20,
  waitMs = 500,
): Promise<FlowRunResult> {
  let result = await run();
  for (let i = 1; i < tries && result.status === 'busy'; i++) {
    await service.app.clock.sleep(waitMs);
    result = await run();
  }
  return result;
}

/** Waits up to `ms` for a run; past that the page says it goes on in the background. */
export async function withinMs<T>(
  service: Service,
  work: Promise<T>,
  ms: number,
): Promise<{ done: true; value: T } | { done: false }> {
  const stop = new AbortController();
  const late = service.app.clock.sleep(ms, stop.signal).then(
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
export function describeRun(flow: FlowName | PageFlow, result: FlowRunResult): { ok: boolean; text: string } {
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
