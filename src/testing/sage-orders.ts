import type { Sage300Simulator } from '../simulators/sage300/server.js';

/** Ship-via codes of the demo that map to a ShipStation service (no will-call, no freight). */
export const SHIPPABLE_VIAS = ['UPSGND', 'UPS2DA', 'FDXGND', 'FDX2DY', 'USPSPM', 'USPSGA'];

/** Demo items sold in stocking units with a weight ShipStation understands. */
export function plainItems(sage: Sage300Simulator): string[] {
  return [...sage.state.items.values()]
    .filter((i) => i['StockItem'] === true && String(i['WeightUnitOfMeasure']) === 'lbs.')
    .map((i) => String(i['ItemNumber']));
}

/** Enough stock of `items` everywhere that no test order is backordered. */
export function stockUp(sage: Sage300Simulator, items: readonly string[], quantity = 1_000_000): void {
  for (const item of items)
    for (const location of ['1', '2', '3']) sage.admin.adjustStock({ item, location, quantity, kind: 'receipt' });
}

/**
 * Enters `count` ordinary orders as a Sage desktop user would: demo customers, 1–3 lines of plain items at
 * one location, a ship-via that maps to a ShipStation service. Deterministic. Returns the order numbers.
 */
export function enterOrders(sage: Sage300Simulator, count: number, options: { start?: number } = {}): string[] {
  const customers = [...sage.state.customers.keys()];
  const items = plainItems(sage).slice(0, 40);
  stockUp(sage, items);
  const numbers: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = (options.start ?? 0) + i;
    const lines = Array.from({ length: 1 + (n % 3) }, (_, j) => ({
      item: items[(n * 7 + j * 13) % items.length]!,
      quantity: 1 + ((n + j) % 4),
    }));
    const order = sage.admin.createOrder({
      customerNumber: customers[n % customers.length]!,
      shipViaCode: SHIPPABLE_VIAS[n % SHIPPABLE_VIAS.length]!,
      location: String(1 + (n % 3)),
      purchaseOrderNumber: `PO-${10000 + n}`,
      lines,
    });
    numbers.push(String(order['OrderNumber']));
  }
  return numbers;
}
