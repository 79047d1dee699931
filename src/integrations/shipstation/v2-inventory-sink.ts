import { type Clock, systemClock } from '../../domain/clock.js';
import { ConnectorError } from '../../domain/errors.js';
import type { Logger } from '../../domain/logger.js';
import type { InventorySink, ShippingLevel } from '../../engine/inventory/ports.js';
import { jitteredBackoff } from './backoff.js';
import type { RequestPriority } from './rate-budget.js';
import type { V2Client } from './v2-client.js';
import { readGuarded } from './v2-inventory-reader.js';
import {
  type V2InventoryLevel,
  v2InventoryLocationSchema,
  v2InventorySchema,
  v2InventoryWarehouseSchema,
} from './v2-schemas.js';

/** Levels per request when reading a location (the simulator and client allow 500). */
const LEVELS_PAGE = 500;
const ADJUST_ATTEMPTS = 4;
/** Records per request on the location and warehouse lists. */
const LIST_PAGE = 100;
const locationItem = v2InventoryLocationSchema;
const houseItem = v2InventoryWarehouseSchema;

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
  private readonly logger: Logger | undefined;
  private warned = false;

  constructor(
    private readonly v2: V2Client,
    options: { clock?: Clock; priority?: RequestPriority; random?: () => number; logger?: Logger } = {},
  ) {
    this.logger = options.logger;
    this.clock = options.clock ?? systemClock;
    this.priority = options.priority ?? 'poll';
    this.random = options.random ?? Math.random;
  }

  async locations(signal?: AbortSignal): Promise<Set<string> | null> {
    try {
      const ids = new Set<string>();
      const read = (query: Record<string, string | undefined>) =>
        readGuarded(
          (q) =>
            this.v2.inventoryListPage('/inventory_locations', 'inventory_locations', locationItem, q, opts(signal)),
          query,
          (items) => {
            for (const l of items) ids.add(l.inventory_location_id);
          },
          { pageSize: LIST_PAGE, keyOf: (l) => l.inventory_location_id, onPageIgnored: this.warnOnce },
        );
      if (!(await read({})).complete) {
        // Narrower: the locations of each inventory warehouse, each a shorter list.
        const houses = new Set<string>();
        await readGuarded(
          (q) => this.v2.inventoryListPage('/inventory_warehouses', 'inventory_warehouses', houseItem, q, opts(signal)),
          {},
          (items) => {
            for (const w of items) houses.add(w.inventory_warehouse_id);
          },
          { pageSize: LIST_PAGE, keyOf: (w) => w.inventory_warehouse_id, onPageIgnored: this.warnOnce },
        );
        for (const house of houses) await read({ inventory_warehouse_id: house });
      }
      return ids;
    } catch (error) {
      // Without the add-on the inventory endpoints refuse (403; the status is UNKNOWN in the sheet, so any
      // permanent refusal counts). Retryable failures say nothing about the add-on: let them fail the run.
      if (error instanceof ConnectorError && !error.retryable && error.code !== 'unauthorized') return null;
      throw error;
    }
  }

  /**
   * Levels at one location, read so that a server ignoring `page` can neither loop nor hide SKUs: when the
   * location's list was cut short, the SKUs the caller asks about and has not seen are read one by one.
   */
  async *levels(
    inventoryLocationId: string,
    signal?: AbortSignal,
    skus?: readonly string[],
  ): AsyncIterable<ShippingLevel[]> {
    const pages: ShippingLevel[][] = [];
    const seen = new Set<string>();
    const keep = (items: V2InventoryLevel[]) => {
      const levels = items
        .filter((l) => !l.inventory_location_id || l.inventory_location_id === inventoryLocationId)
        .filter((l) => !seen.has(l.sku))
        .map((l) => ({ sku: l.sku, onHand: l.on_hand }));
      for (const l of levels) seen.add(l.sku);
      if (levels.length > 0) pages.push(levels);
    };
    const result = await readGuarded(
      (q) => this.v2.inventoryListPage('/inventory', 'inventory', v2InventorySchema, q, opts(signal)),
      { inventory_location_id: inventoryLocationId, group_by: 'location' },
      keep,
      {
        pageSize: LEVELS_PAGE,
        keyOf: (l) => `${l.sku}\u0000${l.inventory_location_id ?? ''}`,
        onPageIgnored: this.warnOnce,
      },
    );
    yield* pages.splice(0);
    if (result.complete || !skus) return;
    for (const sku of skus) {
      if (seen.has(sku)) continue;
      const one = await this.v2.inventoryListPage(
        '/inventory',
        'inventory',
        v2InventorySchema,
        { sku, inventory_location_id: inventoryLocationId, group_by: 'location', limit: '10' },
        opts(signal),
      );
      keep(one.items.filter((l) => l.sku === sku));
      yield* pages.splice(0);
    }
  }

  /** One warning per sink: the server ignores `page` on inventory lists, so reads go narrower. */
  private readonly warnOnce = (): void => {
    if (this.warned) return;
    this.warned = true;
    this.logger?.warn(
      { system: 'shipstation-v2', event: 'inventory_page_ignored' },
      'ShipStation ignored the page number on an inventory list: reading by warehouse and by SKU instead',
    );
  };

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
