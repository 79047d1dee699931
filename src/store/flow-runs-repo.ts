import { type ExpressionBuilder, type Kysely, type RawBuilder, sql } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { type FlowRun, RUN_RESULTS, type RunResult } from '../domain/flow-run.js';
import type { DbTime } from './db-time.js';
import type { Database, FlowRunRow } from './schema.js';

export type { FlowRun, RunResult } from '../domain/flow-run.js';

export interface FlowRunQuery {
  connectionId: number;
  flow?: string;
  result?: RunResult;
  limit?: number;
  offset?: number;
}

type RunsEb = ExpressionBuilder<Database, 'flow_runs'>;

/**
 * The runs history: every pass of every flow that took its lease, from its start to its end, kept for
 * FLOW_RUNS_KEEP_DAYS. The flow runner writes it (`start`, `finish`, `prune`); the dashboard's Runs page reads it.
 */
export class FlowRunsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly time: DbTime,
  ) {}

  private iso(ms = this.clock.now()): string {
    return new Date(ms).toISOString();
  }

  /** Records a pass that has just taken its lease, as running; returns its id. */
  async start(run: { connectionId: number; flow: string; holder: string; leaseToken: number }): Promise<number> {
    const row = await this.db
      .insertInto('flow_runs')
      .values({
        connection_id: run.connectionId,
        flow: run.flow,
        holder: run.holder,
        lease_token: run.leaseToken,
        started_at: this.iso(),
        result: 'running',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async finish(
    id: number,
    end: { result: Exclude<RunResult, 'running'>; counts: Record<string, number>; error?: string | null },
  ): Promise<void> {
    await this.db
      .updateTable('flow_runs')
      .set({
        finished_at: this.iso(),
        result: end.result,
        counts: JSON.stringify(end.counts),
        error: end.error ?? null,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Deletes the passes (of every connection) that started before `beforeMs`; returns how many. */
  async prune(beforeMs: number): Promise<number> {
    const result = await this.db
      .deleteFrom('flow_runs')
      .where('started_at', '<', this.iso(beforeMs))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** A connection's passes, newest first, by flow and result; a dead process's "running" pass counts as failed. */
  async list(query: FlowRunQuery): Promise<FlowRun[]> {
    const now = this.time.now();
    let q = this.db
      .selectFrom('flow_runs')
      .selectAll()
      .select((eb) => liveLease(eb, now).as('live'))
      .where('connection_id', '=', query.connectionId);
    if (query.flow) q = q.where('flow', '=', query.flow);
    const result = query.result;
    if (result === 'running') q = q.where('result', '=', 'running').where((eb) => liveLease(eb, now));
    else if (result === 'failed')
      q = q.where((eb) =>
        eb.or([eb('result', '=', 'failed'), eb.and([eb('result', '=', 'running'), eb.not(liveLease(eb, now))])]),
      );
    else if (result) q = q.where('result', '=', result);
    const rows = await q
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit ?? 100)
      .offset(query.offset ?? 0)
      .execute();
    return rows.map(toRun);
  }

  async get(connectionId: number, id: number): Promise<FlowRun | undefined> {
    const row = await this.db
      .selectFrom('flow_runs')
      .selectAll()
      .select((eb) => liveLease(eb, this.time.now()).as('live'))
      .where('connection_id', '=', connectionId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRun(row) : undefined;
  }
}

/**
 * Whether the pass still holds its lease. Every running pass renews its lease well before it expires, so a
 * "running" row without one is a pass whose process died (crash, kill, power loss) before recording its end.
 */
function liveLease(eb: RunsEb, nowIso: RawBuilder<string>) {
  return eb.exists(
    eb
      .selectFrom('leases')
      .select(sql<number>`1`.as('one'))
      .whereRef('leases.connection_id', '=', 'flow_runs.connection_id')
      .whereRef('leases.flow', '=', 'flow_runs.flow')
      .whereRef('leases.holder', '=', 'flow_runs.holder')
      .where('leases.expires_at', '>', nowIso),
  );
}

const INTERRUPTED =
  'This pass did not finish: the process running it stopped before recording an end (crash, kill or power loss). ' +
  'Nothing it wrote is lost or repeated; the next pass picks up where it left off.';

function toRun(row: FlowRunRow & { live: unknown }): FlowRun {
  const stored = (RUN_RESULTS as readonly string[]).includes(row.result) ? (row.result as RunResult) : 'failed';
  const dead = stored === 'running' && !Number(row.live);
  return {
    id: Number(row.id),
    connectionId: Number(row.connection_id),
    flow: row.flow,
    holder: row.holder,
    leaseToken: Number(row.lease_token),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    result: dead ? 'failed' : stored,
    counts: row.counts ? (JSON.parse(row.counts) as Record<string, number>) : null,
    error: dead ? INTERRUPTED : row.error,
  };
}
