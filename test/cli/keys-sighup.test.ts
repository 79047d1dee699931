import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { enterOrders } from '../helpers/sage-orders.js';
import { startWorld, type World } from '../helpers/world.js';

/**
 * Issue 2: `keys rotate` while the service runs; the service re-reads the keyring on SIGHUP and keeps
 * working throughout (orders entered before and after the rotation both reach ShipStation).
 */
describe('key rotation under a running service', () => {
  let w: World | undefined;
  afterAll(async () => {
    await w?.stop();
  });

  it('re-reads the keyring on SIGHUP and keeps sending orders', async () => {
    w = await startWorld({
      api: 'v1',
      env: { ML_CONNECTOR_MASTER_KEY: '', ORDERS_POLL_SECONDS: '1', PORT: '0', LOG_LEVEL: 'info' },
    });
    const env = { ...w.env, ML_CONNECTOR_MASTER_KEY: '' };
    await w.app.close(); // the service and the CLI share the store from here
    const service = await startCli(['start'], { env, ready: /ml-connector running/ });
    try {
      const seen = (n: string) => w!.ss.admin.listOrders().some((o) => o['orderKey'] === `SAMINC-${n}-1`);
      const until = async (n: string) => {
        const deadline = Date.now() + 30_000;
        while (!seen(n) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
        return seen(n);
      };
      const [before] = enterOrders(w.sage, 1, { start: 1 });
      expect(await until(before!)).toBe(true);
      const rotated = await runCli(['keys', 'rotate'], { env });
      expect(rotated.code, rotated.stderr).toBe(0);
      const newId = /under key ([0-9a-f]{8})/.exec(rotated.stdout)?.[1];
      expect(newId).toBeTruthy();
      service.child.kill('SIGHUP');
      const deadline = Date.now() + 10_000;
      while (!service.output().stderr.includes('keyring reloaded') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      const reload = service
        .output()
        .stderr.split('\n')
        .find((l) => l.includes('keyring reloaded'));
      expect(reload).toContain(`"current":"${newId}"`);
      const [after] = enterOrders(w.sage, 1, { start: 2 });
      expect(await until(after!)).toBe(true);
      expect(service.child.exitCode).toBeNull();
      const list = await runCli(['connections'], { env });
      expect(list.stdout).toMatch(/default .* ok/);
    } finally {
      service.child.kill('SIGTERM');
      await new Promise((r) => service.child.once('exit', r));
    }
  }, 120_000);
});
