import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { FlowState } from '../domain/flow-state.js';
import type { DbTime } from './db-time.js';
import type { Database, FlowPatch, FlowRow, NewFlowRow } from './schema.js';

export type { FlowState } from '../domain/flow-state.js';

/** What `status` and the dashboard show per connection and flow, and the pause / re-scan switches. */
export class FlowsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly time: DbTime,
  ) {}

  private iso(ms = this.clock.now()): string {
    return new Date(ms).toISOString();
  }

  async get(connectionId: number, flow: string): Promise<FlowState> {
    const row = await this.db
      .selectFrom('flows')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('flow', '=', flow)
      .executeTakeFirst();
    return row ? (await this.judgeRunning([toState(row)]))[0]! : emptyState(connectionId, flow);
  }

  async list(connectionId?: number): Promise<FlowState[]> {
    let q = this.db.selectFrom('flows').selectAll();
    if (connectionId !== undefined) q = q.where('connection_id', '=', connectionId);
    return this.judgeRunning((await q.orderBy('connection_id').orderBy('flow').execute()).map(toState));
  }

  /**
   * A pass records "running" when it starts and its end when it finishes; a process killed in between (a
   * crash, SIGKILL, the host going down) leaves "running" behind for ever. Such a pass holds no live lease —
   * every running pass renews its lease well before it expires — so a "running" flow whose lease is gone or
   * expired is reported as the failed pass it is, with what happened and what comes next, instead of
   * "Running now" on the Flows page and in `status`. Judged on read, not written: the next pass records its
   * own start and end, and a pass running on another worker (live lease) stays "running".
   */
  private async judgeRunning(states: FlowState[]): Promise<FlowState[]> {
    const running = states.filter((s) => s.lastStatus === 'running');
    if (running.length === 0) return states;
    const ids = [...new Set(running.map((s) => s.connectionId))];
    const leases = await this.db
      .selectFrom('leases')
      .select(['connection_id', 'flow', 'holder', 'expires_at'])
      .where('connection_id', 'in', ids)
      .execute();
    const live = new Map(leases.map((l) => [`${Number(l.connection_id)}:${l.flow}`, l]));
    // The database's clock judges expiry on PostgreSQL, like the lease statements themselves.
    const now = await this.time.read(this.db);
    return states.map((s) => {
      if (s.lastStatus !== 'running') return s;
      const lease = live.get(`${s.connectionId}:${s.flow}`);
      if (lease && Date.parse(lease.expires_at) > now) return s;
      return { ...s, lastStatus: 'failed', lastError: interruptedReason(s, lease?.holder) };
    });
  }

  private async patch(connectionId: number, flow: string, patch: FlowPatch): Promise<void> {
    await this.db
      .insertInto('flows')
      .values({ connection_id: connectionId, flow, paused: 0, ...patch } as NewFlowRow)
      .onConflict((oc) => oc.columns(['connection_id', 'flow']).doUpdateSet(patch))
      .execute();
  }

  async started(connectionId: number, flow: string): Promise<void> {
    await this.patch(connectionId, flow, { last_started_at: this.iso(), last_status: 'running' });
  }

  async finished(
    connectionId: number,
    flow: string,
    outcome: { ok: boolean; error?: string | null; counts: Record<string, number>; status?: string },
  ): Promise<void> {
    const now = this.iso();
    await this.patch(connectionId, flow, {
      last_finished_at: now,
      last_status: outcome.status ?? (outcome.ok ? 'ok' : 'failed'),
      last_error: outcome.ok ? null : (outcome.error ?? 'failed'),
      last_counts: JSON.stringify(outcome.counts),
      ...(outcome.ok ? { last_success_at: now } : {}),
    });
  }

  /**
   * The flow cannot run for this connection (inventory without a V2 key or the Inventory add-on): not a
   * failure, so it counts as a success (no staleness alarm), with the reason where people look.
   */
  async off(connectionId: number, flow: string, reason: string): Promise<void> {
    const now = this.iso();
    await this.patch(connectionId, flow, {
      last_finished_at: now,
      last_success_at: now,
      last_status: 'off',
      last_error: reason,
      last_counts: JSON.stringify({ off: 1 }),
    });
  }

  async setNextRun(connectionId: number, flow: string, atMs: number | null): Promise<void> {
    await this.patch(connectionId, flow, { next_run_at: atMs === null ? null : this.iso(atMs) });
  }

  async setPaused(connectionId: number, flow: string, paused: boolean): Promise<void> {
    await this.patch(connectionId, flow, { paused: paused ? 1 : 0 });
  }

  async setRescanFrom(connectionId: number, flow: string, date: string | null): Promise<void> {
    await this.patch(connectionId, flow, { rescan_from: date });
  }
}

/** Why a "running" pass without a live lease is reported as failed, and what happens next. */
function interruptedReason(s: FlowState, holder: string | undefined): string {
  const who = holder ? ` (${holder})` : '';
  return (
    `The pass started at ${s.lastStartedAt ?? 'an unknown time'} did not finish: the process running it${who} ` +
    'stopped before recording an end (crash, kill or power loss). Nothing it wrote is lost or repeated; the next ' +
    'pass takes over and picks up where it left off. If this repeats, check the service log around that time.'
  );
}

/** The state of a flow that has never run. */
export function emptyState(connectionId: number, flow: string): FlowState {
  return {
    connectionId,
    flow,
    paused: false,
    lastStartedAt: null,
    lastFinishedAt: null,
    lastSuccessAt: null,
    lastStatus: null,
    lastError: null,
    lastCounts: null,
    nextRunAt: null,
    rescanFrom: null,
  };
}

function toState(row: FlowRow): FlowState {
  return {
    connectionId: Number(row.connection_id),
    flow: row.flow,
    paused: row.paused === 1,
    lastStartedAt: row.last_started_at,
    lastFinishedAt: row.last_finished_at,
    lastSuccessAt: row.last_success_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    lastCounts: row.last_counts ? (JSON.parse(row.last_counts) as Record<string, number>) : null,
    nextRunAt: row.next_run_at,
    rescanFrom: row.rescan_from,
  };
}
