import { Cron } from 'croner';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../domain/logger.js';
import { type FlowRunResult, wasStopped } from './flow-runner.js';
import type { Coordination, ScheduleClaim } from './schedule-coordinator.js';

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
  /** Told when the job was due but another worker took it (shared schedule only). */
  onSkipped?(): void;
}

interface JobState {
  job: ScheduledJob;
  nextAt: number;
  wake: (() => void) | null;
  triggered: boolean;
  running: boolean;
  loop: Promise<void> | null;
  /** The job's row in the shared schedule is written (coordinated scheduling only). */
  added: Promise<void>;
  /** Due, but this worker was at its cap (coordinated scheduling only): a slot freed wakes it. */
  waitingForSlot: boolean;
}

/**
 * Runs each connection's flows on their schedules (interval or cron), each job in its own loop so a slow
 * flow never delays another. `trigger` runs a job now (a webhook arrived, "run now" in the dashboard);
 * a trigger during a run makes one more run right after it.
 *
 * With a `Coordination` (several workers on one PostgreSQL database) "due" is shared: a due job runs here only
 * if this worker claims it (`ScheduleCoordinator.claim`, one conditional UPDATE), and only while fewer than
 * `concurrency` passes run here; a trigger becomes a request any worker may claim; the shared due times are
 * read every `pollMs`, so a request made on another worker, or the claim of a worker that died, is seen here.
 */
export class Scheduler {
  private readonly jobs = new Map<string, JobState>();
  private readonly controller = new AbortController();
  private started = false;
  private poller: Promise<void> | null = null;
  private claiming = 0;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly coordination?: Coordination,
  ) {}

  /** Passes running now in this scheduler (the workers table, `/metrics`). */
  running(): number {
    let n = 0;
    for (const s of this.jobs.values()) if (s.running) n += 1;
    return n;
  }

  add(job: ScheduledJob): void {
    const state: JobState = {
      job,
      nextAt: job.runAtStart ? this.clock.now() : this.nextAfter(job, this.clock.now()),
      wake: null,
      triggered: false,
      running: false,
      loop: null,
      added: Promise.resolve(),
      waitingForSlot: false,
    };
    const c = this.coordination;
    if (c) {
      state.added = c.coordinator
        .add(job.key, Math.max(0, state.nextAt - this.clock.now()), !!job.runAtStart)
        .catch((err) => this.logger.warn({ job: job.key, err }, 'the shared schedule could not be written'));
    }
    this.jobs.set(job.key, state);
    if (this.started) state.loop = this.loop(state);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const s of this.jobs.values()) s.loop = this.loop(s);
    if (this.coordination) this.poller = this.poll(this.coordination);
  }

  async stop(): Promise<void> {
    this.controller.abort(new Error('scheduler stopping'));
    for (const s of this.jobs.values()) s.wake?.();
    await Promise.all([...this.jobs.values()].map((s) => s.loop));
    await this.poller;
  }

  trigger(key: string): boolean {
    const s = this.jobs.get(key);
    if (!s) return false;
    s.triggered = true;
    s.wake?.();
    return true;
  }

  /** Reads the shared due times every `pollMs` and wakes the jobs that have become due. */
  private async poll(c: Coordination): Promise<void> {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      await this.clock.sleep(c.pollMs, signal).catch(() => {});
      if (signal.aborted) return;
      const due = await c.coordinator.dueIn().catch((err) => {
        this.logger.warn({ err }, 'the shared schedule could not be read');
        return new Map<string, number>();
      });
      const now = this.clock.now();
      for (const s of this.jobs.values()) {
        const ms = due.get(s.job.key);
        if (ms === undefined || s.running) continue;
        s.nextAt = now + ms;
        if (ms <= 0) s.wake?.();
      }
    }
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
    await s.added;
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
      const claim = this.coordination ? await this.claim(s, this.coordination) : null;
      if (this.coordination && !claim) continue;
      s.triggered = false;
      s.running = true;
      let result: FlowRunResult;
      const holding = claim && this.coordination ? this.holdClaim(claim, this.coordination) : null;
      try {
        result = await s.job.run(signal);
      } catch (error) {
        result = { status: 'failed', error: error instanceof Error ? error : new Error(String(error)), ms: 0 };
      } finally {
        s.running = false;
        holding?.stop();
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
      // Busy: a pass of the flow runs elsewhere (another job of it, another worker, `sync`): try again after
      // one poll, so the request is a follow-up of that pass, not lost.
      const now = this.clock.now();
      s.nextAt = claim && result.status === 'busy' ? now + this.coordination!.pollMs : this.nextAfter(s.job, now);
      if (claim) {
        await this.coordination!.coordinator.done(claim, s.nextAt - now).catch((err) =>
          this.logger.warn({ job: s.job.key, err }, 'the shared schedule could not be written'),
        );
        this.wakeWaiting();
      }
      await Promise.resolve(s.job.onResult?.(result, s.nextAt)).catch(() => {});
    }
  }

  /**
   * A due job on a shared schedule: turns a local trigger into a request every worker sees, then claims the
   * pass unless this worker is at its cap (it then waits for a slot or leaves the pass to another worker).
   */
  private async claim(s: JobState, c: Coordination): Promise<ScheduleClaim | null> {
    const key = s.job.key;
    const warn = (err: unknown) => this.logger.warn({ job: key, err }, 'the shared schedule could not be written');
    if (s.triggered) {
      s.triggered = false;
      await c.coordinator.request(key).catch(warn);
    }
    // The poll (or a slot freed here) moves `nextAt` again when the job is due.
    s.nextAt = this.clock.now() + c.pollMs;
    // Claims in flight count against the cap too: two due jobs must not both pass the check before either runs.
    s.waitingForSlot = this.running() + this.claiming >= c.concurrency;
    if (s.waitingForSlot) return null;
    this.claiming += 1;
    const claim = await c.coordinator
      .claim(key, c.holdMs)
      .catch((err) => {
        warn(err);
        return null;
      })
      .finally(() => {
        this.claiming -= 1;
      });
    if (claim) s.running = true;
    else s.job.onSkipped?.();
    return claim;
  }

  /** Extends a running pass's claim every third of its hold, so only a dead worker's claim runs out. */
  private holdClaim(claim: ScheduleClaim, c: Coordination): { stop: () => void } {
    const stop = new AbortController();
    void (async () => {
      while (!stop.signal.aborted) {
        await this.clock.sleep(c.holdMs / 3, stop.signal).catch(() => {});
        if (stop.signal.aborted) return;
        await c.coordinator.extend(claim, c.holdMs).catch(() => false);
      }
    })();
    return { stop: () => stop.abort() };
  }

  /** A slot freed: the jobs that were due and waiting for one try to claim now. */
  private wakeWaiting(): void {
    const now = this.clock.now();
    for (const s of this.jobs.values()) {
      if (!s.waitingForSlot) continue;
      s.nextAt = now;
      s.wake?.();
    }
  }
}
