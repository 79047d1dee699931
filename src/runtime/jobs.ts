import type { App } from '../app.js';
import type { Config } from '../config/schema.js';
import type { Connection, ConnectionSettings } from '../domain/connection.js';
import type { FlowName, FlowRunResult } from '../engine/flow-runner.js';
import type { ScheduledJob } from '../engine/scheduler.js';
import { resolveFlowSettings } from './flow-settings.js';

type NumberKeys<T> = { [K in keyof T]-?: NonNullable<T[K]> extends number ? K : never }[keyof T];

/** When a job runs: an interval, which a cron expression replaces when one is set. */
export interface JobTiming {
  /** Seconds between runs: the connection's setting, else the service's, else `seconds`. */
  every?: { setting?: NumberKeys<ConnectionSettings>; config?: NumberKeys<Config>; seconds?: number };
  /** The service's cron expression (`<JOB>_CRON`) that replaces the interval when set. */
  cron?: Extract<keyof Config, `${string}_CRON`>;
  /** A second key of the connection's `cron`, read after the job's own (the inventory reconcile follows `reconcile`). */
  cronAlso?: string;
}

/** A job the service schedules for each connection (a flow's pass, or the dashboard's attention alerts). */
export interface ServiceJob {
  /** The job's key after `<connection id>:`, and its own key in the connection's `cron` setting. */
  name: string;
  /** The scheduler's flow tag (`triggerFlow` and the Flows page go by it). */
  tag: string;
  timing: JobTiming;
  runAtStart?: boolean;
  /**
   * Another job of the same connection that must have ended its first run before this one runs (the first
   * orders pass waits for the reference pass's mappings). It must be a job that runs at start.
   */
  after?: string;
  /** The flow whose metrics and next-run time it records (none for jobs that are not a flow's pass). */
  records?: FlowName;
  /** One run, with the latest saved version of the connection. */
  run(connection: Connection, signal: AbortSignal): Promise<FlowRunResult>;
}

/** What a job factory beyond the flows' own sees of the service. */
export interface JobHost {
  readonly app: App;
  /** When the service started (epoch ms). */
  readonly started: number;
}

/** Jobs per connection beyond the flows' own (`ServiceOptions.extraJobs`). */
export type JobFactory = (host: JobHost, connection: Connection) => ServiceJob[];

/**
 * The one reading of a job's interval and cron settings. A cron expression — the connection's `cron[<job>]`,
 * then its `cron[<cronAlso>]`, then the service's `<JOB>_CRON` — replaces the interval, read in the Sage
 * company's time zone.
 */
export function jobTiming(
  config: Config,
  connection: Connection,
  job: Pick<ServiceJob, 'name' | 'timing'>,
): Pick<ScheduledJob, 'everyMs' | 'cron' | 'timezone'> {
  const { every, cron: cronConfig, cronAlso } = job.timing;
  const s = connection.settings;
  const seconds = every
    ? ((every.setting ? s[every.setting] : undefined) ??
      (every.config ? config[every.config] : undefined) ??
      every.seconds)
    : undefined;
  const cron =
    s.cron?.[job.name] ?? (cronAlso ? s.cron?.[cronAlso] : undefined) ?? (cronConfig ? config[cronConfig] : undefined);
  return {
    ...(seconds !== undefined ? { everyMs: seconds * 1000 } : {}),
    ...(cron ? { cron, timezone: resolveFlowSettings(config, connection).timezone } : {}),
  };
}
