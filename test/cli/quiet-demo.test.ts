import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedInDemo } from '../../src/demo/quiet-allow-list.js';
import { spawnCli } from '../helpers/cli.js';

/**
 * Issue 12, point 5: the demo is quiet. About 60 s of `start` with nothing configured (the demo), its cadences
 * sped up so every job runs — the reconciles included, due at the same instants as the other passes — then a
 * stop: no log line at warn or above except those on the demo's allow-list (src/demo/quiet-allow-list.ts), and
 * no process warning, stopping included.
 */
const RUN_MS = 60_000;

describe('the quiet demo', () => {
  it(
    'logs nothing at warn or above and no process warning in a minute of the demo and its stop',
    async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'mlc-quiet-demo-'));
      const run = spawnCli(['start'], {
        cwd,
        env: {
          PORT: '0',
          LOG_LEVEL: 'info',
          NODE_OPTIONS: '--trace-warnings',
          ORDERS_POLL_SECONDS: '2',
          ORDERS_EDITS_POLL_SECONDS: '5',
          SHIPMENTS_POLL_SECONDS: '5',
          INVENTORY_POLL_SECONDS: '10',
          REFERENCE_POLL_SECONDS: '15',
          RECONCILE_CRON: '*/20 * * * * *',
        },
      });
      const started = Date.now();
      while (Date.now() - started < RUN_MS && run.child.exitCode === null) await new Promise((r) => setTimeout(r, 500));
      expect(run.child.exitCode, run.output()).toBeNull();
      run.child.kill('SIGTERM');
      expect(await run.exited, run.output()).toBe(0);
      const output = run.output();
      expect(output).toMatch(/Stopped\./);
      // Something happened: orders went to ShipStation.
      const sent = Math.max(
        0,
        ...(output.match(/sent to ShipStation: (\d+)/g) ?? []).map((l) => Number(l.split(': ')[1])),
      );
      expect(sent).toBeGreaterThan(0);
      const logs = output
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { level: number; msg?: string });
      expect(logs.length).toBeGreaterThan(0);
      const loud = logs.filter((l) => l.level >= 40 && !allowedInDemo(l));
      expect(loud.map((l) => JSON.stringify(l)).join('\n')).toBe('');
      // Node prints process warnings as "(node:<pid>) <Name>Warning: …".
      expect(output.split('\n').filter((l) => /\(node:\d+\)|Warning:/.test(l))).toEqual([]);
    },
    RUN_MS + 60_000,
  );
});
