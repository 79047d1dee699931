import type { App } from '../../../app.js';
import type { AuditEvent } from '../../../domain/audit-event.js';
import type { Connection } from '../../../domain/connection.js';
import type { FlowRun } from '../../../domain/flow-run.js';

/** At most this many events on a pass's page (a first pass can send thousands of orders). */
export const RUN_EVENTS_SHOWN = 500;

export interface RunDetail {
  run: FlowRun;
  /** The connection's audit events recorded while the pass ran, oldest first. */
  events: AuditEvent[];
  /** Whether there were more than RUN_EVENTS_SHOWN. */
  more: boolean;
  /** The orders those events are about, each once, in the order first touched. */
  orders: { key: string; display: string }[];
}

/**
 * One pass and what it touched: audit events carry their connection and time but not the pass, so these
 * are the connection's events from the pass's start to its end (or now, while it runs). Other flows of the
 * connection running at the same time add theirs; the page says so.
 */
export async function runDetail(app: App, c: Connection, id: number): Promise<RunDetail | undefined> {
  const run = await app.store.flowRuns.get(c.id, id);
  if (!run) return undefined;
  const to = run.finishedAt ?? new Date(app.clock.now()).toISOString();
  const events = await app.store.audit.between(c.id, run.startedAt, to, RUN_EVENTS_SHOWN + 1);
  const orders = new Map<string, string>();
  for (const e of events.slice(0, RUN_EVENTS_SHOWN))
    if (e.recordKind === 'order' && !orders.has(e.recordKey)) orders.set(e.recordKey, e.display ?? e.recordKey);
  return {
    run,
    events: events.slice(0, RUN_EVENTS_SHOWN),
    more: events.length > RUN_EVENTS_SHOWN,
    orders: [...orders].map(([key, display]) => ({ key, display })),
  };
}
