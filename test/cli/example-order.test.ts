import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_EXAMPLE_ORDER } from '../../src/demo/example-order.js';
import { runOrders } from '../../src/runtime/flows/orders-flow.js';
import { runReference } from '../../src/runtime/flows/reference-flow.js';
import { runCli } from '../helpers/cli.js';
import { startWorld, type World } from '../helpers/world.js';

const README = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');

/**
 * Issue 16 point 7: the example of `audit order --help` (ORD000123, a completed order the connector never
 * sends) had no history in the demo. The example now is one the demo's go-live picks up, and the README
 * shows the same one, names the demo's data folder, and says when better-sqlite3 compiles from source.
 */
describe('the demo order shown as an example', () => {
  let w: World | undefined;
  afterAll(async () => {
    await w?.stop();
  });

  it('`audit order --help` shows it, not ORD000123', async () => {
    const r = await runCli(['audit', 'order', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`e.g. ${DEMO_EXAMPLE_ORDER}, an order of the demo`);
    expect(r.stdout).not.toContain('ORD000123');
  });

  it('is sent at the demo world’s go-live (mappings accepted as the demo does), ORD000123 is not', async () => {
    w = await startWorld({ api: 'v1' });
    await runReference(w.connector, w.connection);
    await runOrders(w.connector, w.connection, 'new', {});
    const events = await w.app.store.audit.forDisplay(DEMO_EXAMPLE_ORDER);
    expect(events.map((e) => e.event)).toEqual(['detected', 'pushed', 'acknowledged']);
    expect((await w.app.store.records.byDisplay(DEMO_EXAMPLE_ORDER))[0]?.state).toBe('sent');
    expect(await w.app.store.audit.forDisplay('ORD000123')).toEqual([]);
  });

  it('the README shows the same order, the demo data folder, and the build tools of better-sqlite3', () => {
    expect(README).toContain(`ML_CONNECTOR_DATA_DIR=./data/demo npx ml-connector status`);
    expect(README).toContain(`audit order ${DEMO_EXAMPLE_ORDER}`);
    expect(README).not.toContain('ORD000123');
    expect(README).toMatch(/better-sqlite3[^.]*compiles it from source, which needs Python 3, `make` and a C\+\+/);
  });
});
