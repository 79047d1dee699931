import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyIdOf } from '../../src/vault/key-id.js';
import { runCli } from '../helpers/cli.js';

const SECRETS = {
  sagePassword: 'Sekret-Pass-9931',
  v1Key: 'v1key-3f9a0c7e11b2',
  v1Secret: 'v1secret-88d1e2aa47',
  v2Key: 'v2key-TEST_6b1f99d0c3',
};

function dataDir(): string {
  return mkdtempSync(join(tmpdir(), 'mlc-cli-'));
}

describe('ml-connector foundation commands', () => {
  it('config check prints every problem of a config with three errors, and exits 2', async () => {
    const dir = dataDir();
    const file = join(dir, 'config.json');
    writeFileSync(
      file,
      JSON.stringify({ PORT: 'eighty', SHIPSTATION_ORDERS_API: 'v3', SAGE300_TIMEZONE: 'Nowhere/Town' }),
    );
    const r = await runCli(['--config', file, 'config', 'check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/3 problems in the configuration/);
    expect(r.stderr).toMatch(/PORT must be a port number/);
    expect(r.stderr).toMatch(/SHIPSTATION_ORDERS_API must be v1 or v2/);
    expect(r.stderr).toMatch(/SAGE300_TIMEZONE must be an IANA time zone/);
    const ok = await runCli(['config', 'check'], { env: { ML_CONNECTOR_DATA_DIR: dir } });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Configuration is valid/);
  });

  it('start refuses a bad configuration with the whole list and exit 2, never "Unexpected error"', async () => {
    const r = await runCli(['start'], {
      env: {
        ML_CONNECTOR_DATA_DIR: dataDir(),
        SAGE300_URL: 'erp.example.com',
        SAGE300_USER: 'WEBAPI',
        SAGE300_PASSWORD: 'x',
        LOG_LEVEL: 'verbose',
      },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SAGE300_URL must be an http:\/\/ or https:\/\/ URL: add https:\/\/ in front/);
    expect(r.stderr).toMatch(/LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent/);
    expect(r.stderr).toMatch(/run "ml-connector config check"/);
    expect(r.stderr).not.toMatch(/Unexpected error|Invalid URL/);
  });

  it('status and ping without a connection say where they looked and how to add one, and exit non-zero', async () => {
    const dir = dataDir();
    for (const cmd of ['status', 'ping']) {
      const r = await runCli([cmd], { env: { ML_CONNECTOR_DATA_DIR: dir } });
      expect(r.code, cmd).toBe(1);
      expect(r.stderr).toContain(`No connection is configured in ${dir} (ML_CONNECTOR_DATA_DIR).`);
      expect(r.stderr).toContain('`ml-connector connect sage300 …`');
      expect(r.stderr).toContain(`\`ML_CONNECTOR_DATA_DIR=${join(dir, 'demo')} ml-connector status\``);
      expect(r.stdout).toBe('');
    }
  });

  it('sim shipstation --help names the demo credentials it defaults to', async () => {
    const r = await runCli(['sim', 'shipstation', '--help']);
    expect(r.code).toBe(0);
    for (const value of ['demo-v1-key', 'demo-v1-secret', 'demo-v2-key']) expect(r.stdout).toContain(value);
    expect(r.stdout).not.toMatch(/\(default: the demo key\)/);
  });

  it('stores credentials encrypted: no secret in the SQLite file or in debug logs', async () => {
    const dir = dataDir();
    const env = { ML_CONNECTOR_DATA_DIR: dir, LOG_LEVEL: 'debug' };
    const sage = await runCli(
      [
        'connect',
        'sage300',
        '--name',
        'acme',
        '--url',
        'http://127.0.0.1:9/Sage300WebApi/v1.0/-/SAMINC',
        '--user',
        'webapi',
        '--password-stdin',
      ],
      { env, input: `${SECRETS.sagePassword}\n` },
    );
    expect(sage.code).toBe(0);
    expect(sage.stdout).toMatch(/Saved the Sage 300 half of connection "acme" \(company SAMINC\)/);
    expect(sage.stdout).toMatch(/stored as typed and sent in upper case/);
    expect(sage.stderr).toMatch(/Created a new encryption keyring at .*keyring\.json/);
    expect(sage.stderr).toMatch(/Back it up now/);
    const ship = await runCli(
      [
        'connect',
        'shipstation',
        '--name',
        'acme',
        '--api-key',
        SECRETS.v1Key,
        '--api-secret-stdin',
        '--v2-api-key',
        SECRETS.v2Key,
      ],
      { env, input: SECRETS.v1Secret },
    );
    expect(ship.code).toBe(0);
    expect(ship.stdout).toMatch(/Orders will be sent through ShipStation V1/);
    const list = await runCli(['connections'], { env });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/acme\s+SAMINC at 127\.0\.0\.1:9\s+V1\+V2\s+ok\s+cli/);

    const keyring = join(dir, 'keyring.json');
    expect(statSync(keyring).mode & 0o777).toBe(0o600);
    const everything = [sage, ship, list].map((r) => r.stdout + r.stderr).join('\n');
    const files = readdirSync(dir).filter((f) => f.startsWith('ml-connector.db'));
    expect(files.length).toBeGreaterThan(0);
    const raw = files.map((f) => readFileSync(join(dir, f)).toString('latin1')).join('');
    for (const s of [
      SECRETS.sagePassword,
      SECRETS.sagePassword.toUpperCase(),
      SECRETS.v1Key,
      SECRETS.v1Secret,
      SECRETS.v2Key,
    ]) {
      expect(raw).not.toContain(s);
      expect(everything).not.toContain(s);
    }
  });

  it('keys rotate: secrets sealed under key A read under key B; key A alone then gets an error naming the missing key', async () => {
    const dir = dataDir();
    const a = randomBytes(32).toString('base64');
    const b = randomBytes(32).toString('base64');
    const withA = { ML_CONNECTOR_DATA_DIR: dir, ML_CONNECTOR_MASTER_KEY: a };
    expect(
      (await runCli(['connect', 'shipstation', '--name', 'r', '--v2-api-key', SECRETS.v2Key], { env: withA })).code,
    ).toBe(0);
    const rotated = await runCli(['keys', 'rotate', '--new-key', b], { env: withA });
    expect(rotated.code).toBe(0);
    const idB = keyIdOf(Buffer.from(b, 'base64'));
    const idA = keyIdOf(Buffer.from(a, 'base64'));
    expect(rotated.stdout).toContain(`under key ${idB} (was ${idA})`);
    const withB = await runCli(['connections'], { env: { ML_CONNECTOR_DATA_DIR: dir, ML_CONNECTOR_MASTER_KEY: b } });
    expect(withB.code).toBe(0);
    expect(withB.stdout).toMatch(/r\s+\(not set\)\s+V2\s+ok/);
    const stale = await runCli(['connections'], { env: withA });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain(`encrypted with key ${idB}, which this process does not have`);
    expect(stale.stdout).toContain('ml-connector connect shipstation --name r');
    expect(stale.stdout + stale.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('keys rotate and prune on a keyring file', async () => {
    const dir = dataDir();
    const env = { ML_CONNECTOR_DATA_DIR: dir };
    await runCli(['connect', 'shipstation', '--name', 'k', '--v2-api-key', 'abc-def-123'], { env });
    const before = JSON.parse(readFileSync(join(dir, 'keyring.json'), 'utf8')) as { keys: unknown[] };
    expect(before.keys).toHaveLength(1);
    const rotated = await runCli(['keys', 'rotate'], { env });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain('run `ml-connector keys reload`');
    expect(rotated.stdout).not.toMatch(/SIGHUP/);
    const pruned = await runCli(['keys', 'prune'], { env });
    expect(pruned.stdout).toMatch(/Removed unused key [0-9a-f]{8}/);
    const after = JSON.parse(readFileSync(join(dir, 'keyring.json'), 'utf8')) as { keys: unknown[] };
    expect(after.keys).toHaveLength(1);
    expect((await runCli(['connections'], { env })).stdout).toMatch(/k\s+\(not set\)\s+V2\s+ok/);
  });

  it('refuses a Sage URL without the company segment, in plain words', async () => {
    const r = await runCli(
      [
        'connect',
        'sage300',
        '--name',
        'x',
        '--url',
        'https://erp.example.com/Sage300WebApi',
        '--user',
        'A',
        '--password',
        'B',
      ],
      {
        env: { ML_CONNECTOR_DATA_DIR: dataDir() },
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/must be the Web API base including the company/);
  });
});
