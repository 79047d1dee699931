import type { FlowContext, FlowOutcome } from '../ports.js';
import { count, outcome } from '../tally.js';
import { processInbox } from './inbox.js';
import { resolveAllOpen } from './open-intents.js';
import { pollIfDue } from './poll.js';
import type { SageOrderWriter, ShipmentSource } from './ports.js';
import { processEvent } from './process-event.js';
import type { ShipmentsRun } from './shipments-run.js';

export interface ShipmentsPassOptions {
  /** Poll interval; a pass polls only when it has passed since the last poll, unless `forcePoll`. */
  pollIntervalMs: number;
  forcePoll?: boolean;
}

/**
 * Shipments: ShipStation → Sage 300 (domain.md), one pass:
 * 1. decide every write intent a crash or a lost answer left open (read back, never resend);
 * 2. the webhook inbox (fetch the pointers, record the shipments);
 * 3. the poll, when due (what webhooks missed: voids, mark-as-shipped, dropped deliveries);
 * 4. every shipment not yet in Sage: written exactly once, or queued when Sage refuses updates.
 */
export async function runShipmentsPass(
  ctx: FlowContext,
  ports: { source: ShipmentSource; sage: SageOrderWriter },
  options: ShipmentsPassOptions,
): Promise<FlowOutcome> {
  const run = await startRun(ctx, ports);
  if (!run.dryRun) await resolveAllOpen(run);
  await processInbox(run);
  await pollIfDue(run, options.pollIntervalMs, options.forcePoll ?? false);
  await processPending(run);
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
  };
}

/** New events first, then the queue of those Sage refused (one PATCH tells whether it still refuses). */
export async function processPending(run: ShipmentsRun): Promise<void> {
  const id = run.connection.id;
  const seen = new Set<string>();
  for (const states of [['new'], ['queued']] as const) {
    for (;;) {
      const batch = (await run.store.shipmentEvents.byState(id, [...states], 200)).filter((e) => !seen.has(e.sourceId));
      if (batch.length === 0 || run.signal.aborted) break;
      for (const event of batch) {
        if (run.signal.aborted) return;
        seen.add(event.sourceId);
        await processEvent(run, event);
        run.onProgress?.({ phase: 'writing shipments to Sage 300', done: seen.size });
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
