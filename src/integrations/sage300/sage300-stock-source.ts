import type { SageItem, SageStockLevel } from '../../domain/sage.js';
import type { StockSource } from '../../engine/inventory/ports.js';
import type { Sage300Client } from './client.js';
import { quote } from './odata-url.js';
import { itemSchema, locationDetailSchema } from './schemas.js';
import { toSageItem } from './to-domain.js';

/** What the flows read of a stock record; `QuantityAvailableToShip` is missing on some installs (sheet §4.8). */
const STOCK_SELECT = ['ItemNumber', 'Location', 'QuantityOnHand', 'QuantityCommitted', 'QuantityAvailableToShip'];
const ITEM_SELECT = [
  'UnformattedItemNumber',
  'ItemNumber',
  'Description',
  'UnitWeight',
  'WeightUnitOfMeasure',
  'StockingUnitOfMeasure',
  'StockItem',
  'Status',
  'Inactive',
];

/**
 * Sage 300 stock (`IC/ICLocationDetails`, one location at a time with `Location eq '…'`) and item master
 * (`IC/ICItems`), read with `$select` trimmed to what this install's `$metadata` lists — an unknown name in
 * `$select` is a 400 — and paged through nextLink.
 */
export class Sage300StockSource implements StockSource {
  private selects: Promise<Map<string, readonly string[]>> | undefined;

  constructor(private readonly client: Sage300Client) {}

  async *stockLevels(location: string): AsyncIterable<SageStockLevel[]> {
    const select = await this.select('ICLocationDetails', STOCK_SELECT);
    for await (const page of this.client.list('IC', 'ICLocationDetails', {
      filter: `Location eq ${quote(location)}`,
      select,
      schema: locationDetailSchema,
    })) {
      yield page.map((r) => {
        const onHand = r.QuantityOnHand ?? 0;
        const committed = r.QuantityCommitted ?? 0;
        return {
          item: r.ItemNumber.trim(),
          location: r.Location.trim(),
          onHand,
          committed,
          // The sheet INFERS QuantityAvailableToShip = on hand − committed; computed so where it is absent.
          available: r.QuantityAvailableToShip ?? onHand - committed,
        };
      });
    }
  }

  async *items(): AsyncIterable<SageItem[]> {
    const select = await this.select('ICItems', ITEM_SELECT);
    for await (const page of this.client.list('IC', 'ICItems', { select, schema: itemSchema })) {
      yield page.map(toSageItem);
    }
  }

  /** `wanted` minus what `$metadata` does not list for the set (all of `wanted` when it cannot be read). */
  private async select(set: string, wanted: readonly string[]): Promise<readonly string[]> {
    this.selects ??= this.client.metadata('IC').then(
      (model) => {
        const out = new Map<string, readonly string[]>();
        for (const [name, props] of model.entitySets) out.set(name, [...props]);
        return out;
      },
      () => new Map(),
    );
    const props = (await this.selects).get(set);
    if (!props || props.length === 0) return wanted.filter((p) => p !== 'Status' && p !== 'Inactive');
    const known = new Set(props);
    return wanted.filter((p) => known.has(p));
  }
}
