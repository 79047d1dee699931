import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_MAPPING } from '../../src/domain/field-mapping.js';
import type { Link, LinkStatus, SentSnapshot } from '../../src/domain/link.js';
import type { Mapping } from '../../src/domain/mappings.js';
import type { SageOrder } from '../../src/domain/sage.js';
import { type OrderPlan, type PlanInputs, planOrder } from '../../src/engine/orders/plan.js';
import type { Sage300Customer, Sage300Item, Sage300Order } from '../../src/integrations/sage300/schemas.js';
import { toSageCustomer, toSageItem, toSageOrder } from '../../src/integrations/sage300/to-domain.js';
import { resolveCustoms } from '../../src/runtime/flow-settings.js';

/**
 * The orders flow's decision per Sage order (domain.md, "Decide" and "Edits after sending"), one row per
 * branch. The order is Sage's own sample (test/fixtures): 8 of an item on line 32 at location 1, ship-via
 * FDX2DY, plus a miscellaneous line.
 */
const fixture = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../fixtures/oeorders-ordersonly.json'), 'utf8'),
) as { order: Sage300Order; customer: Sage300Customer; item: Sage300Item };
const base = toSageOrder(fixture.order);
const item = toSageItem(fixture.item);

const mapping = (kind: Mapping['kind'], sageValue: string, over: Partial<Mapping>): Mapping => ({
  connectionId: 1,
  kind,
  sageValue,
  target: null,
  status: 'mapped',
  source: 'user',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const shipVia = mapping('ship_via', 'FDX2DY', {
  target: { carrierCode: 'fedex', serviceCode: 'fedex_2day', name: 'FedEx 2Day' },
});

function inputs(over: Partial<PlanInputs> = {}): PlanInputs {
  return {
    company: 'SAMINC',
    api: 'v1',
    settings: {
      timezone: 'America/Los_Angeles',
      lookbackDays: 30,
      startDate: null,
      skuField: 'formatted',
      accountCurrency: 'USD',
      freightCodes: ['FRT'],
      filters: {},
      inventoryQuantity: 'on_hand',
      customs: resolveCustoms({}),
      fields: DEFAULT_FIELD_MAPPING,
    },
    links: [],
    customer: toSageCustomer(fixture.customer),
    items: new Map([[item.unformatted, item]]),
    shipViaMapping: shipVia,
    locationMappings: new Map([
      ['1', mapping('location', '1', { target: { warehouseId: '700001', name: 'Seattle Warehouse' } })],
    ]),
    writeBackPending: false,
    lastConflictHash: null,
    ...over,
  };
}

const link = (status: LinkStatus, seq = 1, over: { sentHash?: string | null; sent?: SentSnapshot } = {}): Link => ({
  connectionId: 1,
  orderKey: `SAMINC-${base.number}-${seq}`,
  sageUniquifier: base.uniquifier,
  sageOrderNumber: base.number,
  seq,
  ssOrderId: `90${seq}`,
  api: 'v1',
  status,
  lines: [{ lineNumber: 32, sku: item.formatted ?? '', quantity: 8 }],
  sentHash: over.sentHash ?? null,
  sent: over.sent ?? {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const withFirstLine = (patch: Partial<SageOrder['lines'][number]>): SageOrder => ({
  ...base,
  lines: base.lines.map((l, i) => (i === 0 ? { ...l, ...patch } : l)),
});
const nothingOutstanding = withFirstLine({ quantityOrdered: 0 });

/** The hash of what would be sent for the base order as seq 1 (what an unchanged, sent order has). */
const firstCreate = planOrder(base, inputs());
const sentHash = firstCreate.kind === 'create' ? firstCreate.hash : '';
/** The non-quantity hash an edit after shipment is recognised by (what the conflict row records). */
const editedAfterShipment = planOrder(
  nothingOutstanding,
  inputs({ links: [link('shipped', 1, { sent: { nonQuantityHash: 'as-sent-before-the-edit' } })] }),
);
const lateEditHash = editedAfterShipment.kind === 'conflict' ? editedAfterShipment.hash : '';

/** name, order, what is known about it, the plan expected. */
const rows: [string, SageOrder, Partial<PlanInputs>, Record<string, unknown>][] = [
  ['a new order is created as seq 1', base, {}, { kind: 'create', seq: 1, followUp: false }],
  [
    'a Quote is not sent',
    { ...base, type: 'Quote' },
    {},
    { kind: 'skip', reason: expect.stringContaining('order type Quote') },
  ],
  [
    'a Quote already in ShipStation is skipped and its order cancelled',
    { ...base, type: 'Quote' },
    { links: [link('open')] },
    { kind: 'skip', cancelLink: { status: 'open', seq: 1 } },
  ],
  [
    'a ship-via mapped to "not through ShipStation" is skipped',
    base,
    { shipViaMapping: { ...shipVia, status: 'skip', target: null } },
    { kind: 'skip', reason: expect.stringContaining('does not ship through ShipStation') },
  ],
  [
    'a customer outside the filter is skipped',
    base,
    { settings: { ...inputs().settings, filters: { customers: ['SOMEONE-ELSE'] } } },
    { kind: 'skip', reason: expect.stringContaining("connection's customer filter") },
  ],
  [
    'an unmapped ship-via holds the order',
    base,
    { shipViaMapping: undefined },
    { kind: 'hold', problems: [expect.objectContaining({ message: expect.stringContaining('FDX2DY') })] },
  ],
  [
    'a fractional stocking quantity holds the order',
    withFirstLine({ quantityOrdered: 3, unitConversion: 0.5 }),
    {},
    { kind: 'hold' },
  ],
  ['on hold in Sage, V2, not sent yet: waits', { ...base, onHold: true }, { api: 'v2' }, { kind: 'sage_hold' }],
  [
    'on hold in Sage, V1: sent on hold',
    { ...base, onHold: true },
    {},
    { kind: 'create', outbound: expect.objectContaining({ status: 'on_hold' }) },
  ],
  ['sent and unchanged: nothing to do', base, { links: [link('open', 1, { sentHash })] }, { kind: 'noop' }],
  [
    'sent and edited in Sage: updated',
    base,
    { links: [link('open', 1, { sentHash: 'before-the-edit' })] },
    { kind: 'update', link: { seq: 1 } },
  ],
  [
    'a push whose answer was lost is sent again, even unchanged',
    base,
    { links: [link('creating', 1, { sentHash })] },
    { kind: 'update', link: { status: 'creating' } },
  ],
  [
    'every line zeroed while open in ShipStation: cancelled',
    nothingOutstanding,
    { links: [link('open')] },
    { kind: 'cancel', reason: expect.stringContaining('set to zero') },
  ],
  [
    'merged in ShipStation: waits for the order it was merged into',
    base,
    { links: [link('merged')] },
    { kind: 'defer', reason: expect.stringContaining('merged in ShipStation') },
  ],
  [
    'shipped, write-back still pending: waits',
    base,
    { links: [link('shipped')], writeBackPending: true },
    { kind: 'defer', reason: expect.stringContaining('still being written back') },
  ],
  [
    'shipped with quantity still outstanding: a follow-up as seq 2',
    base,
    { links: [link('shipped')] },
    { kind: 'create', seq: 2, followUp: true, previous: [expect.objectContaining({ seq: 1 })] },
  ],
  [
    'shipped, nothing outstanding, edited since: a conflict',
    nothingOutstanding,
    { links: [link('shipped', 1, { sent: { nonQuantityHash: 'as-sent-before-the-edit' } })] },
    { kind: 'conflict', hash: lateEditHash, reason: expect.stringContaining('edited in Sage 300 after') },
  ],
  [
    'the same late edit, recorded already: nothing again',
    nothingOutstanding,
    {
      links: [link('shipped', 1, { sent: { nonQuantityHash: 'as-sent-before-the-edit' } })],
      lastConflictHash: lateEditHash,
    },
    { kind: 'noop' },
  ],
  [
    'shipped, nothing outstanding, no hash from the send: nothing to do',
    nothingOutstanding,
    { links: [link('shipped')] },
    { kind: 'noop' },
  ],
  [
    'cancelled in ShipStation by staff while open in Sage: a person decides',
    base,
    { links: [link('cancelled')] },
    { kind: 'conflict', reason: expect.stringContaining('was cancelled in ShipStation') },
  ],
  [
    'cancelled in ShipStation by staff, and a person asked to retry: a new order as seq 2 (not a follow-up)',
    base,
    { links: [link('cancelled')], force: true },
    { kind: 'create', seq: 2, followUp: false },
  ],
  [
    'cancelled by the connector (zeroed), then quantity again: a new order as seq 2',
    base,
    { links: [link('cancelled', 1, { sent: { status: 'cancelled' } })] },
    { kind: 'create', seq: 2, followUp: false },
  ],
  [
    'nothing to ship yet: skipped',
    nothingOutstanding,
    {},
    { kind: 'skip', reason: expect.stringContaining('nothing to ship yet') },
  ],
];

describe('planOrder: the one next step for a Sage order', () => {
  it('the table starts from a sendable order', () => {
    expect(firstCreate).toMatchObject({ kind: 'create', seq: 1, followUp: false });
    expect(sentHash).toMatch(/^[0-9a-f]{24}$/);
    expect(lateEditHash).toMatch(/^[0-9a-f]{24}$/);
  });

  it.each(rows)('%s', (_name, order, over, expected) => {
    const plan: OrderPlan = planOrder(order, inputs(over));
    expect(plan).toMatchObject(expected);
  });
});
