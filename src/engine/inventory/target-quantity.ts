import type { SageStockLevel } from '../../domain/sage.js';

export type QuantityMode = 'on_hand' | 'available';

/**
 * The quantity ShipStation's `on_hand` gets for one Sage stock record (domain.md, inventory):
 * `QuantityOnHand` by default — ShipStation subtracts its own allocations to open orders, which mirror
 * Sage's — or Sage's available quantity (`on hand − committed`) for accounts where ShipStation does not
 * see every order. ShipStation takes whole, non-negative quantities (`quantity` is an integer ≥ 0), while
 * Sage keeps decimals and allows negative stock: a fraction is rounded down (never promise stock that is
 * not there) and a negative quantity is sent as 0. `adjusted` says the value had to change.
 */
export function targetQuantity(level: SageStockLevel, mode: QuantityMode): { quantity: number; adjusted: boolean } {
  const raw = mode === 'available' ? level.available : level.onHand;
  if (!Number.isFinite(raw)) return { quantity: 0, adjusted: true };
  // 1e-9 absorbs binary noise such as 2.9999999999 coming from decimal arithmetic upstream.
  const quantity = Math.max(0, Math.floor(raw + 1e-9));
  return { quantity, adjusted: quantity !== raw };
}
