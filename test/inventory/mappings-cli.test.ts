import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/world.js';
import { runCommand, runCommands } from './cli-helpers.js';
import { inventoryPosts, total } from './inventory-helpers.js';

// Reference read through V1 (both keys) and through V2 (the V2 key alone, a plan without V1: issue 14).
describe.each([{ apis: 'v1+v2' as const }, { apis: 'v2' as const }])(
  'ml-connector mappings check / set / list / suggest / create-ship-vias and reconcile inventory (CLI, both simulators, $apis)',
  ({ apis }) => {
    let w: World;
    beforeAll(async () => {
      w = await startWorld({ rateWindowMs: 300, v2Only: apis === 'v2' });
    });
    afterAll(async () => {
      await w?.stop();
    });

    it('check passes on the demo data (reading both systems first on a new connection)', async () => {
      const r = await runCommand(['mappings', 'check'], w.env);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('Ready: every Sage location and ship-via code orders can use is mapped');
      expect(r.code).toBe(0);
      // The informational side: the international services have no Sage ship-via, no product exists yet.
      expect(r.stdout).toContain('ShipStation services: 4');
      // Items are compared with products, which the connector reads through V1 only: no such line with V2 alone.
      if (apis === 'v1+v2') expect(r.stdout).toContain('Sage items: 200');
      else expect(r.stdout).not.toContain('Sage items');
      // …nor are Sage's items read for nothing (every item of the company, on each check).
      const itemReads = w.sage.stats.snapshot().byRoute['GET IC/ICItems'] ?? 0;
      if (apis === 'v1+v2') expect(itemReads).toBeGreaterThan(0);
      else expect(itemReads).toBe(0);
      expect(await w.app.store.mappings.reference(w.connection.id)).not.toHaveLength(0);
      if (apis === 'v2') expect(w.ss.stats.snapshot().byApi.v1).toBe(0);
    });

    // The commands below work on the stored reference and mappings, the same whichever API read them: they
    // run once, with both keys (each is a CLI process of several seconds; issue 14 caps the added run time).
    const full = apis === 'v1+v2';

    it.runIf(full)(
      'names a ship-via code added in Sage with no mapping and exits non-zero; mapping it makes it pass again',
      async () => {
        w.sage.admin.addShipVia({ code: 'DHLWW', name: 'DHL Worldwide Priority Express' });
        const [failed, set, passed] = await runCommands(
          [
            ['mappings', 'check'],
            ['mappings', 'set', 'ship_via', 'DHLWW', '--service', 'ups:ups_standard_international'],
            ['mappings', 'check'],
          ],
          w.env,
        );
        expect(failed!.code).toBe(1);
        expect(failed!.stdout).toContain('BLOCKS ORDERS');
        expect(failed!.stdout).toMatch(/DHLWW \(DHL Worldwide Priority Express\): not mapped to a ShipStation service/);
        expect(failed!.stdout).toContain('fix: ml-connector mappings set ship_via DHLWW --service <carrier>:<service>');
        expect(failed!.stdout).toContain('NOT READY: 1 problem would hold orders back.');
        expect(set!.stderr).toBe('');
        expect(set!.code).toBe(0);
        expect(set!.stdout).toContain('Mapped ship_via DHLWW → ups:ups_standard_international (UPS Standard®).');
        expect(passed!.code).toBe(0);
        expect(passed!.stdout).toContain('ShipStation services: 3');
      },
    );

    it.runIf(full)('set resolves names, refuses unknown ones with what exists, and list shows the table', async () => {
      const [bad, wrong, ok, list] = await runCommands(
        [
          ['mappings', 'set', 'location', '2', '--warehouse', 'Denver Warehouse'],
          ['mappings', 'set', 'location', '2', '--service', 'ups:ups_ground'],
          ['mappings', 'set', 'inventory_location', '3', '--inventory-location', 'atlanta warehouse'],
          ['mappings', 'list', '--kind', 'ship_via'],
        ],
        w.env,
      );
      expect(bad!.code).toBe(1);
      expect(bad!.stderr).toContain('ShipStation has no warehouse "Denver Warehouse". Known:');
      expect(bad!.stderr).toContain('Chicago Warehouse');
      expect(wrong!.code).toBe(1);
      expect(wrong!.stderr).toContain('A location mapping is set with --warehouse');
      expect(ok!.stderr).toBe('');
      expect(ok!.stdout).toMatch(
        /Mapped inventory_location 3 → inventory location se-\d+ \(Atlanta Warehouse \/ Atlanta Warehouse Main Floor\)/,
      );
      expect(list!.code).toBe(0);
      expect(list!.stdout).toMatch(
        /ship_via\s+DHLWW\s+DHL Worldwide Priority Express\s+mapped\s+ups:ups_standard_international/,
      );
      expect(list!.stdout).toMatch(/ship_via\s+WILLCL\s+Will Call - Customer Pickup\s+skip\s+not through ShipStation/);
      expect(list!.stdout).toContain('ShipStation values no Sage value is mapped to:');
    });

    it.runIf(full)(
      'suggest lists what a person has not decided and --accept confirms it; create-ship-vias fills the services',
      async () => {
        await w.app.store.mappings.remove(w.connection.id, 'location', '2');
        const [suggested, made] = await runCommands(
          [
            ['mappings', 'suggest', '--accept', '--kind', 'location'],
            ['mappings', 'create-ship-vias'],
          ],
          w.env,
        );
        expect(suggested!.stderr).toBe('');
        expect(suggested!.stdout).toMatch(/location\s+2\s+warehouse \d+ \(Chicago Warehouse\)\s+suggested/);
        expect(suggested!.stdout).toContain('Accepted 1 suggestion.');
        expect(await w.app.store.mappings.get(w.connection.id, 'location', '2')).toMatchObject({
          status: 'mapped',
          source: 'user',
        });
        expect(made!.stderr).toBe('');
        expect(made!.stdout).toContain(
          'Created 3 ship-via code(s), mapped 0 made earlier; 9 service(s) already had one.',
        );
        const codes = (await w.app.store.mappings.list(w.connection.id, 'ship_via')).map((m) => m.sageValue);
        expect(codes).toEqual(expect.arrayContaining(['FDXIE', 'USPPME', 'USPPMI']));
      },
    );

    it.runIf(full)(
      'reconcile inventory reports drift (exit 1), --fix sets ShipStation to Sage (exit 0), then nothing differs',
      async () => {
        const [report, fix, clean] = await runCommands(
          [
            ['reconcile', 'inventory'],
            ['reconcile', 'inventory', '--fix'],
            ['reconcile', 'inventory'],
          ],
          w.env,
        );
        expect(report!.code).toBe(1);
        expect(report!.stdout).toContain('Compared 600 SKU × location levels of connection "default": 600 differ.');
        expect(report!.stdout).toMatch(
          /A1-105\/0\s+Seattle Warehouse \/ Seattle Warehouse Main Floor\s+\d+\s+\(none\)/,
        );
        expect(report!.stdout).toContain('… and 550 more (--all lists them).');
        expect(fix!.stdout).toContain('Fixed 600, failed 0.');
        expect(fix!.code).toBe(0);
        expect(fix!.stderr).toMatch(/inventory drift fix: \d+ of 600/);
        expect(clean!.code).toBe(0);
        expect(clean!.stdout).toContain(': 0 differ.');
        expect(total(inventoryPosts(w))).toBe(600);
        expect(w.ss.stats.snapshot().rateLimited).toBe(0);
      },
    );
  },
);
