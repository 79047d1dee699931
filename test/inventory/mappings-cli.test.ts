import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/world.js';
import { runCommand } from './cli-helpers.js';
import { inventoryPosts, total } from './inventory-helpers.js';

describe('ml-connector mappings check / set / list and reconcile inventory (CLI processes, both simulators)', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ rateWindowMs: 300 });
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
    expect(r.stdout).toContain('Sage items: 200');
    expect(await w.app.store.mappings.reference(w.connection.id)).not.toHaveLength(0);
  });

  it('names a ship-via code added in Sage with no mapping and exits non-zero; mapping it makes it pass again', async () => {
    w.sage.admin.addShipVia({ code: 'DHLWW', name: 'DHL Worldwide Priority Express' });
    const r = await runCommand(['mappings', 'check'], w.env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('BLOCKS ORDERS');
    expect(r.stdout).toMatch(/DHLWW \(DHL Worldwide Priority Express\): not mapped to a ShipStation service/);
    expect(r.stdout).toContain('fix: ml-connector mappings set ship_via DHLWW --service <carrier>:<service>');
    expect(r.stdout).toContain('NOT READY: 1 problem would hold orders back.');

    const set = await runCommand(
      ['mappings', 'set', 'ship_via', 'DHLWW', '--service', 'ups:ups_standard_international'],
      w.env,
    );
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Mapped ship_via DHLWW → ups:ups_standard_international (UPS Standard®).');
    const again = await runCommand(['mappings', 'check'], w.env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('ShipStation services: 3');
  });

  it('set resolves names, refuses unknown ones with what exists, and list shows the table', async () => {
    const bad = await runCommand(['mappings', 'set', 'location', '2', '--warehouse', 'Denver Warehouse'], w.env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('ShipStation has no warehouse "Denver Warehouse". Known:');
    expect(bad.stderr).toContain('Chicago Warehouse');
    const wrong = await runCommand(['mappings', 'set', 'location', '2', '--service', 'ups:ups_ground'], w.env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('A location mapping is set with --warehouse');
    const ok = await runCommand(
      ['mappings', 'set', 'inventory_location', '3', '--inventory-location', 'atlanta warehouse'],
      w.env,
    );
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(
      /Mapped inventory_location 3 → inventory location se-\d+ \(Atlanta Warehouse \/ Atlanta Warehouse Main Floor\)/,
    );
    const list = await runCommand(['mappings', 'list', '--kind', 'ship_via'], w.env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      /ship_via\s+DHLWW\s+DHL Worldwide Priority Express\s+mapped\s+ups:ups_standard_international/,
    );
    expect(list.stdout).toMatch(/ship_via\s+WILLCL\s+Will Call - Customer Pickup\s+skip\s+not through ShipStation/);
    expect(list.stdout).toContain('ShipStation values no Sage value is mapped to:');
  });

  it('reconcile inventory reports drift (exit 1), --fix sets ShipStation to Sage (exit 0), then nothing differs', async () => {
    const report = await runCommand(['reconcile', 'inventory'], w.env);
    expect(report.code).toBe(1);
    expect(report.stdout).toContain('Compared 600 SKU × location levels of connection "default": 600 differ.');
    expect(report.stdout).toMatch(/A1-105\/0\s+Seattle Warehouse \/ Seattle Warehouse Main Floor\s+\d+\s+\(none\)/);
    expect(total(inventoryPosts(w))).toBe(0);
    const fix = await runCommand(['reconcile', 'inventory', '--fix'], w.env);
    expect(fix.stdout).toContain('Fixed 600, failed 0.');
    expect(fix.code).toBe(0);
    expect(fix.stderr).toMatch(/inventory drift fix: \d+\/600/);
    const clean = await runCommand(['reconcile', 'inventory'], w.env);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain(': 0 differ.');
    expect(w.ss.stats.snapshot().rateLimited).toBe(0);
  });
});
