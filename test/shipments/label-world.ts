import { startWorld, type World } from '../helpers/world.js';
import { addItems, enterOrder, sendOrders, ssOrder, type TestOrder } from './helpers.js';
import { type RunningService, startService } from './service.js';

export interface LabelWorld {
  w: World;
  s: RunningService;
  orders: TestOrder[];
  stop(): Promise<void>;
}

export interface LabelWorldOptions {
  pollSeconds: number;
  webhooks: boolean;
  /** How many orders, and the lines of the i-th. */
  orders: number;
  lines(i: number): [string, number][];
}

/**
 * Where the shipment timing and fault tests start: a world on V1 (V2 on the same account) or V2 only, our
 * items, the orders entered in Sage and sent to ShipStation, and the service running with that poll interval.
 */
export async function startLabelWorld(api: 'v1' | 'v2', options: LabelWorldOptions): Promise<LabelWorld> {
  const env = { PORT: '0', SHIPMENTS_POLL_SECONDS: String(options.pollSeconds) };
  const w = await startWorld(api === 'v1' ? { api: 'v1', env } : { v2Only: true, env });
  addItems(w);
  const orders = Array.from({ length: options.orders }, (_, i) => enterOrder(w, options.lines(i)));
  await sendOrders(w);
  const s = await startService(w, { webhooks: options.webhooks });
  return {
    w,
    s,
    orders,
    stop: async () => {
      await s.stop();
      await w.stop();
    },
  };
}

/** A label bought through the world's API for one of its orders; resolves when the API answered. */
export async function buyLabel(w: World, api: 'v1' | 'v2', o: TestOrder): Promise<void> {
  const rt = await w.connector.runtime(w.connection);
  const orderId = ssOrder(w, o.orderKey).orderId;
  if (api === 'v1') {
    await rt.v1!.createLabelForOrder({
      orderId,
      carrierCode: 'ups',
      serviceCode: 'ups_ground',
      shipDate: '2026-11-27',
    });
  } else {
    await rt.v2!.createLabelFromShipment(`se-${orderId}`);
  }
}
