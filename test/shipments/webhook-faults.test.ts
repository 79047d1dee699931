import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, sageOrder, ssOrder, type TestOrder } from './helpers.js';
import { buyLabel, type LabelWorld, startLabelWorld } from './label-world.js';

interface Label {
  shipmentId: number;
  orderId: number;
  trackingNumber: string;
  voided: boolean;
  shipmentItems: { lineItemKey: string; quantity: number }[];
}

/**
 * Webhooks dropped (20 %), duplicated (20 %), reordered and delayed, with polling behind them: the final
 * Sage state equals what perfect delivery gives — every ShipStation label's lines shipped exactly once, the
 * latest live label's tracking number on each order — compared line by line with ShipStation's shipments.
 */
describe.each([
  { api: 'v1' as const, label: 'V1 (SHIP_NOTIFY and label_created_v2)' },
  { api: 'v2' as const, label: 'V2 only' },
])('unreliable webhooks ($label)', ({ api }) => {
  let world: LabelWorld;
  beforeAll(async () => {
    const lines = (i: number): [string, number][] => [
      ['SH-A', 1 + (i % 4)],
      ['SH-B', 2],
    ];
    world = await startLabelWorld(api, { pollSeconds: 1, webhooks: true, orders: 16, lines });
    world.w.ss.admin.setFaults({
      seed: 7,
      webhooks: { dropRate: 0.2, duplicateRate: 0.2, reorderWindowMs: 400, extraDelayMs: 50 },
    });
  });
  afterAll(() => world?.stop());

  it('ends in the same Sage state as perfect delivery', async () => {
    const { w, orders } = world;
    const buy = (o: TestOrder) => buyLabel(w, api, o);
    for (const o of orders) await buy(o);
    // Two orders are voided and labelled again meanwhile (voids send no webhook at all).
    for (const o of orders.slice(0, 2)) {
      await eventually(
        () => sageOrder(w, o.uniquifier).NumberOfShipments,
        (n) => n >= 1,
        10_000,
      );
      const label = (w.ss.admin.listShipments() as unknown as Label[]).find(
        (l) => l.orderId === ssOrder(w, o.orderKey).orderId && !l.voided,
      )!;
      w.ss.admin.voidLabel(label.shipmentId);
      await buy(o);
    }
    await w.ss.admin.webhooksIdle();

    const expected = () => {
      const labels = w.ss.admin.listShipments() as unknown as Label[];
      return orders.map((o) => {
        const live = labels.filter((l) => l.orderId === ssOrder(w, o.orderKey).orderId && !l.voided);
        const perLine: Record<string, number> = {};
        for (const l of live)
          for (const i of l.shipmentItems) perLine[i.lineItemKey] = (perLine[i.lineItemKey] ?? 0) + i.quantity;
        return { tracking: live.at(-1)?.trackingNumber, perLine, shipments: 1 };
      });
    };
    const actual = () =>
      orders.map((o) => {
        const sage = sageOrder(w, o.uniquifier);
        return {
          tracking: sage.ShipmentTrackingNumber,
          perLine: Object.fromEntries(sage.OrderDetails.map((l) => [String(l.LineNumber), l.QuantityShippedtodate])),
          shipments: sage.NumberOfShipments,
        };
      });
    await eventually(actual, (a) => JSON.stringify(a) === JSON.stringify(expected()), 20_000, 100);
    // And it stays so: late duplicates and the next polls change nothing.
    await new Promise((r) => setTimeout(r, 1500));
    expect(actual()).toEqual(expected());

    const log = w.ss.admin.deliveries();
    const dropped = log.filter((d) => d.status === 'dropped').length;
    const duplicated = log.filter((d) => d.duplicateOf !== null).length;
    console.log(`[${api}] ${log.length} deliveries: ${dropped} dropped, ${duplicated} duplicates`);
    expect(dropped).toBeGreaterThan(0);
    expect(duplicated).toBeGreaterThan(0);
    const written = await w.app.store.shipmentEvents.byState(w.connection.id, ['written']);
    const voided = await w.app.store.shipmentEvents.byState(w.connection.id, ['void_flagged']);
    expect([written.length, voided.length]).toEqual([orders.length, 2]);
    const states = await w.app.store.records.getMany(
      w.connection.id,
      'order',
      orders.map((o) => o.uniquifier),
    );
    expect(new Set([...states.values()].map((r) => r.state))).toEqual(new Set(['written_back']));
  });
});
