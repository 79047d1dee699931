import { isConnectionFault } from '../../domain/errors.js';
import type { SageOrder } from '../../domain/sage.js';
import { isEmptyWriteBack } from '../../domain/sage-write-back.js';
import type { WriteIntent } from '../../domain/write-intent.js';
import { planWriteBack, shipViaFor, type WriteBackPlan } from '../../mapping/shipstation-to-sage.js';
import { auditOrder } from '../records/order-audit.js';
import { count } from '../tally.js';
import type { EventData, WriteTarget } from './event-data.js';
import { resolveOpenIntent, resultOf } from './open-intents.js';
import { type IntentRequest, snapshotOf } from './sage-snapshot.js';
import type { ShipmentsRun } from './shipments-run.js';
import { voidCredit } from './void-credit.js';

export type TargetOutcome =
  /** Written (now or by an earlier pass), or exported for a manual import: `intent` says what was sent. */
  | { kind: 'done'; intent: WriteIntent | null; plan: WriteBackPlan | null }
  /** Sage refuses order updates (405): kept, to apply when it accepts them or to export. */
  | { kind: 'queued'; reason: string }
  /** Not written this time (a refusal, Sage unreachable, the order busy): the next pass tries again. */
  | { kind: 'retry'; reason: string; refused: boolean }
  /** A person decides (order deleted in Sage, a write that cannot be told applied or not). */
  | { kind: 'conflict'; reason: string };

/**
 * Writes one shipment to one Sage order, exactly once on an API that is not idempotent (domain.md,
 * shipments step 3): read the order, plan the PATCH, record the intent with the "before" state (one open
 * intent per Sage order: the store's unique index), send it once, read back, resolve. Whatever happens
 * between two of those steps, the intent tells the next pass what to check instead of sending again.
 */
export async function writeTarget(
  run: ShipmentsRun,
  sourceId: string,
  data: EventData,
  target: WriteTarget,
): Promise<TargetOutcome> {
  const id = run.connection.id;
  const mine = (await run.store.intents.forSource(id, sourceId)).filter((i) => i.sageUniquifier === target.uniquifier);
  const done = mine.find((i) => i.state === 'applied' || i.state === 'exported');
  if (done) return { kind: 'done', intent: done, plan: null };
  const failed = mine.find((i) => i.state === 'failed');
  if (failed)
    return { kind: 'conflict', reason: String((failed.result as { reason?: string })?.reason ?? 'needs a person') };
  const open = mine.find((i) => i.state === 'open');
  if (open) {
    if (run.dryRun) return { kind: 'retry', reason: 'an earlier write to this order is undecided', refused: false };
    const r = await resolveOpenIntent(run, open);
    if (r === 'applied') return { kind: 'done', intent: (await run.store.intents.get(open.id)) ?? open, plan: null };
    if (r === 'unknown')
      return { kind: 'retry', reason: 'Sage 300 could not be read to confirm an earlier write', refused: false };
    if (r === 'failed') return writeTarget(run, sourceId, data, target);
  }
  if (run.updatesRefused) return { kind: 'queued', reason: run.updatesRefused };

  const order = await run.sage.getOrder(target.uniquifier);
  if (!order)
    return {
      kind: 'conflict',
      reason: `Sage order ${target.orderNumber} no longer exists; the shipment cannot be written back.`,
    };
  const o = data.observed;
  const { plan, request } = await planTargetWrite(run, order, target, o);
  if (run.dryRun) {
    run.planned.push({
      system: 'sage300',
      action: 'PATCH OEOrders',
      key: `${order.number} (${target.uniquifier})`,
      summary: summary(plan),
      body: request.body,
    });
    return { kind: 'done', intent: null, plan };
  }
  if (isEmptyWriteBack(plan.write)) {
    // Nothing Sage does not already show (every quantity shipped there, no tracking): record, do not call.
    const intentId = await openIntent(run, sourceId, target, request, snapshotOf(order));
    if (intentId === null)
      return { kind: 'retry', reason: 'another write to this Sage order is unfinished', refused: false };
    await run.store.intents.resolve(intentId, 'applied', {
      ...resultOf(snapshotOf(order), 'nothing to write'),
      noop: true,
    });
    return { kind: 'done', intent: (await run.store.intents.get(intentId)) ?? null, plan };
  }

  const intentId = await openIntent(run, sourceId, target, request, snapshotOf(order));
  if (intentId === null)
    return { kind: 'retry', reason: 'another write to this Sage order is unfinished', refused: false };
  let outcome: Awaited<ReturnType<ShipmentsRun['sage']['patchOrder']>>;
  try {
    outcome = await run.sage.patchOrder(target.uniquifier, plan.write);
  } catch (error) {
    // A redirect is the connection's fault, not this shipment's: the pass fails saying so, and the intent
    // stays open for the read-back of the next pass (nothing is parked, nothing guessed).
    if (isConnectionFault(error)) throw error;
    // No answer, or one that does not say (timeout, reset, 5xx): the write may or may not have happened.
    count(run, 'unanswered_writes');
    run.logger.warn({ err: error, sourceId, order: order.number }, 'Sage write unanswered: reading the order back');
    const intent = await run.store.intents.get(intentId);
    const r = intent ? await resolveOpenIntent(run, intent) : 'unknown';
    if (r === 'applied') return { kind: 'done', intent: (await run.store.intents.get(intentId)) ?? null, plan };
    if (r === 'failed') return writeTarget(run, sourceId, data, target);
    return {
      kind: 'retry',
      reason: `the write to Sage 300 got no answer (${(error as Error).message})`,
      refused: false,
    };
  }
  if (outcome.kind === 'applied') {
    const after = await run.sage.getOrder(target.uniquifier).catch(() => null);
    const result = after ? resultOf(snapshotOf(after), 'answered') : { how: 'answered; read back failed' };
    await run.store.intents.resolve(intentId, 'applied', result);
    return { kind: 'done', intent: (await run.store.intents.get(intentId)) ?? null, plan };
  }
  await run.store.intents.resolve(intentId, 'not_applied', { refusal: outcome });
  if (outcome.kind === 'not_allowed') {
    run.updatesRefused = `Sage 300 refuses order updates (405 MethodNotAllowed: ${outcome.message}); the shipment is kept and applied once updates are possible, or export it with "ml-connector shipments export".`;
    return { kind: 'queued', reason: run.updatesRefused };
  }
  const reason = `Sage 300 refused the write (${outcome.code}): ${outcome.message}`;
  await auditOrder(run, target, 'write_refused', reason, { request: request.body });
  return { kind: 'retry', reason, refused: true };
}

async function openIntent(
  run: ShipmentsRun,
  sourceId: string,
  target: WriteTarget,
  request: IntentRequest,
  before: ReturnType<typeof snapshotOf>,
): Promise<number | null> {
  const open = () =>
    run.store.intents.open({
      connectionId: run.connection.id,
      sageUniquifier: target.uniquifier,
      sourceId,
      request,
      before,
    });
  const first = await open();
  if (first !== null) return first;
  // Another shipment's write to this order was left open (a crash): decide it, then try once more.
  const other = await run.store.intents.openFor(run.connection.id, target.uniquifier);
  if (other) await resolveOpenIntent(run, other);
  return open();
}

/**
 * The write-back of one target: the plan (capped, void credit applied) and the intent it records, with the
 * request as the Sage adapter words it.
 */
export async function planTargetWrite(
  run: ShipmentsRun,
  order: SageOrder,
  target: WriteTarget,
  o: EventData['observed'],
): Promise<{ plan: WriteBackPlan; request: IntentRequest }> {
  const plan = planWriteBack({
    order,
    lines: new Map(target.lines),
    credit: await voidCredit(run, target.uniquifier),
    trackingNumbers: o.trackingNumbers,
    shipViaCode: shipViaFor(run.mappings, o.carrierCode, o.serviceCode, order.shipViaCode),
    shipDate: o.shipDate,
  });
  return {
    plan,
    request: {
      body: run.sage.requestBody(plan.write),
      lines: plan.lines,
      orderNumber: order.number,
      trackingNumbers: o.trackingNumbers,
    },
  };
}

export function summary(plan: WriteBackPlan): string {
  const lines = plan.lines
    .filter((l) => l.quantity > 0 || l.credited > 0)
    .map(
      (l) =>
        `line ${l.lineNumber} ${l.item}: ship ${l.quantity}${l.credited > 0 ? ` (${l.credited} already written by a voided label)` : ''}`,
    );
  const parts = [...lines];
  if (plan.tracking.written) parts.push(`tracking ${plan.tracking.written}`);
  if (plan.write.shipViaCode !== null) parts.push(`ship-via ${plan.write.shipViaCode}`);
  if (plan.write.shipDate !== null) parts.push(`ship date ${plan.write.shipDate}`);
  return parts.join('; ') || 'nothing to write';
}
