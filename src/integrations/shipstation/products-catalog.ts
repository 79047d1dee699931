import type { CatalogProduct, ProductCatalog } from '../../engine/inventory/ports.js';
import type { V1Client } from './v1-client.js';

/** Products per list request (V1's maximum page size). */
const PAGE = 500;

/**
 * ShipStation products through V1 (V2 has no product writes): listed active ones, and updated with a
 * full-replace PUT of the product as just read ("does not currently support partial updates", V1 sheet
 * §10), so every field staff set in ShipStation (aliases, customs, tags, default services) is kept.
 */
export class V1ProductCatalog implements ProductCatalog {
  constructor(private readonly v1: V1Client) {}

  async *products(signal?: AbortSignal): AsyncIterable<CatalogProduct[]> {
    const list = this.v1.listProducts({ sortBy: 'SKU', sortDir: 'ASC' }, { pageSize: PAGE }, signal ? { signal } : {});
    for await (const page of list.pages()) {
      yield page.items
        .filter((p) => !!p.sku)
        .map((p) => ({
          id: String(p.productId),
          sku: p.sku ?? '',
          name: p.name ?? '',
          weightOz: typeof p.weightOz === 'number' ? p.weightOz : null,
          active: p.active !== false,
        }));
    }
  }

  async update(
    product: CatalogProduct,
    change: { name: string; weightOz: number | null },
    signal?: AbortSignal,
  ): Promise<void> {
    const options = signal ? { signal } : {};
    const current = await this.v1.getProduct(Number(product.id), options);
    await this.v1.updateProduct({ ...current, name: change.name, weightOz: change.weightOz }, options);
  }
}
