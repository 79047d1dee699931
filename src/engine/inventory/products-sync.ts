import { toConnectorError } from '../../domain/errors.js';
import type { SageItem } from '../../domain/sage.js';
import { toWeight } from '../../mapping/weight.js';
import type { FlowContext, FlowOutcome, PlannedWrite } from '../ports.js';
import type { CatalogProduct, ProductCatalog, StockSource } from './ports.js';

const OUNCES_PER = { pounds: 16, ounces: 1, grams: 1 / 28.349523125 } as const;

/** What a ShipStation product should say, from its Sage item (null weight: leave ShipStation's). */
export function productFromItem(item: SageItem): { name: string; weightOz: number | null } {
  const weight = toWeight(item.unitWeight, item.weightUnit);
  return {
    name: item.description.trim(),
    weightOz:
      weight === null || weight === 'unknown' ? null : Math.round(weight.value * OUNCES_PER[weight.units] * 100) / 100,
  };
}

/** The change a product needs, or null when it already says what Sage says. */
export function productChange(
  product: CatalogProduct,
  wanted: { name: string; weightOz: number | null },
): { name: string; weightOz: number | null } | null {
  const name = wanted.name || product.name;
  const weightOz = wanted.weightOz ?? product.weightOz;
  const sameWeight =
    weightOz === product.weightOz ||
    (weightOz !== null && product.weightOz !== null && Math.abs(weightOz - product.weightOz) < 0.005);
  return name === product.name && sameWeight ? null : { name, weightOz };
}

/**
 * Item data, Sage 300 → ShipStation products where V1 allows (domain.md: Sage owns items): name and weight.
 * V1 has no product create (ShipStation makes products from the first order that uses a SKU) and only a
 * full-replace PUT, so each product whose name or weight differs from its Sage item is read again and
 * sent back whole with those two fields changed; products already in step cost nothing but the list.
 * A Sage weight of zero or in a unit ShipStation cannot take leaves ShipStation's weight alone.
 */
export async function syncProducts(
  ctx: FlowContext,
  ports: { stock: StockSource; catalog: ProductCatalog },
): Promise<FlowOutcome> {
  const items = new Map<string, SageItem>();
  for await (const page of ports.stock.items(ctx.signal)) {
    for (const item of page)
      items.set(ctx.settings.skuField === 'unformatted' ? item.unformatted : item.formatted, item);
  }
  const counts: Record<string, number> = { products: 0, no_sage_item: 0, unchanged: 0, updated: 0, failed: 0 };
  const planned: PlannedWrite[] = [];
  for await (const page of ports.catalog.products(ctx.signal)) {
    for (const product of page) {
      ctx.signal.throwIfAborted();
      counts['products']!++;
      const item = items.get(product.sku);
      if (!item) {
        counts['no_sage_item']!++;
        continue;
      }
      const change = productChange(product, productFromItem(item));
      if (!change) {
        counts['unchanged']!++;
        continue;
      }
      if (ctx.dryRun) {
        planned.push({
          system: 'shipstation',
          action: 'product update',
          key: product.sku,
          summary: `${product.sku}: name "${product.name}" → "${change.name}", weight ${product.weightOz ?? '-'} oz → ${change.weightOz ?? '-'} oz`,
          body: change,
        });
        continue;
      }
      try {
        await ports.catalog.update(product, change, ctx.signal);
        counts['updated']!++;
        await ctx.store.audit.append({
          connectionId: ctx.connection.id,
          recordKind: 'product',
          recordKey: product.sku,
          display: product.sku,
          event: 'product_updated',
          message: `ShipStation product ${product.sku} now says "${change.name}", ${change.weightOz ?? 'no'} oz (from Sage item ${item.formatted}).`,
          data: { before: { name: product.name, weightOz: product.weightOz }, after: change },
        });
      } catch (thrown) {
        if (ctx.signal.aborted) throw thrown;
        const error = toConnectorError(thrown, 'shipstation-v1');
        counts['failed']!++;
        ctx.logger.warn({ sku: product.sku, err: error }, 'product not updated');
      }
    }
  }
  return { counts, planned };
}
