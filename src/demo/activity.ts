import type { Sage300Simulator } from '../simulators/sage300/server.js';
import type { ShipStationSimulator } from '../simulators/shipstation/shipstation-simulator.js';

/**
 * The demo's pretend staff: a Sage 300 order clerk entering orders, and warehouse staff in ShipStation
 * buying labels for most orders (and marking a few shipped by hand). Randomness is seeded so two demo
 * runs look alike; the pace is a few orders a minute, enough to watch without flooding the screen.
 */
export class DemoActivity {
  private timer: NodeJS.Timeout | null = null;
  private seed = 42;
  private readonly firstSeen = new Map<number, number>();
  entered = 0;
  labelled = 0;
  markedShipped = 0;

  constructor(
    private readonly sage: Sage300Simulator,
    private readonly ss: ShipStationSimulator,
    private readonly everyMs = 8000,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      try {
        this.tick();
      } catch {
        // A demo hiccup (an item out of stock, an order already shipped) must not stop the demo.
      }
    }, this.everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private random(): number {
    // mulberry32
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)] as T;
  }

  tick(): void {
    const customers = [...this.sage.state.customers.keys()];
    const items = [...this.sage.state.items.values()].filter((i) =>
      /lbs/i.test(String(i['WeightUnitOfMeasure'] ?? '')),
    );
    const shipVias = ['UPSGND', 'UPSGND', 'FDXGND', 'FDX2DY', 'USPSPM', 'USPSGA', 'UPS2DA', 'WILLCL'];
    const count = 1 + Math.floor(this.random() * 2);
    for (let i = 0; i < count && customers.length > 0 && items.length > 0; i++) {
      const lines = Array.from({ length: 1 + Math.floor(this.random() * 3) }, () => ({
        item: String(this.pick(items)['ItemNumber']),
        quantity: 1 + Math.floor(this.random() * 4),
      }));
      this.sage.admin.createOrder({
        customerNumber: this.pick(customers),
        shipViaCode: this.pick(shipVias),
        location: this.pick(['1', '2', '3']),
        purchaseOrderNumber: `PO-${Math.floor(this.random() * 90000 + 10000)}`,
        lines,
      });
      this.entered++;
    }
    // Warehouse staff: label orders that have waited a little; a few are marked shipped by hand instead.
    const now = Date.now();
    for (const o of this.ss.admin.listOrders()) {
      if (o['orderStatus'] !== 'awaiting_shipment') continue;
      const id = Number(o['orderId']);
      const seen = this.firstSeen.get(id) ?? now;
      this.firstSeen.set(id, seen);
      if (now - seen < 15_000 || this.random() < 0.5) continue;
      if (this.random() < 0.1) {
        this.ss.admin.markShipped(id, {
          carrierCode: String(o['carrierCode'] ?? 'ups'),
          trackingNumber: `MAN${Math.floor(this.random() * 1e9)}`,
        });
        this.markedShipped++;
      } else {
        this.ss.admin.createLabel(id);
        this.labelled++;
      }
    }
  }
}
