import { contentHash } from '../../domain/content-hash.js';
import { DEFAULT_FIELD_MAPPING, type ResolvedFieldMapping } from '../../domain/field-mapping.js';
import type { Link } from '../../domain/link.js';
import type { Mapping, ServiceTarget, WarehouseTarget } from '../../domain/mappings.js';
import type { OutboundOrder } from '../../domain/outbound-order.js';
import type { Problem } from '../../domain/result.js';
import type { SageCustomer, SageItem, SageOrder } from '../../domain/sage.js';
import { isDefaultFieldMapping } from '../../mapping/field-mapping.js';
import { mapOrder, shippableQuantities } from '../../mapping/sage-to-shipstation.js';
import type { FlowSettings } from '../ports.js';

/** What the orders flow decides to do with one Sage order in this pass. */
export type OrderPlan =
  | {
      kind: 'create';
      order: SageOrder;
      seq: number;
      outbound: OutboundOrder;
      hash: string;
      /** nonQuantityHash under the default field mapping (so a mapping change is never an edit after shipment). */
      identity?: string;
      followUp: boolean;
      /** For a follow-up: the shipped orders before it (their split-off parts may still hold the goods). */
      previous?: readonly Link[];
    }
  | {
      kind: 'update';
      order: SageOrder;
      link: Link;
      outbound: OutboundOrder;
      hash: string;
      /** nonQuantityHash under the default field mapping (so a mapping change is never an edit after shipment). */
      identity?: string;
    }
  | { kind: 'cancel'; order: SageOrder | null; link: Link; reason: string }
  | { kind: 'hold'; order: SageOrder; problems: Problem[] }
  | { kind: 'skip'; order: SageOrder; reason: string; cancelLink?: Link }
  | { kind: 'sage_hold'; order: SageOrder }
  | { kind: 'conflict'; order: SageOrder; link: Link; reason: string; hash: string }
  | { kind: 'defer'; order: SageOrder; reason: string }
  | { kind: 'noop'; order: SageOrder };

export type CreatePlan = Extract<OrderPlan, { kind: 'create' }>;
export type UpdatePlan = Extract<OrderPlan, { kind: 'update' }>;
export type CancelPlan = Extract<OrderPlan, { kind: 'cancel' }>;
/** The plans that send nothing to ShipStation now: only the order's record (and trail) changes. */
export type LocalPlan = Exclude<OrderPlan, CreatePlan | UpdatePlan | CancelPlan>;

export interface PlanInputs {
  company: string;
  api: 'v1' | 'v2';
  settings: FlowSettings;
  links: readonly Link[];
  customer: SageCustomer | undefined;
  items: ReadonlyMap<string, SageItem>;
  shipViaMapping: Mapping | undefined;
  locationMappings: ReadonlyMap<string, Mapping>;
  /** Origin country by ShipStation warehouse id, as the reference flow last read it (customs). */
  warehouseCountries?: ReadonlyMap<string, string>;
  /** A shipment of this order seen in ShipStation is not yet written back to Sage. */
  writeBackPending: boolean;
  /** The content hash of the last "edited after shipment" conflict recorded for this order. */
  lastConflictHash: string | null;
  /** A person asked for this order to be sent (retry): an order cancelled in ShipStation may be sent again. */
  force?: boolean;
}

const ACTIVE: ReadonlySet<Link['status']> = new Set(['creating', 'open', 'on_hold']);

/** Fields that identify "the same order" apart from quantities: used to tell an edit after shipment. */
export function nonQuantityHash(o: OutboundOrder): string {
  // The customs declaration repeats the quantities (and its codes cannot matter once shipped).
  const { items, weight, amountPaid, taxAmount, orderKey, orderNumber, status, customs: _c, ...rest } = o;
  return contentHash({ ...rest, skus: items.map((i) => i.sku).sort() });
}

/**
 * Decides, for one Sage order and what is known about it, the single next step (domain.md, "Decide" and
 * "Edits after sending"). Pure: every input is loaded by the caller, so a table covers it (test/orders/plan.test.ts).
 */
export function planOrder(order: SageOrder, inputs: PlanInputs): OrderPlan {
  const { links } = inputs;
  const active = [...links].reverse().find((l) => ACTIVE.has(l.status)) ?? null;

  const skipReason = whySkipped(order, inputs);
  if (skipReason) {
    return active
      ? { kind: 'skip', order, reason: skipReason, cancelLink: active }
      : { kind: 'skip', order, reason: skipReason };
  }

  const shippable = shippableQuantities(order);
  if (!shippable.ok) return { kind: 'hold', order, problems: shippable.problems };
  const want: Wanted = {
    quantities: shippable.value,
    total: [...shippable.value.values()].reduce((a, b) => a + b, 0),
    nextSeq: links.reduce((m, l) => Math.max(m, l.seq), 0) + 1,
  };

  // V2 has no hold status: a held order not yet sent waits; one already sent is tagged by the update.
  if (order.onHold && inputs.api === 'v2' && !active) return { kind: 'sage_hold', order };
  if (active) return planActive(order, active, want, inputs);

  const merged = links.filter((l) => l.status === 'merged');
  if (merged.length > 0) {
    return {
      kind: 'defer',
      order,
      reason: `merged in ShipStation into another order (${merged.map((l) => l.orderKey).join(', ')}): it is written back when that order ships`,
    };
  }
  const shipped = links.filter((l) => l.status === 'shipped');
  if (shipped.length > 0) return planAfterShipment(order, shipped, want, inputs);
  return planFirst(order, want, inputs);
}

/** What Sage has to ship now, and the seq a new ShipStation order of it would get. */
interface Wanted {
  quantities: ReadonlyMap<number, number>;
  total: number;
  nextSeq: number;
}

/** A ShipStation order is open for it: update it with Sage's changes, or cancel it when nothing is left. */
function planActive(order: SageOrder, active: Link, want: Wanted, inputs: PlanInputs): OrderPlan {
  if (want.total === 0) {
    return {
      kind: 'cancel',
      order,
      link: active,
      reason: 'every line of the Sage order has been set to zero (nothing left to ship)',
    };
  }
  const mapped = map(order, active.seq, want.quantities, inputs);
  if (!mapped.ok) return { kind: 'hold', order, problems: mapped.problems };
  const hash = contentHash(mapped.value);
  if (active.status !== 'creating' && hash === active.sentHash) return { kind: 'noop', order };
  return {
    kind: 'update',
    order,
    link: active,
    outbound: mapped.value,
    hash,
    ...identity(order, active.seq, want, inputs),
  };
}

/** ShipStation shipped it: a follow-up for what Sage still has outstanding, or a conflict for a late edit. */
function planAfterShipment(order: SageOrder, shipped: Link[], want: Wanted, inputs: PlanInputs): OrderPlan {
  if (inputs.writeBackPending) {
    return {
      kind: 'defer',
      order,
      reason: 'a ShipStation shipment of this order is still being written back to Sage 300',
    };
  }
  if (want.total > 0) return planCreate(order, want, inputs, shipped);
  // Nothing left to ship: an edit of anything else after shipping cannot reach ShipStation.
  const last = shipped[shipped.length - 1]!;
  // Compared under the default field mapping: changing the mapping is not an edit of the Sage order.
  const mapped = map(order, last.seq, shippableAsSent(order, last), inputs, DEFAULT_FIELD_MAPPING);
  if (mapped.ok) {
    const now = nonQuantityHash(mapped.value);
    const sentNonQty = last.sent.nonQuantityHash;
    if (sentNonQty && now !== sentNonQty && now !== inputs.lastConflictHash) {
      return {
        kind: 'conflict',
        order,
        link: last,
        hash: now,
        reason: `order ${order.number} was edited in Sage 300 after ShipStation shipped it (${last.orderKey}); the change cannot be applied to a shipped order`,
      };
    }
  }
  return { kind: 'noop', order };
}

/** No ShipStation order yet (or only cancelled ones). */
function planFirst(order: SageOrder, want: Wanted, inputs: PlanInputs): OrderPlan {
  const cancelledThere = inputs.links.filter((l) => l.status === 'cancelled' && l.sent.status !== 'cancelled');
  if (cancelledThere.length > 0 && want.total > 0 && !inputs.force) {
    const last = cancelledThere[cancelledThere.length - 1]!;
    return {
      kind: 'conflict',
      order,
      link: last,
      hash: contentHash(['cancelled_there', last.orderKey]),
      reason: `ShipStation order ${last.orderKey} was cancelled in ShipStation while order ${order.number} is still open in Sage 300: cancel it in Sage too, or use "retry" to send it to ShipStation again`,
    };
  }
  if (want.total === 0) {
    return {
      kind: 'skip',
      order,
      reason: 'nothing to ship yet: every line is backordered or has no quantity outstanding',
    };
  }
  return planCreate(order, want, inputs, null);
}

/** A new ShipStation order of what Sage has to ship, held instead when it cannot be mapped. */
function planCreate(order: SageOrder, want: Wanted, inputs: PlanInputs, previous: readonly Link[] | null): OrderPlan {
  const mapped = map(order, want.nextSeq, want.quantities, inputs);
  if (!mapped.ok) return { kind: 'hold', order, problems: mapped.problems };
  const plan = {
    kind: 'create',
    order,
    seq: want.nextSeq,
    outbound: mapped.value,
    hash: contentHash(mapped.value),
    ...identity(order, want.nextSeq, want, inputs),
  } as const;
  // A follow-up names the shipped orders before it (their split-off parts may still hold the goods).
  return previous ? { ...plan, followUp: true, previous } : { ...plan, followUp: false };
}

function whySkipped(order: SageOrder, inputs: PlanInputs): string | null {
  if (order.type !== 'Active') {
    return `order type ${order.type} is not sent: only Active orders ship (Quote, Future and Standing orders wait in Sage 300)`;
  }
  const f = inputs.settings.filters;
  const itemLocations = [...new Set(order.lines.filter((l) => l.type === 'Item').map((l) => l.location))];
  if (f.locations && f.locations.length > 0 && !itemLocations.some((l) => f.locations!.includes(l))) {
    return `location ${itemLocations.join(', ') || '(none)'} is excluded by the connection's location filter`;
  }
  if (f.shipVias && f.shipVias.length > 0 && !f.shipVias.includes(order.shipViaCode)) {
    return `ship-via ${order.shipViaCode || '(blank)'} is excluded by the connection's ship-via filter`;
  }
  if (f.customers && f.customers.length > 0 && !f.customers.includes(order.customerNumber)) {
    return `customer ${order.customerNumber} is excluded by the connection's customer filter`;
  }
  if (f.excludeCustomers?.includes(order.customerNumber)) {
    return `customer ${order.customerNumber} is excluded by the connection's customer filter`;
  }
  if (inputs.shipViaMapping?.status === 'skip') {
    return `ship-via ${order.shipViaCode}${order.shipViaDescription ? ` (${order.shipViaDescription})` : ''} does not ship through ShipStation (mapped to "not through ShipStation")`;
  }
  return null;
}

function shippableAsSent(order: SageOrder, link: Link): Map<number, number> {
  const m = new Map<number, number>();
  for (const l of link.lines)
    if (order.lines.some((x) => x.lineNumber === l.lineNumber)) m.set(l.lineNumber, l.quantity);
  return m;
}

/**
 * What the link keeps to recognise an edit after shipment, under the default field mapping (the same order
 * mapped with a person's choices would differ from it only by the mapping). Absent under the defaults: the
 * outbound order's own nonQuantityHash is it.
 */
function identity(order: SageOrder, seq: number, want: Wanted, inputs: PlanInputs): { identity?: string } {
  if (isDefaultFieldMapping(inputs.settings.fields)) return {};
  const base = map(order, seq, want.quantities, inputs, DEFAULT_FIELD_MAPPING);
  return base.ok ? { identity: nonQuantityHash(base.value) } : {};
}

function map(
  order: SageOrder,
  seq: number,
  quantities: ReadonlyMap<number, number>,
  inputs: PlanInputs,
  fields: ResolvedFieldMapping = inputs.settings.fields,
) {
  const sv = inputs.shipViaMapping;
  return mapOrder(order, seq, quantities, {
    company: inputs.company,
    customer: inputs.customer,
    items: inputs.items,
    shipVia: sv?.status === 'mapped' && sv.target ? (sv.target as ServiceTarget) : undefined,
    warehouseFor: (location) => {
      const m = inputs.locationMappings.get(location);
      return m?.status === 'mapped' && m.target ? (m.target as WarehouseTarget) : undefined;
    },
    skuField: inputs.settings.skuField,
    accountCurrency: inputs.settings.accountCurrency,
    freightCodes: inputs.settings.freightCodes,
    onHold: order.onHold,
    customs: inputs.settings.customs,
    warehouseCountry: (id) => inputs.warehouseCountries?.get(id),
    fields,
  });
}
