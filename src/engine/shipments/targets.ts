import type { Link } from '../../domain/link.js';
import type { ShippedItem } from '../../domain/shipped-item.js';
import { itemsToLines, splitMergedItems } from '../../mapping/shipstation-to-sage.js';
import type { WriteTarget } from './event-data.js';
import type { ObservedShipment } from './ports.js';
import type { ShipmentsRun } from './shipments-run.js';
import { orderIdForms } from './source-id.js';

/** ShipStation's own suffix for split orders (`100038-1`, `-2`); ours are `-BO2`, never digits alone. */
const SPLIT_NUMBER = /-\d+$/;

export function looksSplit(orderNumber: string | null): boolean {
  return orderNumber !== null && SPLIT_NUMBER.test(orderNumber);
}

export type Targets = { targets: WriteTarget[] } | { ignore: string };

/**
 * Which Sage order(s) a shipment writes to (domain.md, shipments step 4): the link of its ShipStation order
 * by key (or id); for an order split in ShipStation, the link of the order it was split from; for a merged
 * order, each merged order's link with its own lines. No link: not ours (another sales channel).
 */
export async function resolveTargets(run: ShipmentsRun, o: ObservedShipment): Promise<Targets> {
  const items = o.items ?? [];
  const link = await linkOf(run, o.orderKey, o.ssOrderId);
  if (link) {
    const direct = itemsToLines(items, link.lines);
    if (direct.unmatched.length === 0 && fits(direct.lines, link)) return { targets: [target(link, items, true)] };
    // More than this link sent: a merge brought other orders' lines in (V1 lists them in mergedIds).
    const info = await run.source.order(o.ssOrderId);
    if (info && info.mergedIds.length > 0) return merged(run, link, items, info.mergedIds);
    return { targets: [target(link, items, true)] };
  }
  if (looksSplit(o.orderNumber)) {
    const info = await run.source.order(o.ssOrderId);
    const parent = info?.parentId ? await linkOf(run, null, info.parentId) : undefined;
    if (parent) return { targets: [target(parent, items, false)] };
  }
  return {
    ignore: `not an order the connector sent (ShipStation order ${o.orderNumber ?? o.ssOrderId}${o.orderKey ? `, key ${o.orderKey}` : ''}): left alone`,
  };
}

export async function linkOf(run: ShipmentsRun, orderKey: string | null, ssOrderId: string): Promise<Link | undefined> {
  const id = run.connection.id;
  if (orderKey) {
    const byKey = await run.store.links.get(id, orderKey);
    if (byKey) return byKey;
  }
  for (const form of orderIdForms(ssOrderId)) {
    const byId = await run.store.links.bySsOrderId(id, form);
    if (byId) return byId;
  }
  return undefined;
}

async function merged(run: ShipmentsRun, primary: Link, items: ShippedItem[], mergedIds: string[]): Promise<Targets> {
  const away: { id: string; link: Link; items: ShippedItem[] }[] = [];
  for (const id of mergedIds) {
    const other = await run.source.order(id);
    const link = other ? await linkOf(run, other.orderKey, id) : undefined;
    if (other && link) away.push({ id, link, items: other.items });
  }
  const split = splitMergedItems(items, away);
  return {
    targets: [
      target(primary, split.primary, true),
      ...away.map((a) => target(a.link, split.parts.get(a.id) ?? [], true)),
    ],
  };
}

function fits(lines: ReadonlyMap<number, number>, link: Link): boolean {
  return [...lines].every(([n, q]) => q <= (link.lines.find((l) => l.lineNumber === n)?.quantity ?? 0));
}

function target(link: Link, items: readonly ShippedItem[], shipsOrder: boolean): WriteTarget {
  const { lines, unmatched } = itemsToLines(items, link.lines);
  return {
    orderKey: link.orderKey,
    uniquifier: link.sageUniquifier,
    orderNumber: link.sageOrderNumber,
    lines: [...lines],
    unmatched,
    shipsOrder,
  };
}
