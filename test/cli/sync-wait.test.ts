import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReference } from '../../src/runtime/flows/reference-flow.js';
import { runCli } from '../helpers/cli.js';
import { startWorld, type World } from '../helpers/world.js';

/**
 * Issue 12, point 1: `ml-connector sync` beside a running service whose pass holds the flow's lease waits for
 * that pass with a line that names it, unless `--no-wait`; it never takes a live lease.
 */
describe('sync beside a running pass', () => {
  let w: World;
  const service = 'service-host:4242:abcdef/7';
  beforeAll(async () => {
    w = await startWorld();
    await runReference(w.connector, w.connection);
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('--no-wait gives up at once, naming the pass that runs', async () => {
    const lease = await w.app.store.leases.acquire(w.connection.id, 'orders', service, 60_000);
    try {
      const r = await runCli(['sync', 'orders', '--mode', 'new', '--no-wait'], { env: w.env });
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain(`running in another process (${service}); nothing was done`);
    } finally {
      await w.app.store.leases.release(lease!);
    }
  }, 60_000);

  it('waits for that pass to end, saying so, then runs its own', async () => {
    const lease = await w.app.store.leases.acquire(w.connection.id, 'orders', service, 60_000);
    const sync = runCli(['sync', 'orders', '--mode', 'new'], { env: w.env });
    // The service's pass ends a little later.
    await new Promise((r) => setTimeout(r, 3000));
    const during = await w.app.store.leases.current(w.connection.id, 'orders');
    expect(during?.holder).toBe(service);
    await w.app.store.leases.release(lease!);
    const r = await sync;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`The orders flow is running in another process (${service}); waiting for it to finish`);
    expect(r.stdout).toMatch(/Ran orders for "default"/);
  }, 60_000);
});
