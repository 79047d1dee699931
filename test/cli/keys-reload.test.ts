import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keysReloadFiles } from '../../src/runtime/keys-reload-request.js';
import { runCli, startCli } from '../helpers/cli.js';
import { enterOrders } from '../helpers/sage-orders.js';
import { startWorld, type World } from '../helpers/world.js';

/** Polls `condition` until it holds or `ms` pass: the tests wait for states, not for time. */
async function until(condition: () => boolean, ms = 30_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return condition();
}

/**
 * Issue 16 point 8: `keys reload` asks the running service to re-read its keyring through a request file in
 * the data folder (Windows has no SIGHUP); SIGHUP keeps working on POSIX (issue 2). One service run for both:
 * a rotation picked up on SIGHUP, then a rotation + prune picked up by `keys reload`. After the prune the old
 * key is nowhere and the reload rebuilds the clients, so orders that still flow were sent with credentials the
 * service opened with the new key.
 */
describe('key rotation under a running service: keys reload and SIGHUP', () => {
  let w: World | undefined;
  afterAll(async () => {
    await w?.stop();
  });

  it('re-reads the keyring on SIGHUP and on `keys reload`, and keeps sending orders', async () => {
    w = await startWorld({
      api: 'v1',
      env: { ML_CONNECTOR_MASTER_KEY: '', ORDERS_POLL_SECONDS: '1', PORT: '0', LOG_LEVEL: 'info' },
    });
    const env = { ...w.env, ML_CONNECTOR_MASTER_KEY: '' };
    await w.app.close(); // the service and the CLI share the store from here
    const service = await startCli(['start'], { env, ready: /ml-connector running/ });
    const reloadedTo = (id: string) => () =>
      service
        .output()
        .stderr.split('\n')
        .some((l) => l.includes('keyring reloaded') && l.includes(`"current":"${id}"`));
    try {
      const seen = (n: string) => w!.ss.admin.listOrders().some((o) => o['orderKey'] === `SAMINC-${n}-1`);
      const [first] = enterOrders(w.sage, 1, { start: 1 });
      expect(await until(() => seen(first!))).toBe(true);

      const signalled = await runCli(['keys', 'rotate'], { env });
      expect(signalled.code, signalled.stderr).toBe(0);
      const sighupId = /under key ([0-9a-f]{8})/.exec(signalled.stdout)?.[1];
      expect(sighupId).toBeTruthy();
      service.child.kill('SIGHUP');
      expect(await until(reloadedTo(sighupId!), 10_000)).toBe(true);
      const [second] = enterOrders(w.sage, 1, { start: 2 });
      expect(await until(() => seen(second!))).toBe(true);

      const rotated = await runCli(['keys', 'rotate'], { env });
      expect(rotated.code, rotated.stderr).toBe(0);
      expect(rotated.stdout).toContain('run `ml-connector keys reload`');
      expect(rotated.stdout).not.toContain('SIGHUP');
      const [, newId, oldId] = /under key ([0-9a-f]{8}) \(was ([0-9a-f]{8})\)/.exec(rotated.stdout) ?? [];
      expect(newId && oldId).toBeTruthy();
      const pruned = await runCli(['keys', 'prune'], { env });
      expect(pruned.stdout).toMatch(new RegExp(`Removed unused keys? .*${oldId}`));

      const reload = await runCli(['keys', 'reload'], { env });
      expect(reload.code, reload.stderr).toBe(0);
      expect(reload.stdout).toContain(`reloaded its keyring: current key ${newId}; keys ${newId}.`);
      expect(await until(reloadedTo(newId!), 10_000)).toBe(true);
      expect(existsSync(keysReloadFiles(w.env['ML_CONNECTOR_DATA_DIR']!).request)).toBe(false);

      const [after] = enterOrders(w.sage, 1, { start: 3 });
      expect(await until(() => seen(after!))).toBe(true);
      expect(service.child.exitCode).toBeNull();
      const list = await runCli(['connections'], { env });
      expect(list.stdout).toMatch(/default .* ok/);
    } finally {
      service.child.kill('SIGTERM');
      await new Promise((r) => service.child.once('exit', r));
    }
  }, 120_000);

  it('says so when no service picks the request up, and takes the request back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlc-keys-reload-'));
    const result = await runCli(['keys', 'reload', '--timeout', '1'], { env: { ML_CONNECTOR_DATA_DIR: dir } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'No running service picked up the request within 1 s: is `ml-connector start` running with this data folder?',
    );
    expect(result.stderr).toContain(dir);
    expect(existsSync(keysReloadFiles(dir).request)).toBe(false);
  }, 30_000);
});
