import type { FlowContext, FlowOutcome } from '../ports.js';
import { Serial } from '../serial.js';
import { count, outcome } from '../tally.js';
import { processInbox } from './inbox.js';
import { resolveAllOpen } from './open-intents.js';
import { pollIfDue } from './poll.js';
import type { SageOrderWriter, ShipmentSource } from './ports.js';
import { processEvent } from './process-event.js';
import type { ShipmentsRun } from './shipments-run.js';
import { takeEvent } from './take-event.js';
import { startWebhookLane } from './webhook-lane.js';

export interface ShipmentsPassOptions {
  /** Poll interval; a pass polls only when it has passed since the last poll, unless `forcePoll`. */
  pollIntervalMs: number;
  forcePoll?: boolean;
}

/**
 * Shipments: ShipStation → Sage 300 (domain.md), one pass:
 * 1. decide every write intent a crash or a lost answer left open (read back, never resend);
 * 2. from then to the end of the pass, the webhook lane: each delivery in the inbox is fetched and its
 *    shipments written to Sage at once, beside steps 3 and 4 rather than after them (webhook-lane.ts);
 * 3. the poll, when due (what webhooks missed: voids, mark-as-shipped, dropped deliveries);
 * 4. every shipment not yet in Sage: written exactly once, or queued when Sage refuses updates.
 * A dry run does the same in order, without the lane (it records nothing a lane could pick up).
 */
export async function runShipmentsPass(
  ctx: FlowContext,
  ports: { source: ShipmentSource; sage: SageOrderWriter },
  options: ShipmentsPassOptions,
): Promise<FlowOutcome> {
  const run = await startRun(ctx, ports);
  const poll = () => pollIfDue(run, options.pollIntervalMs, options.forcePoll ?? false);
  if (run.dryRun) {
    await processInbox(run);
    await poll();
    await processPending(run);
    return outcome(run);
  }
  await resolveAllOpen(run);
  const lane = startWebhookLane(run);
  try {
    await poll();
    await processPending(run);
  } catch (error) {
    await lane.stop();
    throw error;
  }
  const ended = await lane.stop();
  if (ended.failed) throw ended.error;
  return outcome(run);
}

/** A pass's working state (also used by the export, which writes nothing to ShipStation or Sage). */
export async function startRun(
  ctx: FlowContext,
  ports: { source: ShipmentSource; sage: SageOrderWriter },
): Promise<ShipmentsRun> {
  return {
    ...ctx,
    ...ports,
    mappings: await ctx.store.mappings.list(ctx.connection.id, 'ship_via'),
    counts: {},
    planned: [],
    updatesRefused: null,
    dryObserved: [],
    serial: new Serial(),
    handled: new Set(),
  };
}

/** New events first, then the queue of those Sage refused (one PATCH tells whether it still refuses). */
export async function processPending(run: ShipmentsRun): Promise<void> {
  const id = run.connection.id;
  let done = 0;
  for (const states of [['new'], ['queued']] as const) {
    for (;;) {
      const batch = (await run.store.shipmentEvents.byState(id, [...states], 200)).filter(
        (e) => !run.handled.has(e.sourceId),
      );
      if (batch.length === 0 || run.signal.aborted) break;
      for (const event of batch) {
        if (run.signal.aborted) return;
        // Taken in turn with the webhook lane, which may have written it since the batch was read.
        if (await takeEvent(run, event.sourceId, states)) done += 1;
        run.handled.add(event.sourceId);
        run.onProgress?.({ phase: 'writing shipments to Sage 300', done });
      }
    }
  }
  if (run.dryRun) {
    // Found by this pass but not recorded (a dry run records nothing): planned as new events would be.
    for (const observed of run.dryObserved) {
      const at = new Date(run.clock.now()).toISOString();
      await processEvent(run, {
        connectionId: id,
        sourceId: observed.sourceId,
        orderKey: observed.orderKey,
        kind: observed.kind,
        voided: false,
        tracking: observed.trackingNumbers[0] ?? null,
        state: 'new',
        reason: null,
        data: { observed },
        firstSeenAt: at,
        updatedAt: at,
      });
    }
  }
  if (run.updatesRefused) count(run, 'sage_refuses_updates');
}
