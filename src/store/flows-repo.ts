import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { FlowState } from '../domain/flow-state.js';
import type { Database, FlowPatch, FlowRow, NewFlowRow } from './schema.js';

export type { FlowState } from '../domain/flow-state.js';

/** What `status` and the dashboard show per connection and flow, and the pause / re-scan switches. */
export class FlowsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
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
    return row ? toState(row) : emptyState(connectionId, flow);
  }

  async list(connectionId?: number): Promise<FlowState[]> {
    let q = this.db.selectFrom('flows').selectAll();
    if (connectionId !== undefined) q = q.where('connection_id', '=', connectionId);
    return (await q.orderBy('connection_id').orderBy('flow').execute()).map(toState);
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
