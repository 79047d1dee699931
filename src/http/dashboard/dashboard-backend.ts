import type { Connection } from '../../domain/connection.js';
import type { FlowName, FlowRunResult } from '../../engine/flow-runner.js';
import type { Scheduler } from '../../engine/scheduler.js';
import type { RateBudget } from '../../integrations/shipstation/rate-budget.js';
import type { Metrics } from '../../observability/metrics.js';
import type { RunOptions } from '../../runtime/connector.js';
import type { FlowModule } from '../../runtime/flows/flow.js';

/** A scheduled job as the Flows page sees it. */
export type JobListing = ReturnType<Scheduler['list']>[number];

/**
 * What the dashboard reads of the running service and asks of it, and nothing more (the service implements
 * it; the composition root hands it over). Passes go through the flow registry's one entry point.
 */
export interface DashboardBackend {
  /** When the service started (epoch ms): a flow never run since counts as stale after STALE_AFTER_MINUTES. */
  readonly started: number;
  /** The service's gauges, which the dashboard adds the shipment-side attention kinds to. */
  readonly metrics: Metrics;
  /** Every scheduled job: its flow tag, next run, whether it runs now. */
  jobs(): JobListing[];
  /** Runs one job now (key `<connection id>:<job>`), or every job of a flow tag of a connection. */
  trigger(key: string): void;
  triggerFlow(connectionId: number, flow: string): void;
  /** A connection added or edited: (re)schedule its flows. */
  connectionChanged(connection: Connection): Promise<void>;
  /** One pass of a flow now, as a person asked for it. */
  runPass<R extends RunOptions>(connection: Connection, flow: FlowModule<R>, request: R): Promise<FlowRunResult>;
  /** Counts a pass run from the dashboard in the metrics, as the scheduler's are. */
  recordRun(connection: Connection, flow: FlowName, result: FlowRunResult, nextAt: number | null): Promise<void>;
  /** Every ShipStation account's request budget, labelled with its connection's name. */
  budgets(): { api: 'v1' | 'v2'; label: string; budget: RateBudget }[];
}
