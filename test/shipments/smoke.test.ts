import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runShipments } from '../../src/runtime/shipments-runner.js';
import { startWorld, type World } from '../helpers/world.js';
import { addItems, enterOrder, sageOrder, sendOrders, ssOrder } from './helpers.js';

describe('smoke', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ api: 'v1' });
    addItems(w);
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('writes a V1 label back', async () => {
    const o = enterOrder(w, [
      ['SH-A', 3],
      ['SH-B', 2],
    ]);
    await sendOrders(w);
    const ss = ssOrder(w, o.orderKey);
    const rt = await w.connector.runtime(w.connection);
    const label = await rt.v1!.createLabelForOrder({
      orderId: ss.orderId,
      carrierCode: 'ups',
      serviceCode: 'ups_ground',
      shipDate: '2026-11-26',
    });
    const r = await runShipments(w.connector, w.connection);
    console.log(JSON.stringify(r));
    const sage = sageOrder(w, o.uniquifier);
    console.log(
      JSON.stringify(sage.OrderDetails.map((l) => [l.LineNumber, l.QuantityShippedtodate, l.QuantityOrdered])),
      sage.ShipmentTrackingNumber,
      label.trackingNumber,
    );
    const audit = await w.app.store.audit.forRecord(w.connection.id, 'order', o.uniquifier);
    console.log(audit.map((a) => `${a.event}: ${a.message}`).join('\n'));
    expect(sage.ShipmentTrackingNumber).toBe(label.trackingNumber);
  });
});
