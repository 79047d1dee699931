import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOrders } from '../../src/runtime/flows/orders-flow.js';
import { runReference } from '../../src/runtime/flows/reference-flow.js';
import { DEMO_V1_KEY, DEMO_V1_SECRET, DEMO_V2_KEY } from '../../src/simulators/demo-world.js';
import { enterOrders } from '../helpers/sage-orders.js';
import { startWorld, type World } from '../helpers/world.js';

async function v2Shipment(w: World, key: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${w.ss.v2Url}/shipments/external_shipment_id/${encodeURIComponent(key)}`, {
    headers: { 'API-Key': DEMO_V2_KEY },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

// The V2 rows run twice: with both keys configured and with the V2 key alone (a plan without V1, issue 14).
describe.each([
  ['v1', false],
  ['v2', false],
  ['v2', true],
] as const)('Sage edits reach ShipStation %s, V2 key alone: %s', (api, v2Only) => {
  let w: World;
  const key = (n: string) => `SAMINC-${n}-1`;
  const ssOrder = (n: string) => w.ss.admin.getOrderByKey(key(n));
  const edits = async () => {
    const r = await runOrders(w.connector, w.connection, 'edits');
    expect(r.status, JSON.stringify(r)).toBe('ran');
    return r;
  };

  beforeAll(async () => {
    w = await startWorld({ api, v2Only });
    await runReference(w.connector, w.connection);
    await runOrders(w.connector, w.connection, 'new');
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('an address change updates the order and keeps the carrier, weight and tags set in ShipStation', async () => {
    const [n] = enterOrders(w.sage, 1, { start: 500 });
    await runOrders(w.connector, w.connection, 'new');
    const sent = ssOrder(n!);
    const tags = (await (
      await fetch(`${w.ss.origin}/accounts/listtags`, {
        headers: { authorization: `Basic ${Buffer.from(`${DEMO_V1_KEY}:${DEMO_V1_SECRET}`).toString('base64')}` },
      })
    ).json()) as { tagId: number }[];
    const tagId = tags[0]!.tagId;
    const staff = {
      carrierCode: 'usps',
      serviceCode: 'usps_priority_mail_express',
      weight: { value: 99, units: 'ounces' as const },
      tagIds: [tagId],
    };
    w.ss.admin.editOrder(Number(sent['orderId']), staff);
    w.sage.admin.editOrder(n!, { header: { ShipToAddressLine1: '500 New Street', ShipToCity: 'Tacoma' } });
    const r = await edits();
    expect(r.status === 'ran' && r.outcome.counts['updated']).toBe(1);
    const after = ssOrder(n!);
    expect(after['shipTo']).toMatchObject({ street1: '500 New Street', city: 'Tacoma' });
    expect(after['carrierCode']).toBe('usps');
    expect(after['serviceCode']).toBe('usps_priority_mail_express');
    expect(after['weight']).toMatchObject({ value: 99, units: 'ounces' });
    expect(after['tagIds']).toEqual([tagId]);
    const events = await w.app.store.audit.forDisplay(n!);
    expect(events.map((e) => e.event)).toEqual(
      expect.arrayContaining(['detected', 'pushed', 'acknowledged', 'update_sent', 'updated']),
    );
    // Nothing changed since: the next edits pass sends nothing.
    const quiet = await edits();
    expect(quiet.status === 'ran' && (quiet.outcome.counts['updated'] ?? 0)).toBe(0);
  });

  it('hold in Sage → on hold in ShipStation; release → awaiting shipment', async () => {
    const [n] = enterOrders(w.sage, 1, { start: 510 });
    await runOrders(w.connector, w.connection, 'new');
    w.sage.admin.hold(n!);
    await edits();
    if (api === 'v1') expect(ssOrder(n!)['orderStatus']).toBe('on_hold');
    else
      expect((await v2Shipment(w, key(n!)))['tags']).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'Sage 300 hold' })]),
      );
    expect((await w.app.store.records.byDisplay(n!))[0]?.state).toBe('on_hold');
    w.sage.admin.release(n!);
    await edits();
    expect(ssOrder(n!)['orderStatus']).toBe('awaiting_shipment');
    if (api === 'v2') expect((await v2Shipment(w, key(n!)))['tags']).toEqual([]);
    expect((await w.app.store.records.byDisplay(n!))[0]?.state).toBe('sent');
  });

  it('an order entered on hold waits (V2: not sent; V1: sent on hold)', async () => {
    const [n] = enterOrders(w.sage, 1, { start: 520 });
    w.sage.admin.hold(n!);
    await runOrders(w.connector, w.connection, 'new');
    if (api === 'v1') expect(ssOrder(n!)['orderStatus']).toBe('on_hold');
    else expect(() => ssOrder(n!)).toThrow(/No order/);
    w.sage.admin.release(n!);
    await edits();
    expect(ssOrder(n!)['orderStatus']).toBe('awaiting_shipment');
  });

  it('every line zeroed in Sage (lost sale) → cancelled in ShipStation', async () => {
    const [n] = enterOrders(w.sage, 1, { start: 530 });
    await runOrders(w.connector, w.connection, 'new');
    const order = w.sage.admin.getOrder(n!) as { OrderDetails: { LineNumber: number }[] };
    w.sage.admin.editOrder(n!, { lostSale: order.OrderDetails.map((l) => l.LineNumber) });
    await edits();
    expect(ssOrder(n!)['orderStatus']).toBe('cancelled');
    expect((await w.app.store.records.byDisplay(n!))[0]).toMatchObject({ state: 'cancelled' });
  });

  it('an order deleted in Sage → cancelled in ShipStation', async () => {
    const [n] = enterOrders(w.sage, 1, { start: 540 });
    await runOrders(w.connector, w.connection, 'new');
    w.sage.admin.deleteOrder(n!);
    await edits();
    expect(ssOrder(n!)['orderStatus']).toBe('cancelled');
    const events = await w.app.store.audit.forDisplay(n!);
    expect(events.at(-1)?.message).toMatch(/deleted in Sage 300/);
  });
});
