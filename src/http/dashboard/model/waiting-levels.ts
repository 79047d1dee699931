import type { App } from '../../../app.js';
import type { JobFactory, JobHost, ServiceJob } from '../../../runtime/jobs.js';

/** What waits, as the charts show it: held orders, failed orders, and orders shipped but not yet in Sage. */
export interface WaitingLevels {
  held: number;
  failed: number;
  awaiting: number;
}

export function levelsOf(counts: Record<string, number>): WaitingLevels {
  return { held: counts['held'] ?? 0, failed: counts['failed'] ?? 0, awaiting: counts['shipped'] ?? 0 };
}

/** How often the job looks; a sample is stored when a level changed, or every HEARTBEAT_MS regardless. */
export const SAMPLE_EVERY_MS = 5 * 60_000;
const HEARTBEAT_MS = 30 * 60_000;
/** A sample older than this says nothing about a later moment (the service was not running): a gap. */
export const SAMPLE_MAX_GAP_MS = HEARTBEAT_MS + SAMPLE_EVERY_MS + 60_000;
/** Samples older than the 7-day chart (and a day of slack) are dropped. */
const KEEP_MS = 8 * 86_400_000;

const key = (connectionId: number) => `dashboard.waiting.${connectionId}`;

/** [epoch ms, held, failed, awaiting]: compact, a week of changes fits a small kv value. */
type Stored = [number, number, number, number];

export interface WaitingSample {
  at: number;
  value: WaitingLevels;
}

function parse(raw: string | undefined): Stored[] {
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter((s): s is Stored => Array.isArray(s) && s.length === 4) : [];
  } catch {
    return [];
  }
}

/**
 * The levels of what waits are states of records now, not events, so the past ones are kept as samples:
 * one kv value per connection (no table, no migration), written by a job of the service. The records
 * table gives the current level; the audit trail cannot, as no event names the state an order left.
 * With several workers each samples; a lost sample (two writing at once) only widens a bucket's step.
 */
export async function recordWaitingSample(app: App, connectionId: number): Promise<boolean> {
  const now = app.clock.now();
  const levels = levelsOf(await app.store.records.countByState(connectionId));
  const samples = parse(await app.store.kv.get(key(connectionId))).filter((s) => s[0] >= now - KEEP_MS);
  const last = samples.at(-1);
  const same = last && last[1] === levels.held && last[2] === levels.failed && last[3] === levels.awaiting;
  if (same && now - last[0] < HEARTBEAT_MS) return false;
  samples.push([now, levels.held, levels.failed, levels.awaiting]);
  await app.store.kv.set(key(connectionId), JSON.stringify(samples));
  return true;
}

export async function waitingSamples(app: App, connectionId: number): Promise<WaitingSample[]> {
  return parse(await app.store.kv.get(key(connectionId))).map(([at, held, failed, awaiting]) => ({
    at,
    value: { held, failed, awaiting },
  }));
}

/** The sampling job per connection: an extra job of the service, not a flow's pass (no lease, no run row). */
export const waitingSampleJobs: JobFactory = (host: JobHost): ServiceJob[] => {
  const { app } = host;
  return [
    {
      name: 'waiting-levels',
      tag: 'waiting-levels',
      timing: { every: { seconds: SAMPLE_EVERY_MS / 1000 } },
      runAtStart: true,
      run: async (connection) => {
        const started = app.clock.now();
        try {
          const stored = await recordWaitingSample(app, connection.id);
          return {
            status: 'ran',
            outcome: { counts: { stored: stored ? 1 : 0 }, planned: [] },
            ms: app.clock.now() - started,
          };
        } catch (error) {
          return { status: 'failed', error: error as Error, ms: app.clock.now() - started };
        }
      },
    },
  ];
};
