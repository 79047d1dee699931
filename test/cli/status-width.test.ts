import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { runCli } from '../helpers/cli.js';

/**
 * Issue 16, point 5: `status` fits 100 columns with full sentences wrapped, shows a running pass as running
 * (not the last pass's message), and names the ShipStation API really in use instead of "ShipStation auto".
 */
const OFF =
  'Inventory sync is off for connection "default": no Sage location is mapped to a ShipStation inventory location. Map one: ml-connector mappings set inventory_location <Sage location> --inventory-location <id or name>.';

describe('status', () => {
  it('fits 100 columns, wraps whole sentences, shows a running pass and the APIs in use', async () => {
    const env: Record<string, string> = {
      ML_CONNECTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'mlc-status-')),
      ML_CONNECTOR_MASTER_KEY: randomBytes(32).toString('base64'),
      SAGE300_URL: 'http://127.0.0.1:9/Sage300WebApi/v1.0/-/SAMINC',
      SAGE300_USER: 'ADMIN',
      SAGE300_PASSWORD: 'secret',
      SHIPSTATION_API_KEY: 'v1-key',
      SHIPSTATION_API_SECRET: 'v1-secret',
      SHIPSTATION_V2_API_KEY: 'v2-key',
      SHIPSTATION_V1_URL: 'http://127.0.0.1:9',
      SHIPSTATION_V2_URL: 'http://127.0.0.1:9/v2',
      LOG_LEVEL: 'silent',
    };
    // A failed orders pass (Sage is not there) stores a real error text.
    expect((await runCli(['sync', 'orders'], { env })).code).toBe(1);
    const app = await openApp({ env, notice: () => {} });
    try {
      const [connection] = await app.store.connections.list();
      if (!connection) throw new Error('no connection');
      // Inventory was off with a long reason, and a new pass of it is running now.
      await app.store.flows.off(connection.id, 'inventory', OFF);
      // A real pass holds its lease while it runs (a "running" flow without one was interrupted).
      await app.store.leases.acquire(connection.id, 'inventory', 'test/inventory-pass', 10 * 60_000);
      await app.store.flows.started(connection.id, 'inventory');
      await app.store.flows.off(connection.id, 'reference', OFF);
    } finally {
      await app.close();
    }
    const r = await runCli(['status'], { env });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(
      lines.filter((l) => l.length > 100),
      r.stdout,
    ).toEqual([]);
    expect(r.stdout).toContain('Connection "default" (Sage 300 company SAMINC; ShipStation V1 orders, V2 inventory)');
    expect(r.stdout).not.toContain('ShipStation auto');
    const inventory = lines.findIndex((l) => l.trimStart().startsWith('inventory'));
    expect(lines[inventory]).toMatch(/^ {2}inventory +running: this pass started \d+s ago; last success \d+s ago$/);
    // The running pass is not described by the last pass's reason; the finished one keeps it whole.
    const flat = r.stdout.replace(/\n +/g, ' ');
    expect(flat.split(OFF)).toHaveLength(2);
    expect(flat).toMatch(/reference +off: last run .*Last pass: off 1\. Inventory sync is off/);
    expect(flat).toMatch(
      /orders +failed: last run \d+s ago, last success never.* Last pass: .*GET 127\.0\.0\.1:9\/\S+ failed: connection refused/,
    );
  }, 60_000);
});
