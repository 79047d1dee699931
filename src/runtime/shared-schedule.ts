import type { App } from '../app.js';
import type { Coordination, ScheduleClaim, ScheduleCoordinator } from '../engine/schedule-coordinator.js';
import type { ScheduleRepo } from '../store/schedule-repo.js';

/** The engine's `ScheduleCoordinator` over the store's `job_schedule`, claiming for one worker. */
export class SharedSchedule implements ScheduleCoordinator {
  constructor(
    private readonly repo: ScheduleRepo,
    private readonly worker: string,
  ) {}

  add(key: string, dueInMs: number, atStart: boolean): Promise<void> {
    return this.repo.add(key, dueInMs, atStart);
  }

  request(key: string): Promise<void> {
    return this.repo.request(key);
  }

  claim(key: string, holdMs: number): Promise<ScheduleClaim | null> {
    return this.repo.claim(key, this.worker, holdMs);
  }

  extend(claim: ScheduleClaim, holdMs: number): Promise<boolean> {
    return this.repo.extend({ ...claim, worker: this.worker }, holdMs);
  }

  done(claim: ScheduleClaim, nextInMs: number): Promise<void> {
    return this.repo.done({ ...claim, worker: this.worker }, nextInMs);
  }

  dueIn(): Promise<Map<string, number>> {
    return this.repo.dueIn();
  }
}

/**
 * The scheduler's coordination for this worker: on PostgreSQL (several workers, several hosts) a shared
 * schedule with claims; on SQLite (one host, one `start`) none, each due pass simply runs here as before.
 */
export function workerCoordination(app: App, worker: string): Coordination | undefined {
  if (!app.store.capabilities.concurrentWriters) return undefined;
  return {
    coordinator: new SharedSchedule(app.store.schedule, worker),
    concurrency: app.config.WORKER_CONCURRENCY,
    pollMs: app.config.WORKER_POLL_MS,
    holdMs: app.config.FLOW_LEASE_SECONDS * 1000,
  };
}
