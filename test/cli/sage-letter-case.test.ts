import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { applyEnvironmentConnection } from '../../src/connections/connect.js';
import { pingConnection } from '../../src/connections/ping-connection.js';
import { silentLogger } from '../../src/observability/logger.js';
import { DEMO_SAGE_MIXED_PASSWORD, DEMO_SAGE_MIXED_USER } from '../../src/simulators/demo-world.js';
import { type Sage300Simulator, startSage300Simulator } from '../../src/simulators/sage300/server.js';
import { runCli } from '../helpers/cli.js';

/**
 * Issue 14 point 5: `connect sage300` (and the environment contract) store the password as typed; against a
 * Sage that compares passwords as typed (`--mixed-case-passwords`, account WEBAPI2), `ping` finds that the
 * typed case works, says so and offers `--keep-case`, which then passes. Secrets are compared, never printed.
 */
const PASSWORD = DEMO_SAGE_MIXED_PASSWORD;
/** Typed in lower case: stored so too (user IDs compare case-insensitively). */
const USER = DEMO_SAGE_MIXED_USER.toLowerCase();

describe('Sage credentials as typed', () => {
  let sim: Sage300Simulator;
  beforeAll(async () => {
    sim = await startSage300Simulator({ seed: 'empty', mixedCasePasswords: true });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  const world = () => ({
    ML_CONNECTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'mlc-sagecase-')),
    ML_CONNECTOR_MASTER_KEY: randomBytes(32).toString('base64'),
    PING_TIMEOUT_SECONDS: '10',
  });
  const connect = (env: Record<string, string>, ...extra: string[]) =>
    runCli(
      ['connect', 'sage300', '--name', 'acme', '--url', sim.baseUrl, '--user', USER, '--password-stdin'].concat(extra),
      { env, input: PASSWORD },
    );
  /** The stored Sage credentials, compared here so that a failure cannot print the password. */
  async function storedAsTyped(env: Record<string, string>, user: string): Promise<boolean> {
    const app = await openApp({ env, logger: silentLogger(), notice: () => {} });
    try {
      const c = await app.store.connections.getByName(env['SAGE300_URL'] ? 'default' : 'acme');
      const creds = await app.store.connections.credentials(c?.id ?? -1);
      return creds['sage300.user'] === user && creds['sage300.password'] === PASSWORD;
    } finally {
      await app.close();
    }
  }

  it('connect stores the password as typed; ping finds the typed case works and offers --keep-case', async () => {
    const env = world();
    const saved = await connect(env);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain(
      'Note: the user and password are stored as typed and sent in upper case, as Sage 300 expects. If your server compares passwords as typed, run the command again with --keep-case.',
    );
    expect(await storedAsTyped(env, USER)).toBe(true);

    sim.stats.reset();
    const ping = await runCli(['ping', '--connection', 'acme'], { env });
    expect(ping.code).toBe(1);
    expect(ping.stdout).toMatch(/\[FAIL\] Credentials: .*refused the password in upper case .*accepted it as typed/);
    expect(ping.stdout).toContain(
      `fix: The server accepts the password as typed: store it again with --keep-case (the connector then sends it as typed): ml-connector connect sage300 --name acme --url ${sim.baseUrl} --user ${USER} --password-stdin --keep-case`,
    );
    expect(ping.stdout).not.toMatch(/either letter case/);
    expect(sim.stats.snapshot().byStatus).toMatchObject({ '401': 1, '200': 1 });

    const kept = await connect(env, '--keep-case');
    expect(kept.code, kept.stderr).toBe(0);
    expect(await storedAsTyped(env, USER)).toBe(true);
    // The same checks as `ping` (in-process, one CLI start fewer): with --keep-case every Sage check passes.
    const app = await openApp({ env, logger: silentLogger(), notice: () => {} });
    try {
      const c = await app.store.connections.getByName('acme');
      expect(c?.sage300?.keepCase).toBe(true);
      const { sage300 } = await pingConnection(app.store, c!, { timeoutMs: 10_000 });
      expect(sage300.map((k) => `${k.id}=${k.status}`).filter((k) => !k.endsWith('=pass'))).toEqual([]);
    } finally {
      await app.close();
    }
    for (const r of [saved, ping, kept]) {
      for (const secret of [PASSWORD, PASSWORD.toUpperCase()]) {
        expect((r.stdout + r.stderr).includes(secret)).toBe(false);
      }
    }
  });

  it('the environment contract stores SAGE300_PASSWORD as typed, and re-seals one stored upper-cased', async () => {
    const env = {
      ...world(),
      SAGE300_URL: sim.baseUrl,
      SAGE300_USER: DEMO_SAGE_MIXED_USER,
      SAGE300_PASSWORD: PASSWORD,
    };
    const app = await openApp({ env, logger: silentLogger(), notice: () => {} });
    try {
      const c = await applyEnvironmentConnection(app.store, app.config);
      // As an earlier version stored it: upper-cased.
      await app.store.connections.setCredential(c?.id ?? -1, 'sage300.password', PASSWORD.toUpperCase());
      await applyEnvironmentConnection(app.store, app.config);
    } finally {
      await app.close();
    }
    expect(await storedAsTyped(env, DEMO_SAGE_MIXED_USER)).toBe(true);
  });
});
