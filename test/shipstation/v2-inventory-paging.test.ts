import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVENTORY_HASH_KIND } from '../../src/engine/inventory/level-key.js';
import { type InventoryListPage, readGuarded } from '../../src/integrations/shipstation/v2-inventory-reader.js';
import { V2InventorySink } from '../../src/integrations/shipstation/v2-inventory-sink.js';
import { inventoryOutcome, runInventory } from '../../src/runtime/flows/inventory-flow.js';
import { runReference } from '../../src/runtime/flows/reference-flow.js';
import { startWorld, type World } from '../helpers/world.js';
import { inventoryPosts, mappedTargets, sageOnHand, total } from '../inventory/inventory-helpers.js';

/** A server's answers, recorded queries: pages by `page` unless `ignorePage`, capped at `cap` records. */
function server(records: string[], opts: { ignorePage?: boolean; cap?: number; links?: boolean } = {}) {
  const queries: Record<string, string>[] = [];
  const fetchPage = async (q: Record<string, string>): Promise<InventoryListPage<string>> => {
    queries.push(q);
    const size = Math.min(Number(q['page_size']), opts.cap ?? Number.POSITIVE_INFINITY);
    const page = opts.ignorePage ? 1 : Number(q['page']);
    const pages = Math.ceil(records.length / size);
    return {
      items: records.slice((page - 1) * size, page * size),
      page,
      pages,
      total: records.length,
      nextQuery: opts.links && page < pages ? { page: String(page + 1), page_size: String(size) } : null,
    };
  };
  return { queries, fetchPage };
}

const skus = (n: number) => Array.from({ length: n }, (_, i) => `SKU-${String(i).padStart(3, '0')}`);

describe('guarded V2 list reads', () => {
  it.each([
    { name: 'pages by page up to pages', opts: {}, requests: 3, complete: true, warned: 0 },
    { name: 'follows links.next.href', opts: { links: true }, requests: 3, complete: true, warned: 0 },
    {
      name: 'a server ignoring page (with links): stops on the repeat',
      opts: { ignorePage: true, links: true },
      requests: 2,
      complete: false,
      warned: 1,
    },
    {
      name: 'a server ignoring page (no links): stops on the repeat',
      opts: { ignorePage: true },
      requests: 2,
      complete: false,
      warned: 1,
    },
    {
      name: 'a server capping the page: one read, told short',
      opts: { cap: 10, ignorePage: true },
      requests: 2,
      complete: false,
      warned: 1,
    },
  ])('$name', async ({ opts, requests, complete, warned }) => {
    const records = skus(25);
    const s = server(records, opts);
    const got: string[] = [];
    let warnings = 0;
    const result = await readGuarded(s.fetchPage, { sku: undefined }, (items) => void got.push(...items), {
      pageSize: 10,
      keyOf: (x) => x,
      onPageIgnored: () => warnings++,
    });
    expect({ requests: s.queries.length, complete: result.complete, warnings }).toEqual({
      requests,
      complete,
      warnings: warned,
    });
    expect(new Set(got).size).toBe(got.length);
    if (complete) expect(got).toEqual(records);
    for (const q of s.queries) expect(q).toMatchObject({ page_size: '10', limit: '10' });
    expect(s.queries[0]).toMatchObject({ page: '1' });
  });
});

/** 200 SKUs at each of 3 locations; the server answers at most 50 levels and ignores `page`. */
describe('inventory over a V2 server that ignores page and caps limit', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ rateWindowMs: 300, v2Only: true, shipstation: { v2InventoryLimitOnly: 50 } });
    expect((await runReference(w.connector, w.connection)).status).toBe('ran');
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('the sink reads every SKU (by SKU after the cut-short list), and a first push is not sent twice', async () => {
    const first = await runInventory(w.connector, w.connection, {});
    expect(first.status, JSON.stringify(first)).toBe('ran');
    expect(inventoryOutcome(first)!.counts).toMatchObject({ levels: 600, pushed: 600, failed: 0 });
    const targets = await mappedTargets(w);
    const sage = await sageOnHand(w);

    const rt = await w.connector.runtime(w.connection);
    const warnings: unknown[] = [];
    const logger = { warn: (o: unknown) => void warnings.push(o) } as never;
    const sink = new V2InventorySink(rt.v2!, { logger });
    expect((await sink.locations())?.size).toBeGreaterThanOrEqual(3);
    for (const t of targets) {
      const wanted = [...sage.keys()].filter((k) => k.startsWith(`${t.sageLocation}|`)).map((k) => k.slice(2));
      const seen: string[] = [];
      for await (const page of sink.levels(t.inventoryLocationId, undefined, wanted))
        seen.push(...page.map((l) => l.sku));
      expect(seen.sort()).toEqual([...wanted].sort());
    }
    expect(warnings).toHaveLength(1);

    // The connector forgets what it pushed (a new database, say): the baseline read must find all 600.
    await w.app.store.hashes.delete(w.connection.id, INVENTORY_HASH_KIND);
    const before = total(inventoryPosts(w));
    const again = await runInventory(w.connector, w.connection, {});
    expect(again.status, JSON.stringify(again)).toBe('ran');
    expect(inventoryOutcome(again)!.counts).toMatchObject({
      first_push_locations: 3,
      already_in_step: 600,
      changed: 0,
    });
    expect(total(inventoryPosts(w))).toBe(before);
  });
});
