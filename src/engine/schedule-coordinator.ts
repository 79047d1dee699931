/** A due pass taken by this worker; `done` and `extend` name it. */
export interface ScheduleClaim {
  key: string;
  claimedAt: string;
}

/**
 * The port of the schedule several workers share (implemented over the store's `job_schedule` by the
 * runtime). Each worker keeps its own scheduler; a pass starts only on the worker whose `claim` took the due
 * job, so each due pass runs once, on one worker.
 */
export interface ScheduleCoordinator {
  /** A job is scheduled here: due in `dueInMs` unless the shared row says otherwise; `atStart` asks for a run now. */
  add(key: string, dueInMs: number, atStart: boolean): Promise<void>;
  /** A trigger: the job runs as soon as a worker is free to claim it (after the running pass, if one runs). */
  request(key: string): Promise<void>;
  /** Takes the due pass for this worker, held `holdMs` unless extended; null when not due or taken. */
  claim(key: string, holdMs: number): Promise<ScheduleClaim | null>;
  extend(claim: ScheduleClaim, holdMs: number): Promise<boolean>;
  /** The pass ended; the job is next due in `nextInMs` (at once if a trigger came meanwhile). */
  done(claim: ScheduleClaim, nextInMs: number): Promise<void>;
  /** Per key: ms until the job can be claimed (0 or less: now). */
  dueIn(): Promise<Map<string, number>>;
}

export interface Coordination {
  coordinator: ScheduleCoordinator;
  /** Passes this worker runs at once (WORKER_CONCURRENCY); at the cap it claims nothing and leaves work to others. */
  concurrency: number;
  /** How often the shared due times are read: other workers' triggers, a dead worker's claims running out. */
  pollMs: number;
  /** How long a claim holds without being extended (the lease time: a killed worker's pass is due again then). */
  holdMs: number;
}
