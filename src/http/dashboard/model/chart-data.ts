import type { App } from '../../../app.js';
import {
  type BucketFrame,
  CHART_RANGES,
  type ChartRange,
  chartFrames,
  countInto,
  levelsInto,
} from './chart-buckets.js';
import { ORDERS_OUT_EVENTS, SHIPMENTS_BACK_EVENTS } from './chart-series.js';
import { levelsOf, SAMPLE_MAX_GAP_MS, type WaitingLevels, waitingSamples } from './waiting-levels.js';

export interface RangeSeries {
  range: ChartRange;
  frames: BucketFrame[];
  ordersOut: number[];
  shipmentsBack: number[];
  /** What waited at the end of each bucket (now, for the last); null where nothing was sampled. */
  waiting: (WaitingLevels | null)[];
}

export interface ChartData {
  zone: string;
  ranges: RangeSeries[];
}

/**
 * The home page's charts, over every connection, in the browser's zone. Orders out and shipments back come
 * from the audit trail (durable, append-only, indexed by connection and time; counted per minute in SQL so
 * a week is a bounded number of rows); what waits from the samples of `waitingSampleJobs`, and from the records now.
 */
export async function chartData(app: App, zone: string): Promise<ChartData> {
  const now = app.clock.now();
  const frames = CHART_RANGES.map((range) => ({ range, frames: chartFrames(range, now, zone) }));
  const since = Math.min(...frames.map((f) => f.frames[0]!.start));
  const connections = await app.store.connections.list();
  // Per connection: the (connection_id, at) index then reads only the week's rows.
  const rows: { minute: string; event: string; count: number }[] = [];
  for (const c of connections)
    rows.push(
      ...(await app.store.audit.minuteCounts(
        c.id,
        [...ORDERS_OUT_EVENTS, ...SHIPMENTS_BACK_EVENTS],
        new Date(since).toISOString(),
      )),
    );
  const points = (events: string[]) =>
    rows.filter((r) => events.includes(r.event)).map((r) => ({ at: Date.parse(`${r.minute}:00.000Z`), n: r.count }));
  const out = points(ORDERS_OUT_EVENTS);
  const back = points(SHIPMENTS_BACK_EVENTS);
  const perConnection: { at: number; value: WaitingLevels }[][] = [];
  for (const c of connections) {
    const live = { at: now, value: levelsOf(await app.store.records.countByState(c.id)) };
    perConnection.push([...(await waitingSamples(app, c.id)), live]);
  }
  return {
    zone,
    ranges: frames.map(({ range, frames: f }) => ({
      range,
      frames: f,
      ordersOut: countInto(f, out),
      shipmentsBack: countInto(f, back),
      waiting: sumLevels(perConnection.map((samples) => levelsInto(f, samples, now, SAMPLE_MAX_GAP_MS))),
    })),
  };
}

/** The connections' levels added up per bucket; null only where no connection has a level. */
function sumLevels(series: (WaitingLevels | null)[][]): (WaitingLevels | null)[] {
  const length = series[0]?.length ?? 0;
  return Array.from({ length }, (_, i) => {
    const known = series.map((s) => s[i]).filter((v): v is WaitingLevels => !!v);
    if (known.length === 0) return null;
    return known.reduce((a, b) => ({
      held: a.held + b.held,
      failed: a.failed + b.failed,
      awaiting: a.awaiting + b.awaiting,
    }));
  });
}
