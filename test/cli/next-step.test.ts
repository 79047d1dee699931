import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * Issue 16, point 4: failures end with what to do. Both systems point at a closed port (127.0.0.1:9, which
 * fetch refuses to open): `ping` says where the connection was refused and what to check, within the short
 * ping timeout; `sync orders` prints one failure line with what was tried and the next step, and its retries
 * stay out of the log at info (one summary line at warn).
 */
function closedWorld(): Record<string, string> {
  return {
    ML_CONNECTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'mlc-next-')),
    ML_CONNECTOR_MASTER_KEY: randomBytes(32).toString('base64'),
    SAGE300_URL: 'http://127.0.0.1:9/Sage300WebApi/v1.0/-/SAMINC',
    SAGE300_USER: 'ADMIN',
    SAGE300_PASSWORD: 'secret',
    SHIPSTATION_V2_API_KEY: 'v2-key',
    SHIPSTATION_V2_URL: 'http://127.0.0.1:9/v2',
    LOG_LEVEL: 'info',
  };
}

describe('failures end with what to do', () => {
  it('ping: says what it checks and waits for, and a refused port in words', async () => {
    const r = await runCli(['ping'], { env: closedWorld() });
    expect(r.stdout).toContain(
      'Checking Sage 300 at 127.0.0.1:9 and ShipStation at 127.0.0.1:9; waiting up to 10 s for each answer (PING_TIMEOUT_SECONDS)',
    );
    expect(r.stdout).toContain(
      '[FAIL] Reachability: connection refused at 127.0.0.1:9: is the Sage 300 Web API site running?',
    );
    expect(r.stdout).not.toMatch(/Reachability: .*network error/);
    // Each check as it runs, under its system; the system's verdict after its checks.
    const out = r.stdout;
    expect(out.indexOf('  Sage 300:\n')).toBeLessThan(out.indexOf('[FAIL] Reachability'));
    expect(out.indexOf('[FAIL] Reachability')).toBeLessThan(out.indexOf('  Sage 300: FAIL'));
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('timed out after 60000 ms');
  });

  it('ping: PING_TIMEOUT_SECONDS is a setting, checked like the others', async () => {
    const ok = await runCli(['ping'], { env: { ...closedWorld(), PING_TIMEOUT_SECONDS: '3' } });
    expect(ok.stdout).toContain('waiting up to 3 s for each answer');
    const bad = await runCli(['config', 'check'], { env: { PING_TIMEOUT_SECONDS: 'soon' } });
    expect(bad.code).toBe(2);
    expect(bad.stdout + bad.stderr).toMatch(/PING_TIMEOUT_SECONDS/);
  });

  it('sync orders: one line with what failed, what was tried and the next step; retries not at info', async () => {
    const started = Date.now();
    const r = await runCli(['sync', 'orders'], { env: closedWorld() });
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    const failed = out.split('\n').filter((l) => l.includes('pass of "default" failed'));
    expect(failed, out).toHaveLength(1);
    expect(failed[0]).toMatch(
      /^The orders pass of "default" failed: GET 127\.0\.0\.1:9\/\S+ failed: connection refused \(tried \d+ times over \d+ s\)\. Next: run "ml-connector ping --connection default" to check both systems, and see http:\/\/127\.0\.0\.1:8080\/connections\/default on the dashboard\.$/,
    );
    // The old text, once per pass, without a next step.
    expect(out).not.toMatch(/^The orders pass failed:/m);
    const logs = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(logs.filter((l) => /retry|will be retried/.test(l.msg))).toEqual([]);
    expect(logs.filter((l) => l.level === 40 && /failed after \d+ attempts over \d+ s/.test(l.msg))).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(45_000);
  });
});
