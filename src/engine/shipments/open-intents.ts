import type { WriteIntent } from '../../domain/write-intent.js';
import { auditOrder } from '../records/order-audit.js';
import { setOrderState } from '../records/order-record.js';
import { count } from '../tally.js';
import { decideApplied, type IntentRequest, type SageSnapshot, snapshotOf } from './sage-snapshot.js';
import type { ShipmentsRun } from './shipments-run.js';

export type Resolution = 'applied' | 'not_applied' | 'unknown' | 'failed';

/**
 * An intent left open by a crash, a timeout or a lost answer: read the order back and decide from its state
 * whether the PATCH happened (never by sending it again). `unknown` leaves it open (Sage unreachable: ask again
 * next pass); an order that moved in a way ours does not explain is resolved `failed` and flagged for a person,
 * so nothing is ever shipped twice on a guess.
 */
export async function resolveOpenIntent(run: ShipmentsRun, intent: WriteIntent): Promise<Resolution> {
  const request = intent.request as IntentRequest;
  const order = { uniquifier: intent.sageUniquifier, orderNumber: request.orderNumber ?? intent.sageUniquifier };
  let now: Awaited<ReturnType<ShipmentsRun['sage']['getOrder']>>;
  try {
    now = await run.sage.getOrder(intent.sageUniquifier);
  } catch (error) {
    run.logger.warn(
      { err: error, intent: intent.id },
      'cannot read the Sage order back yet; the write stays undecided',
    );
    return 'unknown';
  }
  if (!now) {
    await run.store.intents.resolve(intent.id, 'failed', { reason: 'the order no longer exists in Sage 300' });
    return 'failed';
  }
  const after = snapshotOf(now);
  const verdict = decideApplied(run.sage.writeOfRequest(request.body), intent.before as SageSnapshot, after);
  if (verdict === 'applied') {
    await run.store.intents.resolve(intent.id, 'applied', resultOf(after, 'read back after an unanswered write'));
    await auditOrder(
      run,
      order,
      'write_confirmed',
      `The write of ${intent.sourceId} to Sage 300 got no answer; reading the order back shows it was applied (${after.lastShipmentNumber || 'tracking set'}).`,
    );
    count(run, 'recovered_applied');
    return 'applied';
  }
  if (verdict === 'not_applied') {
    await run.store.intents.resolve(intent.id, 'not_applied', { reason: 'read back: the order did not change' });
    count(run, 'recovered_not_applied');
    return 'not_applied';
  }
  const reason = `Could not tell whether the write of ${intent.sourceId} reached Sage 300: the order changed in a way that write does not explain (shipped in Sage meanwhile?). Nothing was sent again; compare the order with ShipStation.`;
  await run.store.intents.resolve(intent.id, 'failed', { reason, before: intent.before, after });
  await setOrderState(run, order, 'conflict', reason);
  await auditOrder(run, order, 'write_undecided', reason, { before: intent.before, after });
  count(run, 'conflicts');
  return 'failed';
}

export function resultOf(after: SageSnapshot, how: string): Record<string, unknown> {
  return {
    lastShipmentNumber: after.lastShipmentNumber,
    numberOfShipments: after.numberOfShipments,
    outstanding: after.outstanding,
    tracking: after.tracking,
    how,
  };
}

/** At the start of every pass: every intent left open is decided before anything new is written. */
export async function resolveAllOpen(run: ShipmentsRun): Promise<void> {
  for (const intent of await run.store.intents.listOpen(run.connection.id)) {
    if (run.signal.aborted) return;
    await resolveOpenIntent(run, intent);
  }
}
