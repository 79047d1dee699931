import { Cron } from 'croner';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../domain/logger.js';
import { type FlowRunResult, wasStopped } from './flow-runner.js';

export interface ScheduledJob {
  /** Unique, e.g. `3:orders`, `3:orders-edits`. */
  key: string;
  connectionId: number;
  connectionName: string;
  flow: string;
  /** Interval between the end of one run and the start of the next. */
  everyMs?: number;
  /** A cron expression (croner syntax); wins over everyMs. */
  cron?: string;
  /** The zone a cron expression is read in (the Sage company's); default the machine's. */
  timezone?: string;
  /** Run once as soon as the scheduler starts. */
  runAtStart?: boolean;
  run(signal: AbortSignal): Promise<FlowRunResult>;
  /** Told after every run (metrics, next-run bookkeeping). */
  onResult?(result: FlowRunResult, nextRunAt: number | null): void | Promise<void>;
}

interface JobState {
  job: ScheduledJob;
  nextAt: number;
  wake: (() => void) | null;
  triggered: boolean;
  running: boolean;
  loop: Promise<void> | null;
}

/**
 * Runs each connection's flows on their schedules (interval or cron), each job in its own loop so a slow
 * flow never delays another. `trigger` runs a job now (a webhook arrived, "run now" in the dashboard);
 * a trigger during a run makes one more run right after it.
 */
export class Scheduler {
  private readonly jobs = new Map<string, JobState>();
  private readonly controller = new AbortController();
  private started = false;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  add(job: ScheduledJob): void {
    const state: JobState = {
      job,
      nextAt: job.runAtStart ? this.clock.now() : this.nextAfter(job, this.clock.now()),
      wake: null,
      triggered: false,
      running: false,
      loop: null,
    };
    this.jobs.set(job.key, state);
    if (this.started) state.loop = this.loop(state);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const s of this.jobs.values()) s.loop = this.loop(s);
  }

  async stop(): Promise<void> {
    this.controller.abort(new Error('scheduler stopping'));
    for (const s of this.jobs.values()) s.wake?.();
    await Promise.all([...this.jobs.values()].map((s) => s.loop));
  }

  trigger(key: string): boolean {
    const s = this.jobs.get(key);
    if (!s) return false;
    s.triggered = true;
    s.wake?.();
    return true;
  }

  /** Every job whose key starts with `${connectionId}:` and flow matches. */
  triggerFlow(connectionId: number, flow: string): void {
    for (const s of this.jobs.values())
      if (s.job.connectionId === connectionId && s.job.flow === flow) this.trigger(s.job.key);
  }

  list(): {
    key: string;
    connectionId: number;
    connectionName: string;
    flow: string;
    nextAt: number;
    running: boolean;
  }[] {
    return [...this.jobs.values()].map((s) => ({
      key: s.job.key,
      connectionId: s.job.connectionId,
      connectionName: s.job.connectionName,
      flow: s.job.flow,
      nextAt: s.nextAt,
      running: s.running,
    }));
  }

  private nextAfter(job: ScheduledJob, from: number): number {
    if (job.cron) {
      const next = new Cron(job.cron, { paused: true, ...(job.timezone ? { timezone: job.timezone } : {}) }).nextRun(
        new Date(from),
      );
      return next ? next.getTime() : from + 86_400_000;
    }
    return from + (job.everyMs ?? 60_000);
  }

  private async loop(s: JobState): Promise<void> {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      const wait = s.nextAt - this.clock.now();
      if (wait > 0 && !s.triggered) {
        const timer = new AbortController();
        s.wake = () => timer.abort();
        const onStop = () => timer.abort();
        signal.addEventListener('abort', onStop, { once: true });
        await this.clock.sleep(wait, timer.signal).catch(() => {});
        signal.removeEventListener('abort', onStop);
        s.wake = null;
        if (signal.aborted) return;
        if (!s.triggered && this.clock.now() < s.nextAt) continue;
      }
      s.triggered = false;
      s.running = true;
      let result: FlowRunResult;
      try {
        result = await s.job.run(signal);
      } catch (error) {
        result = { status: 'failed', error: error instanceof Error ? error : new Error(String(error)), ms: 0 };
      } finally {
        s.running = false;
      }
      if (signal.aborted || wasStopped(result)) {
        // The scheduler is stopping: the pass was stopped with it (and recorded so), not a failure to report.
        this.logger.debug({ job: s.job.key }, 'scheduled flow stopped with the scheduler');
      } else if (result.status === 'failed') {
        this.logger.warn(
          { job: s.job.key, err: result.error },
          'scheduled flow failed; it runs again at its next time',
        );
      }
      s.nextAt = this.nextAfter(s.job, this.clock.now());
      await Promise.resolve(s.job.onResult?.(result, s.nextAt)).catch(() => {});
    }
  }
}
