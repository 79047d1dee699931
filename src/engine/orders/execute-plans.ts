import { contentHash } from '../../domain/content-hash.js';
import { ConnectorError, isConnectionFault } from '../../domain/errors.js';
import { type Link, type LinkStatus, shipStationOrderNumber } from '../../domain/link.js';
import type { OrderState } from '../../domain/records.js';
import type { SageOrder } from '../../domain/sage.js';
import type { ShippingOrderSnapshot } from '../ports.js';
import { count, inTransaction, type OrdersRun, retryDelayMs } from './order-context.js';
import { nonQuantityHash, type OrderPlan } from './plan.js';

type CreatePlan = Extract<OrderPlan, { kind: 'create' }>;
type UpdatePlan = Extract<OrderPlan, { kind: 'update' }>;
type CancelPlan = Extract<OrderPlan, { kind: 'cancel' }>;

/**
 * Carries out a batch of plans. Pushes go to ShipStation in bulk; every outcome is recorded (link, record
 * state, audit) before the caller moves the cursor past the batch. A dry run lists the writes instead.
 */
export async function executePlans(
  run: OrdersRun,
  plans: readonly OrderPlan[],
  records: Map<string, { state: string; reason: string | null; data: Record<string, unknown> }>,
): Promise<void> {
  if (run.dryRun) {
    describePlans(run, plans);
    return;
  }
  const creates: CreatePlan[] = [];
  const updates: UpdatePlan[] = [];
  const cancels: CancelPlan[] = [];
  await inTransaction(run, async (run) => {
    for (const plan of plans) {
      const prior = records.get(plan.order?.uniquifier ?? '');
      switch (plan.kind) {
        case 'create':
          creates.push(plan);
          break;
        case 'update':
          updates.push(plan);
          break;
        case 'cancel':
          cancels.push(plan);
          break;
        case 'hold': {
          const reason = plan.problems.map((p) => `${p.message} Fix: ${p.fix}`).join('\n');
          await setState(run, plan.order, 'held', reason, prior, {
            event: 'held',
            message: reason,
            data: { problems: plan.problems },
          });
          count(run, 'held');
          break;
        }
        case 'skip':
          if (plan.cancelLink)
            cancels.push({ kind: 'cancel', order: plan.order, link: plan.cancelLink, reason: plan.reason });
          else
            await setState(run, plan.order, 'skipped', plan.reason, prior, {
              event: 'skipped',
              message: `Not sent: ${plan.reason}.`,
            });
          count(run, 'skipped');
          break;
        case 'sage_hold': {
          const reason = 'on hold in Sage 300: not sent until it is released (ShipStation V2 has no hold status)';
          await setState(run, plan.order, 'on_hold', reason, prior, {
            event: 'held_in_sage',
            message: `Waiting: ${reason}.`,
          });
          count(run, 'on_hold');
          break;
        }
        case 'conflict':
          await setState(run, plan.order, 'conflict', plan.reason, prior, {
            event: 'conflict',
            message: `Needs attention: ${plan.reason}.`,
            data: { orderKey: plan.link.orderKey },
          });
          await run.store.records.upsert({
            connectionId: run.connection.id,
            kind: 'order',
            key: plan.order.uniquifier,
            display: plan.order.number,
            state: 'conflict',
            reason: plan.reason,
            data: { conflictHash: plan.hash },
          });
          count(run, 'conflicts');
          break;
        case 'defer':
        case 'noop':
          break;
      }
    }
  });
  if (creates.length > 0) await pushCreates(run, creates);
  if (updates.length > 0) await pushUpdates(run, updates);
  if (cancels.length > 0) await pushCancels(run, cancels);
}

async function pushCreates(run: OrdersRun, all: CreatePlan[]): Promise<void> {
  const id = run.connection.id;
  const plans = await withoutOpenSplits(run, all);
  if (plans.length === 0) return;
  // Recorded (and committed) before the push: after a crash the next run finds these and pushes them again
  // as upserts (V1) or duplicate-refused creates (V2): never a second order.
  await inTransaction(run, async (run) => {
    for (const p of plans) {
      await run.store.links.upsert({
        connectionId: id,
        orderKey: p.outbound.orderKey,
        sageUniquifier: p.order.uniquifier,
        sageOrderNumber: p.order.number,
        seq: p.seq,
        ssOrderId: null,
        api: run.shipping.api,
        status: 'creating',
        lines: linesOf(p.outbound),
        sentHash: null,
        sent: {},
      });
    }
    await run.store.audit.append(
      plans.map((p) => ({
        connectionId: id,
        recordKind: 'order',
        recordKey: p.order.uniquifier,
        display: p.order.number,
        event: 'pushed',
        message: `${p.followUp ? 'Follow-up order' : 'Order'} ${p.outbound.orderNumber} sent to ShipStation ${run.shipping.api.toUpperCase()} (key ${p.outbound.orderKey}, ${p.outbound.items.length} line${p.outbound.items.length === 1 ? '' : 's'}).`,
        data: { request: p.outbound },
        payloadHash: p.hash,
      })),
    );
  });
  const retriesBefore = run.shipping.retryCount();
  const results = await run.shipping.createOrders(plans.map((p) => p.outbound));
  const retried = run.shipping.retryCount() - retriesBefore;
  const byKey = new Map(results.map((r) => [r.orderKey, r]));
  const existing: CreatePlan[] = [];
  await inTransaction(run, async (run) => {
    for (const p of plans) {
      const r = byKey.get(p.outbound.orderKey);
      if (r?.ok) {
        await linkSent(run, p.order, p.outbound.orderKey, p.seq, r.ssOrderId, p, 'created', retried);
        count(run, p.followUp ? 'follow_ups' : 'created');
      } else if (r?.exists) {
        existing.push(p);
      } else {
        await failed(run, p.order, r?.error ?? missingResult(p.outbound.orderKey), 'create');
      }
    }
  });
  if (existing.length === 0) return;
  // The keys exist in ShipStation (answers lost in a crash, or a store restored from an old backup): re-link
  // them, all in one lookup (a scan of recent orders, then single lookups for what it did not find).
  const found = await run.shipping.findOrders(
    existing.map((p) => ({ orderKey: p.outbound.orderKey, orderNumber: p.outbound.orderNumber })),
    new Date(run.clock.now() - 3 * 86_400_000),
  );
  await inTransaction(run, async (run) => {
    for (const p of existing) {
      const r = byKey.get(p.outbound.orderKey);
      const snap = found.get(p.outbound.orderKey);
      if (snap) {
        await relink(run, p.order, snap, p.seq);
        count(run, 'relinked');
      } else if (r && !r.ok) {
        await failed(run, p.order, r.error, 'create');
      }
    }
  });
}

/**
 * A follow-up is for goods Sage still has outstanding; when staff split the shipped ShipStation order, the
 * split-off part may still hold those goods (it ships later, and is written back then). Such follow-ups wait.
 */
async function withoutOpenSplits(run: OrdersRun, plans: CreatePlan[]): Promise<CreatePlan[]> {
  const keep: CreatePlan[] = [];
  for (const p of plans) {
    let open = 0;
    for (const prev of p.followUp ? (p.previous ?? []) : []) {
      if (!prev.ssOrderId) continue;
      open += await run.shipping.openSplitsOf({
        ssOrderId: prev.ssOrderId,
        orderNumber: shipStationOrderNumber(prev.sageOrderNumber, prev.seq),
      });
    }
    if (open === 0) {
      keep.push(p);
      continue;
    }
    const reason = `part of ShipStation order ${p.previous?.at(-1)?.orderKey ?? ''} was split off and is not shipped yet: no follow-up until it ships`;
    const prior = await run.store.records.get(run.connection.id, 'order', p.order.uniquifier);
    if (prior?.reason !== reason) {
      await run.store.records.upsert({
        connectionId: run.connection.id,
        kind: 'order',
        key: p.order.uniquifier,
        display: p.order.number,
        state: prior?.state === 'partially_shipped' ? 'partially_shipped' : 'shipped',
        reason,
      });
      await run.store.audit.append({
        connectionId: run.connection.id,
        recordKind: 'order',
        recordKey: p.order.uniquifier,
        display: p.order.number,
        event: 'follow_up_waits',
        message: `Waiting: ${reason}.`,
      });
    }
    count(run, 'follow_ups_waiting');
  }
  return keep;
}

async function pushUpdates(run: OrdersRun, plans: UpdatePlan[]): Promise<void> {
  // A link still "creating" (the answer to its push was lost: a crash or a timeout) is pushed again as a
  // create: V1's createorders is an upsert by orderKey, and V2 refuses the duplicate key, which re-links it.
  // Either way no second order appears, and no per-key lookup is spent (V1 has no orderKey filter).
  const creating = plans.filter((p) => !p.link.ssOrderId);
  const linked = plans.filter((p) => p.link.ssOrderId);
  const foundById =
    linked.length > 0
      ? await run.shipping.getOrders(linked.map((p) => p.link.ssOrderId!))
      : new Map<string, ShippingOrderSnapshot>();
  const toCreate: CreatePlan[] = creating.map((p) => ({
    kind: 'create',
    order: p.order,
    seq: p.link.seq,
    outbound: p.outbound,
    hash: p.hash,
    followUp: p.link.seq > 1,
  }));
  const toUpdate: { plan: UpdatePlan; current: ShippingOrderSnapshot }[] = [];
  for (const p of linked) {
    const current = foundById.get(p.link.ssOrderId!);
    if (!current) {
      await setLinkStatus(run, p.link, 'cancelled');
      await setState(
        run,
        p.order,
        'conflict',
        `ShipStation order ${p.link.orderKey} no longer exists (deleted in ShipStation?)`,
        undefined,
        {
          event: 'conflict',
          message: `The ShipStation order ${p.link.orderKey} was not found, so the edit could not be applied. If it was deleted on purpose, nothing needs doing; to send the order again use "retry".`,
        },
      );
      count(run, 'conflicts');
      continue;
    }
    if (current.status === 'shipped' || current.status === 'cancelled') {
      await lockedInShipStation(run, p.order, p.link, current.status, current.ssOrderId, current.mergedInto);
      continue;
    }
    toUpdate.push({ plan: p, current });
  }
  if (toCreate.length > 0) await pushCreates(run, toCreate);
  if (toUpdate.length === 0) return;
  await run.store.audit.append(
    toUpdate.map(({ plan }) => ({
      connectionId: run.connection.id,
      recordKind: 'order',
      recordKey: plan.order.uniquifier,
      display: plan.order.number,
      event: 'update_sent',
      message: `Edit of ${plan.outbound.orderNumber} sent to ShipStation (only the fields Sage 300 owns; carrier, weight, package and tags set in ShipStation are kept).`,
      data: { request: plan.outbound },
      payloadHash: plan.hash,
    })),
  );
  const retriesBefore = run.shipping.retryCount();
  const results = await run.shipping.updateOrders(
    toUpdate.map(({ plan, current }) => ({ order: plan.outbound, current, lastSent: plan.link.sent })),
  );
  const retried = run.shipping.retryCount() - retriesBefore;
  const resultByKey = new Map(results.map((r) => [r.orderKey, r]));
  await inTransaction(run, async (run) => {
    for (const { plan, current } of toUpdate) {
      const r = resultByKey.get(plan.outbound.orderKey);
      if (r?.ok) {
        await linkSent(run, plan.order, plan.link.orderKey, plan.link.seq, r.ssOrderId, plan, 'updated', retried);
        count(run, 'updated');
      } else if (r && !r.ok && r.locked) {
        await lockedInShipStation(run, plan.order, plan.link, r.locked, current.ssOrderId, current.mergedInto);
      } else {
        await failed(run, plan.order, r?.ok === false ? r.error : missingResult(plan.outbound.orderKey), 'update');
      }
    }
  });
}

async function pushCancels(run: OrdersRun, plans: CancelPlan[]): Promise<void> {
  const ids = plans.map((p) => p.link.ssOrderId).filter((x): x is string => !!x);
  const current = ids.length > 0 ? await run.shipping.getOrders(ids) : new Map<string, ShippingOrderSnapshot>();
  const toCancel: { plan: CancelPlan; snap: ShippingOrderSnapshot }[] = [];
  for (const p of plans) {
    const snap = p.link.ssOrderId ? current.get(p.link.ssOrderId) : undefined;
    if (!snap || snap.status === 'cancelled') {
      await cancelledByUs(run, p.link);
      await cancelledState(run, p, p.order ? `cancelled: ${p.reason}` : 'cancelled: deleted in Sage 300');
      continue;
    }
    if (snap.status === 'shipped') {
      if (p.order) await lockedInShipStation(run, p.order, p.link, 'shipped', snap.ssOrderId);
      continue;
    }
    toCancel.push({ plan: p, snap });
  }
  if (toCancel.length === 0) return;
  const results = await run.shipping.cancelOrders(toCancel.map((c) => c.snap));
  const byKey = new Map(results.map((r) => [r.orderKey, r]));
  for (const { plan, snap } of toCancel) {
    const r = byKey.get(snap.orderKey);
    if (r?.ok) {
      await cancelledByUs(run, plan.link);
      await cancelledState(run, plan, `cancelled in ShipStation because ${plan.reason}`);
      count(run, 'cancelled');
    } else if (r && !r.ok && r.locked) {
      if (plan.order) await lockedInShipStation(run, plan.order, plan.link, r.locked, snap.ssOrderId, snap.mergedInto);
    } else if (plan.order) {
      await failed(run, plan.order, r?.ok === false ? r.error : missingResult(snap.orderKey), 'cancel');
    }
  }
}

/**
 * The connector cancelled it (Sage deleted or zeroed the order): if Sage ships quantity on it again later,
 * a new ShipStation order is right. A cancel made in ShipStation by staff is different (see plan.ts).
 */
async function cancelledByUs(run: OrdersRun, link: Link): Promise<void> {
  await run.store.links.upsert({ ...link, status: 'cancelled', sent: { ...link.sent, status: 'cancelled' } });
}

async function cancelledState(run: OrdersRun, plan: CancelPlan, reason: string): Promise<void> {
  const key = plan.order?.uniquifier ?? plan.link.sageUniquifier;
  const display = plan.order?.number ?? plan.link.sageOrderNumber;
  await run.store.records.upsert({
    connectionId: run.connection.id,
    kind: 'order',
    key,
    display,
    state: 'cancelled',
    reason,
  });
  await run.store.audit.append({
    connectionId: run.connection.id,
    recordKind: 'order',
    recordKey: key,
    display,
    event: 'cancelled',
    message: `ShipStation order ${plan.link.orderKey} ${reason}.`,
  });
}

/** ShipStation shipped or cancelled the order before our change arrived: record it, never force it. */
async function lockedInShipStation(
  run: OrdersRun,
  order: SageOrder,
  link: Link,
  status: 'shipped' | 'cancelled',
  ssOrderId: string,
  mergedInto: string | null = null,
): Promise<void> {
  if (status === 'cancelled' && mergedInto) {
    // Staff merged it into another ShipStation order: that order carries these lines and, when it ships,
    // the shipments flow writes them back to this Sage order. Nothing is re-sent meanwhile.
    await run.store.links.setStatus(run.connection.id, link.orderKey, 'merged', ssOrderId);
    await run.store.audit.append({
      connectionId: run.connection.id,
      recordKind: 'order',
      recordKey: order.uniquifier,
      display: order.number,
      event: 'merged',
      message: `ShipStation order ${link.orderKey} was merged in ShipStation into order ${mergedInto}; the Sage 300 change was not applied, and the shipment is written back when that order ships.`,
    });
    count(run, 'found_merged');
    return;
  }
  await run.store.links.setStatus(run.connection.id, link.orderKey, status, ssOrderId);
  const message =
    status === 'shipped'
      ? `ShipStation order ${link.orderKey} is already shipped, so the Sage 300 change was not applied to it; the shipments flow writes the shipment back and any quantity still to ship goes out as a follow-up order.`
      : `ShipStation order ${link.orderKey} was cancelled in ShipStation; the Sage 300 change was not applied, and it is not sent again unless a person asks (retry).`;
  await run.store.audit.append({
    connectionId: run.connection.id,
    recordKind: 'order',
    recordKey: order.uniquifier,
    display: order.number,
    event: `found_${status}`,
    message,
  });
  if (status === 'cancelled') {
    // Cancelled by someone in ShipStation while Sage still has it open: a person decides (cancel it in
    // Sage, or "retry" to send it again); it is never re-sent behind their back.
    await run.store.records.upsert({
      connectionId: run.connection.id,
      kind: 'order',
      key: order.uniquifier,
      display: order.number,
      state: 'conflict',
      reason: `ShipStation order ${link.orderKey} was cancelled in ShipStation while order ${order.number} is still open in Sage 300: cancel it in Sage too, or use "retry" to send it to ShipStation again`,
    });
  }
  count(run, `found_${status}`);
}

async function linkSent(
  run: OrdersRun,
  order: SageOrder,
  orderKey: string,
  seq: number,
  ssOrderId: string,
  plan: CreatePlan | UpdatePlan,
  verb: 'created' | 'updated',
  retried: number,
): Promise<void> {
  const onHold = plan.outbound.status === 'on_hold';
  await run.store.links.upsert({
    connectionId: run.connection.id,
    orderKey,
    sageUniquifier: order.uniquifier,
    sageOrderNumber: order.number,
    seq,
    ssOrderId,
    api: run.shipping.api,
    status: onHold ? 'on_hold' : 'open',
    lines: linesOf(plan.outbound),
    sentHash: plan.hash,
    sent: {
      carrierCode: plan.outbound.carrierCode,
      serviceCode: plan.outbound.serviceCode,
      warehouseId: plan.outbound.warehouseId,
      status: plan.outbound.status,
      nonQuantityHash: nonQuantityHash(plan.outbound),
    },
  });
  await run.store.records.upsert({
    connectionId: run.connection.id,
    kind: 'order',
    key: order.uniquifier,
    display: order.number,
    customer: plan.outbound.shipTo.company ?? plan.outbound.shipTo.name,
    state: onHold ? 'on_hold' : 'sent',
    ssNumber: plan.outbound.orderNumber,
    data: { orderDate: order.orderDate, lastPushHash: plan.hash },
  });
  await run.store.audit.append({
    connectionId: run.connection.id,
    recordKind: 'order',
    recordKey: order.uniquifier,
    display: order.number,
    event: verb === 'created' ? 'acknowledged' : 'updated',
    message:
      (verb === 'created'
        ? `ShipStation accepted ${plan.outbound.orderNumber} as order ${ssOrderId}${onHold ? ' (on hold, as in Sage 300)' : ''}.`
        : `ShipStation order ${ssOrderId} updated${onHold ? ' and on hold, as in Sage 300' : ''}.`) +
      (retried > 0
        ? ` The request went through after ${retried} retr${retried === 1 ? 'y' : 'ies'} (ShipStation was busy or failing, and the connector waited and tried again).`
        : ''),
    data: { ssOrderId, orderKey, ...(retried > 0 ? { retriedRequests: retried } : {}) },
  });
}

async function relink(run: OrdersRun, order: SageOrder, snap: ShippingOrderSnapshot, seq: number): Promise<void> {
  await run.store.links.upsert({
    connectionId: run.connection.id,
    orderKey: snap.orderKey,
    sageUniquifier: order.uniquifier,
    sageOrderNumber: order.number,
    seq,
    ssOrderId: snap.ssOrderId,
    api: run.shipping.api,
    status: snapStatus(snap),
    lines: snap.items
      .map((i) => ({ lineNumber: Number(i.lineKey), sku: i.sku ?? '', quantity: i.quantity }))
      .filter((l) => Number.isFinite(l.lineNumber)),
    sentHash: null,
    sent: { carrierCode: snap.carrierCode, serviceCode: snap.serviceCode, warehouseId: snap.warehouseId },
  });
  await run.store.audit.append({
    connectionId: run.connection.id,
    recordKind: 'order',
    recordKey: order.uniquifier,
    display: order.number,
    event: 'relinked',
    message: `Found ShipStation order ${snap.ssOrderId} with key ${snap.orderKey} already there: linked to it instead of creating another.`,
  });
}

export function snapStatus(snap: ShippingOrderSnapshot): LinkStatus {
  return snap.status === 'open' ? 'open' : snap.status;
}

async function failed(run: OrdersRun, order: SageOrder, error: ConnectorError, action: string): Promise<void> {
  // A redirect or a refused credential is the connection's fault: fail the pass, park nothing.
  if (isConnectionFault(error)) throw error;
  const prior = await run.store.records.get(run.connection.id, 'order', order.uniquifier);
  const attempts = (prior?.attempts ?? 0) + 1;
  const next = error.retryable ? new Date(run.clock.now() + retryDelayMs(attempts)).toISOString() : null;
  const reason = error.retryable
    ? `ShipStation did not take the ${action} (${error.message}); retrying automatically (attempt ${attempts}).`
    : `ShipStation refused the ${action}: ${error.message}. Fix the order in Sage 300 and it is sent again, or use "retry".`;
  await run.store.records.upsert({
    connectionId: run.connection.id,
    kind: 'order',
    key: order.uniquifier,
    display: order.number,
    state: 'failed',
    reason,
    attempt: true,
    nextAttemptAt: next,
    data: { failedHash: contentHash(order), retryable: error.retryable },
  });
  await run.store.audit.append({
    connectionId: run.connection.id,
    recordKind: 'order',
    recordKey: order.uniquifier,
    display: order.number,
    event: error.retryable ? 'retry' : 'failed',
    message: reason,
    data: { error: error.toJSON() },
  });
  count(run, error.retryable ? 'retries' : 'failed');
}

async function setLinkStatus(run: OrdersRun, link: Link, status: LinkStatus): Promise<void> {
  await run.store.links.setStatus(run.connection.id, link.orderKey, status);
}

/** Sets a record's state; the audit event is written only when the state or reason changed (no noise per pass). */
async function setState(
  run: OrdersRun,
  order: SageOrder,
  state: OrderState,
  reason: string,
  prior: { state: string; reason: string | null } | undefined,
  audit: { event: string; message: string; data?: unknown },
): Promise<void> {
  const before = prior ?? (await run.store.records.get(run.connection.id, 'order', order.uniquifier));
  const changed = before?.state !== state || before?.reason !== reason;
  await run.store.records.upsert({
    connectionId: run.connection.id,
    kind: 'order',
    key: order.uniquifier,
    display: order.number,
    customer: order.shipTo.name || order.customerNumber,
    state,
    reason,
    nextAttemptAt: state === 'held' ? new Date(run.clock.now() + 5 * 60_000).toISOString() : null,
    data: { orderDate: order.orderDate },
  });
  if (changed) {
    await run.store.audit.append({
      connectionId: run.connection.id,
      recordKind: 'order',
      recordKey: order.uniquifier,
      display: order.number,
      event: audit.event,
      message: audit.message,
      data: audit.data,
    });
  }
}

function linesOf(o: { items: { lineKey: string; sku: string; quantity: number }[] }) {
  return o.items.map((i) => ({ lineNumber: Number(i.lineKey), sku: i.sku, quantity: i.quantity }));
}

function missingResult(orderKey: string): ConnectorError {
  return new ConnectorError('no_result', `ShipStation's answer did not mention ${orderKey}`, { retryable: true });
}

function describePlans(run: OrdersRun, plans: readonly OrderPlan[]): void {
  for (const p of plans) {
    switch (p.kind) {
      case 'create':
        run.planned.push({
          system: 'shipstation',
          action: p.followUp ? 'create follow-up order' : 'create order',
          key: p.outbound.orderKey,
          summary:
            `${p.outbound.orderNumber}: ${p.outbound.items.map((i) => `${i.quantity} × ${i.sku}`).join(', ')} to ${p.outbound.shipTo.city}, ${p.outbound.shipTo.state} via ${p.outbound.carrierCode ?? '?'} ${p.outbound.serviceCode ?? ''}`.trim(),
          body: p.outbound,
        });
        count(run, 'would_create');
        break;
      case 'update':
        run.planned.push({
          system: 'shipstation',
          action: 'update order',
          key: p.link.orderKey,
          summary: `${p.outbound.orderNumber}: Sage 300 edits`,
          body: p.outbound,
        });
        count(run, 'would_update');
        break;
      case 'cancel':
        run.planned.push({ system: 'shipstation', action: 'cancel order', key: p.link.orderKey, summary: p.reason });
        count(run, 'would_cancel');
        break;
      case 'skip':
        if (p.cancelLink)
          run.planned.push({
            system: 'shipstation',
            action: 'cancel order',
            key: p.cancelLink.orderKey,
            summary: p.reason,
          });
        count(run, 'skipped');
        break;
      case 'hold':
        count(run, 'held');
        break;
      default:
        break;
    }
  }
}
