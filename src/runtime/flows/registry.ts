import type { Connector } from '../connector.js';
import type { ServiceJob } from '../jobs.js';
import type { FlowModule } from './flow.js';
import { inventoryFlow } from './inventory-flow.js';
import { ordersFlow } from './orders-flow.js';
import { referenceFlow } from './reference-flow.js';
import { runPass } from './run-pass.js';
import { shipmentsFlow } from './shipments-flow.js';

/**
 * Every flow the connector runs, in the order the Flows page, `sync` and the service's jobs list them.
 *
 * To add a flow: write `<name>-flow.ts` next to these, exporting a `FlowModule` — its name (add it to
 * `FlowName` in engine/flow-runner.ts), `run` (one pass for a connection, under its lease through
 * `connector.runUnderLease`), `byHand` (the pass a person's "Run now" or `sync` makes) and `jobs` (what the
 * service schedules, with their interval and cron settings as `JobTiming`) — and add it to this list. The
 * service, the dashboard's Flows page and "Run now", `sync <flow>` and `status` pick it up from here;
 * every pass then starts in `runPass`.
 */
export const FLOWS: readonly FlowModule[] = [ordersFlow, shipmentsFlow, inventoryFlow, referenceFlow];

/** The flow of that name, if there is one. */
export function flowNamed(name: string): FlowModule | undefined {
  return FLOWS.find((f) => f.name === name);
}

/** The service's jobs of every flow, each running its pass through `runPass`. */
export function flowJobs(connector: Connector): ServiceJob[] {
  return FLOWS.flatMap((flow) =>
    flow.jobs.map(
      (job): ServiceJob => ({
        name: job.name,
        tag: job.tag ?? flow.name,
        timing: job.timing,
        ...(job.runAtStart ? { runAtStart: true } : {}),
        ...(job.after ? { after: job.after } : {}),
        records: flow.name,
        run: (connection, signal) => runPass(connector, connection, flow, { ...job.request, signal }),
      }),
    ),
  );
}
