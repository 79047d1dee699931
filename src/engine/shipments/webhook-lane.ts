import { processInbox } from './inbox.js';
import type { ShipmentsRun } from './shipments-run.js';
import { takeEvent } from './take-event.js';

/**
 * How often the lane looks for new deliveries while the pass polls or writes its backlog: one indexed read
 * of the inbox, and well inside the 2 s in which a delivered event should reach Sage (issue 12, point 6).
 */
export const LANE_CHECK_MS = 250;
/**
 * After a retryable failure (ShipStation busy or down) the lane waits longer before it fetches again: 2 s,
 * doubling, at most 60 s, so a delivery's ten attempts (the inbox's limit) span minutes, as they did when
 * each pass tried once, instead of seconds.
 */
const TROUBLE_WAIT_MS = { first: 2_000, most: 60_000 } as const;

export interface WebhookLane {
  /** Ends the lane after its current round; resolves with what made it fail, if anything did. */
  stop(): Promise<{ failed: false } | { failed: true; error: unknown }>;
}

/**
 * The webhook lane of a shipments pass. A poll can take minutes (a first poll's 3-day look-back on V1's 40
 * requests a minute) and so can the write-back of a backlog; a webhook must not wait for either. The lane
 * runs beside them in the same pass, under the same lease: it takes each new delivery from the inbox
 * (deliveries recorded by any worker: the lane reads the store, not an in-process signal), fetches what it
 * points at and writes those shipments to Sage at once. The poll and the backlog share the pass's `serial`
 * with it, so their network waits overlap but no two of them record or write an event at the same time;
 * one pass per connection (the lease) keeps other processes out, so exactly-once rests on the same write
 * intents as before.
 */
export function startWebhookLane(run: ShipmentsRun, checkEveryMs = LANE_CHECK_MS): WebhookLane {
  const stopping = new AbortController();
  const onAbort = () => stopping.abort();
  run.signal.addEventListener('abort', onAbort, { once: true });
  const round = async (): Promise<boolean> => {
    const { observed, troubled } = await processInbox(run);
    for (const sourceId of new Set(observed)) await takeEvent(run, sourceId, ['new', 'queued']);
    return troubled;
  };
  const loop = async () => {
    let troubleWait = 0;
    for (;;) {
      const troubled = await round();
      if (stopping.signal.aborted || run.signal.aborted) return;
      troubleWait = troubled ? Math.min(TROUBLE_WAIT_MS.most, troubleWait * 2 || TROUBLE_WAIT_MS.first) : 0;
      // A stop cuts the wait short: one last round then picks up what came meanwhile (unless in trouble).
      const stopped = await run.clock.sleep(troubleWait || checkEveryMs, stopping.signal).then(
        () => false,
        () => true,
      );
      if (stopped && troubled) return;
    }
  };
  const done = loop().then(
    () => ({ failed: false as const }),
    (error: unknown) => ({ failed: true as const, error }),
  );
  return {
    stop: async () => {
      stopping.abort();
      const result = await done;
      run.signal.removeEventListener('abort', onAbort);
      return result;
    },
  };
}
