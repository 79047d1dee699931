import { type Clock, systemClock } from '../../domain/clock.js';
import { ConnectorError } from '../../domain/errors.js';
import type { InventorySink, ShippingLevel } from '../../engine/inventory/ports.js';
import { jitteredBackoff } from './backoff.js';
import type { RequestPriority } from './rate-budget.js';
import type { V2Client } from './v2-client.js';

/** Levels per request when reading a location (the simulator and client allow 500). */
const LEVELS_PAGE = 500;
const ADJUST_ATTEMPTS = 4;

/**
 * ShipStation V2 inventory for the inventory flow, through the connection's V2 client and so through the
 * account's one budget.
 *
 * Priority: inventory writes go as `poll`, not `write`. A first push is ~30,000 requests over 150 minutes;
 * at `write` it would hold the budget's write queue the whole time, and a queued write blocks every poll
 * (rate-budget.ts), so shipment polls and webhook fetches would stop. As `poll` it takes turns with them
 * and still yields to order pushes and write-backs, which matter within minutes.
 *
 * Retries: the client does not retry `POST /v2/inventory` after a lost answer (an `increment` twice is
 * twice the stock); an `adjust` sets a quantity, so sending it again is safe, and this sink does.
 */
export class V2InventorySink implements InventorySink {
  private readonly clock: Clock;
  private readonly priority: RequestPriority;
  private readonly random: () => number;

  constructor(
    private readonly v2: V2Client,
    options: { clock?: Clock; priority?: RequestPriority; random?: () => number } = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.priority = options.priority ?? 'poll';
    this.random = options.random ?? Math.random;
  }

  async locations(signal?: AbortSignal): Promise<Set<string> | null> {
    try {
      const ids = new Set<string>();
      for await (const l of this.v2.listInventoryLocations({}, {}, opts(signal))) ids.add(l.inventory_location_id);
      return ids;
    } catch (error) {
      // Without the add-on the inventory endpoints refuse (403; the status is UNKNOWN in the sheet, so any
      // permanent refusal counts). Retryable failures say nothing about the add-on: let them fail the run.
      if (error instanceof ConnectorError && !error.retryable && error.code !== 'unauthorized') return null;
      throw error;
    }
  }

  async *levels(inventoryLocationId: string, signal?: AbortSignal): AsyncIterable<ShippingLevel[]> {
    const list = this.v2.getInventory(
      { inventory_location_id: inventoryLocationId, group_by: 'location' },
      { pageSize: LEVELS_PAGE },
      opts(signal),
    );
    for await (const page of list.pages()) {
      yield page.items
        .filter((l) => !l.inventory_location_id || l.inventory_location_id === inventoryLocationId)
        .map((l) => ({ sku: l.sku, onHand: l.on_hand }));
    }
  }

  async setOnHand(
    level: { sku: string; inventoryLocationId: string; quantity: number },
    signal?: AbortSignal,
  ): Promise<void> {
    const body = {
      transaction_type: 'adjust' as const,
      sku: level.sku,
      quantity: level.quantity,
      inventory_location_id: level.inventoryLocationId,
    };
    for (let attempt = 1; ; attempt++) {
      try {
        await this.v2.postInventory(body, { priority: this.priority, ...opts(signal) });
        return;
      } catch (error) {
        if (!(error instanceof ConnectorError) || !error.retryable || attempt >= ADJUST_ATTEMPTS || signal?.aborted)
          throw error;
        const wait = error.retryAfterMs ?? jitteredBackoff(attempt, { baseMs: 500, capMs: 10_000 }, this.random);
        await this.clock.sleep(wait, signal);
      }
    }
  }
}

function opts(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}
