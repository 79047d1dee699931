import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOrders } from '../../src/runtime/flows/orders-flow.js';
import { runReference, runReferenceExtras, runReferencePart } from '../../src/runtime/flows/reference-flow.js';
import { startWorld, type World } from '../helpers/world.js';

const posts = (w: World) => w.sage.stats.snapshot().byRoute['POST OE/OEShipViaCodes'] ?? 0;
const productPuts = (w: World) =>
  Object.values(w.ss.stats.snapshot().byRoute['v1 PUT /products/:id'] ?? {}).reduce((a, b) => a + b, 0);

// Services come from V1 with both keys and from V2 with the V2 key alone (a plan without V1, issue 14).
describe.each([{ apis: 'v1+v2' as const }, { apis: 'v2' as const }])(
  'reference extras ($apis): create missing ship-vias (on), products in step with Sage items',
  ({ apis }) => {
    let w: World;
    beforeAll(async () => {
      const env = { CREATE_MISSING_SHIP_VIAS: 'true' };
      w = await startWorld(
        apis === 'v2' ? { rateWindowMs: 300, v2Only: true, env } : { rateWindowMs: 300, api: 'v1', env },
      );
      expect((await runReference(w.connector, w.connection)).status).toBe('ran');
    });
    afterAll(async () => {
      await w?.stop();
    });

    it('gives each ShipStation service without a Sage ship-via one (6 characters, a name that says the service); twice creates nothing new', async () => {
      const first = await runReferenceExtras(w.connector, w.connection, { products: false });
      expect(first.status, JSON.stringify(first)).toBe('ran');
      expect(first.status === 'ran' && first.outcome.counts).toMatchObject({
        ship_vias_created: 4,
        ship_vias_linked: 0,
      });
      expect(posts(w)).toBe(4);
      const rt = await w.connector.runtime(w.connection);
      const codes = new Map((await rt.sage.shipVias()).map((v) => [v.code, v.name]));
      expect(
        Object.fromEntries([...codes].filter(([c]) => ['UPSSI', 'FDXIE', 'USPPME', 'USPPMI'].includes(c))),
      ).toEqual({
        UPSSI: 'UPS Standard via ShipStation',
        FDXIE: 'FedEx International Economy via ShipStation',
        USPPME: 'USPS Priority Mail Express via ShipStation',
        USPPMI: 'USPS Priority Mail International via ShipStation',
      });
      for (const code of codes.keys()) expect(code.length).toBeLessThanOrEqual(6);
      const mapping = await w.app.store.mappings.get(w.connection.id, 'ship_via', 'USPPME');
      expect(mapping).toMatchObject({
        status: 'mapped',
        source: 'auto',
        target: { carrierCode: 'usps', serviceCode: 'usps_priority_mail_express' },
      });
      // The reference snapshot was refreshed after creating: the new codes are known Sage values.
      const sageCodes = (await w.app.store.mappings.reference(w.connection.id, 'sage300', 'ship_via')).map(
        (r) => r.value,
      );
      expect(sageCodes).toContain('UPSSI');

      const second = await runReferenceExtras(w.connector, w.connection, { products: false });
      expect(second.status === 'ran' && second.outcome.counts).toMatchObject({
        ship_vias_created: 0,
        ship_vias_covered: 12,
      });
      expect(posts(w)).toBe(4);

      // A mapping lost after the POST (crash, restored database): the code named for the service is mapped again, not created twice.
      await w.app.store.mappings.remove(w.connection.id, 'ship_via', 'FDXIE');
      const third = await runReferenceExtras(w.connector, w.connection, { products: false });
      expect(third.status === 'ran' && third.outcome.counts).toMatchObject({
        ship_vias_created: 0,
        ship_vias_linked: 1,
      });
      expect(posts(w)).toBe(4);
      expect(await w.app.store.mappings.get(w.connection.id, 'ship_via', 'FDXIE')).toMatchObject({ status: 'mapped' });
      // The V2 key alone really means V2 alone: not one request reached V1.
      if (apis === 'v2') expect(w.ss.stats.snapshot().byApi.v1).toBe(0);
    });

    // V1 by nature: V2 has no product writes (with the V2 key alone the part reports products_off_no_v1).
    it.runIf(apis === 'v1+v2')(
      'puts a product back in step with its Sage item (name, weight) with a full replace that keeps what staff set, only when changed',
      async () => {
        expect((await runOrders(w.connector, w.connection, 'new')).status).toBe('ran');
        const first = await runReferencePart(w.connector, w.connection, 'products');
        expect(first.status, JSON.stringify(first)).toBe('ran');
        const counts = first.status === 'ran' ? first.outcome.counts : {};
        expect(counts['products_products']).toBeGreaterThan(10);
        expect(counts['products_failed']).toBe(0);
        expect(productPuts(w)).toBe(counts['products_updated']);

        // Staff rename a product and file it on a shelf; Sage owns the name and weight, not the shelf.
        const rt = await w.connector.runtime(w.connection);
        const product = (await rt.v1!.listProducts({ sku: 'A1-105/0' }).toArray())[0]!;
        const item = (await rt.sage.getItems(['A11050']).then((m) => m.get('A11050')))!;
        await rt.v1!.updateProduct({
          ...product,
          name: 'Lamp (renamed by staff)',
          weightOz: 1,
          warehouseLocation: 'Aisle 7',
        });
        const puts = productPuts(w);
        const second = await runReferencePart(w.connector, w.connection, 'products');
        expect(second.status === 'ran' && second.outcome.counts).toMatchObject({
          products_updated: 1,
          products_failed: 0,
        });
        expect(productPuts(w)).toBe(puts + 1);
        const after = await rt.v1!.getProduct(product.productId);
        expect(after.name).toBe(item.description);
        expect(after.weightOz).toBeCloseTo(item.unitWeight * 16, 2);
        expect(after.warehouseLocation).toBe('Aisle 7');

        const third = await runReferencePart(w.connector, w.connection, 'products');
        expect(third.status === 'ran' && third.outcome.counts).toMatchObject({ products_updated: 0 });
        expect(productPuts(w)).toBe(puts + 1);
      },
    );

    it.runIf(apis === 'v2')(
      'products with the V2 key alone: the part is off, says why, and writes nothing',
      async () => {
        const r = await runReferencePart(w.connector, w.connection, 'products');
        expect(r.status === 'ran' && r.outcome.counts).toEqual({ products_off_no_v1: 1 });
        expect(productPuts(w)).toBe(0);
      },
    );
  },
);
