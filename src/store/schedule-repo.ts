import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { DbTime } from './db-time.js';
import type { Database } from './schema.js';

/** A due pass taken by one worker: the key and the claim's own time (what `done` and `extend` match). */
export interface ScheduleClaim {
  key: string;
  worker: string;
  claimedAt: string;
}

type Eb = ExpressionBuilder<Database, 'job_schedule'>;

/**
 * The shared "when is each job due" of every worker (`job_schedule`, migration 005). Each worker keeps its
 * own scheduler, but a pass starts only on the worker whose `claim` — one conditional UPDATE, so the row lock
 * (PostgreSQL) or the write lock (SQLite) decides between racing workers — took the due row; the others see
 * it claimed and skip it without running. Times are judged by `DbTime` (the database's clock on PostgreSQL).
 */
export class ScheduleRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly time: DbTime,
  ) {}

  /**
   * A worker schedules a job. `atStart`: run once now (a request, so a second worker starting does not make
   * it run twice at once, only once more). Otherwise due in `dueInMs` unless the shared row already says when
   * — a due time that passed while no worker ran (all stopped) moves to `dueInMs` from now, as a restart did.
   */
  async add(key: string, dueInMs: number, atStart: boolean): Promise<void> {
    const next = this.time.plus(dueInMs);
    await this.db
      .insertInto('job_schedule')
      .values({ key, next_run_at: next, ...(atStart ? { requested_at: this.time.now() } : {}) })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet(
          atStart
            ? { requested_at: this.time.now() }
            : {
                next_run_at: sql<string>`case when job_schedule.next_run_at < ${this.time.now()} and job_schedule.held_until is null then ${next} else job_schedule.next_run_at end`,
              },
        ),
      )
      .execute();
  }

  /** A trigger on any worker: the next worker free to run it claims it at once, or right after the running pass. */
  async request(key: string): Promise<void> {
    await this.db.updateTable('job_schedule').set({ requested_at: this.time.now() }).where('key', '=', key).execute();
  }

  /** Takes the job's due pass for `worker`, held for `holdMs` unless extended; null when it is not due or taken. */
  async claim(key: string, worker: string, holdMs: number): Promise<ScheduleClaim | null> {
    const now = this.time.now();
    const row = await this.db
      .updateTable('job_schedule')
      .set({ held_until: this.time.plus(holdMs), claimed_by: worker, claimed_at: now })
      .where('key', '=', key)
      .where((eb) => claimable(eb, this.time.now()))
      .returning(['claimed_at'])
      .executeTakeFirst();
    return row?.claimed_at ? { key, worker, claimedAt: row.claimed_at } : null;
  }

  /** The pass still runs: its claim holds `holdMs` longer (a killed worker's claim then runs out within that). */
  async extend(claim: ScheduleClaim, holdMs: number): Promise<boolean> {
    const r = await this.db
      .updateTable('job_schedule')
      .set({ held_until: this.time.plus(holdMs) })
      .where('key', '=', claim.key)
      .where('claimed_by', '=', claim.worker)
      .where('claimed_at', '=', claim.claimedAt)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * The pass ended: the job is next due in `nextInMs`. A request that came while it ran (`requested_at` after
   * the claim, or in its very millisecond) keeps the row due, so that follow-up runs next on whichever worker is free, not lost.
   */
  async done(claim: ScheduleClaim, nextInMs: number): Promise<void> {
    await this.db
      .updateTable('job_schedule')
      .set({ held_until: null, next_run_at: this.time.plus(nextInMs) })
      .where('key', '=', claim.key)
      .where('claimed_by', '=', claim.worker)
      .where('claimed_at', '=', claim.claimedAt)
      .execute();
  }

  /** Per key: ms until it can be claimed (0 or less: now), for the workers' poll. */
  async dueIn(): Promise<Map<string, number>> {
    const rows = await this.db.selectFrom('job_schedule').selectAll().select(this.time.now().as('db_now')).execute();
    const out = new Map<string, number>();
    for (const r of rows) {
      const now = Date.parse(r.db_now);
      const requested = !!r.requested_at && (!r.claimed_at || r.requested_at >= r.claimed_at);
      const at = requested ? now : Date.parse(r.next_run_at);
      const held = r.held_until ? Date.parse(r.held_until) : 0;
      out.set(r.key, Math.max(at, held) - now);
    }
    return out;
  }
}

/** Not held by a live claim, and due: its time has come or a trigger asked for it since the last claim. */
function claimable(eb: Eb, now: ReturnType<DbTime['now']>) {
  return eb.and([
    eb.or([eb('held_until', 'is', null), eb('held_until', '<', now)]),
    eb.or([
      eb('next_run_at', '<=', now),
      eb.and([
        eb('requested_at', 'is not', null),
        eb.or([eb('claimed_at', 'is', null), eb('requested_at', '>=', eb.ref('claimed_at'))]),
      ]),
    ]),
  ]);
}
