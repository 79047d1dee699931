import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../helpers/cli.js';

/**
 * Issue 5: `npm start` on a fresh clone with nothing configured runs the demo and shows orders flowing within
 * a minute; MAPPINGS_AUTO=accept maps the demo seeds completely (freight and will-call to "not through
 * ShipStation"). Runs the built CLI's `start` in an empty directory, as `npm start` does.
 */
describe('the demo', () => {
  it('shows orders flowing within a minute, with every demo value mapped', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'mlc-demo-'));
    const run = spawnCli(['start'], { cwd, env: { PORT: '0' } });
    const started = Date.now();
    let sent = 0;
    try {
      while (Date.now() - started < 60_000) {
        const lines = run.output().match(/sent to ShipStation: (\d+)/g) ?? [];
        sent = Math.max(0, ...lines.map((l) => Number(l.split(': ')[1])));
        if (sent > 0) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(run.output()).toMatch(/ml-connector demo: both systems are simulated on this machine/);
      expect(run.output()).toMatch(/Dashboard: +http:\/\/127\.0\.0\.1:\d+\//);
      expect(run.output()).toMatch(/Choose the dashboard admin password \(the link works once\)/);
      expect(sent, run.output()).toBeGreaterThan(0);
      console.log(`demo: ${sent} orders in ShipStation after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      const check = await runCli(['mappings', 'check', '--no-items'], {
        cwd,
        env: { ML_CONNECTOR_DATA_DIR: join(cwd, 'data', 'demo') },
      });
      expect(check.code, check.stdout + check.stderr).toBe(0);
    } finally {
      run.child.kill('SIGTERM');
      const how = await run.exited;
      expect(how).toBe(0);
      expect(run.output()).toMatch(/Stopped\./);
    }
  }, 90_000);
});
