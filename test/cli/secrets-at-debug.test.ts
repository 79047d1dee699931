import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sage300Simulator, startSage300Simulator } from '../../src/simulators/sage300/server.js';
import {
  type ShipStationSimulator,
  startShipStationSimulator,
} from '../../src/simulators/shipstation/shipstation-simulator.js';
import { runCli } from '../helpers/cli.js';
import { enterOrders } from '../helpers/sage-orders.js';

/**
 * Issue 2: credentials stored, logs written at debug level while the connector really talks to both systems
 * (HTTP with Basic auth and API-Key headers), then the raw bytes of the SQLite files and every log line are
 * searched: no password, API key or secret appears in clear, nor their Basic encoding.
 */
const SECRETS = {
  sageUser: 'APIUSER7',
  sagePassword: 'Z9QPASSWORD4471',
  v1Key: 'v1key-5d1c0e3a9b77',
  v1Secret: 'v1secret-e81f02bc6d',
  v2Key: 'TEST_v2key-8c3a77f1e0',
};

// With both keys, and with the V2 key alone (a plan without V1, issue 14): the same commands, V1 never called.
describe.each([{ apis: 'v1+v2' as const }, { apis: 'v2' as const }])(
  'no secret in the database or in debug logs ($apis)',
  ({ apis }) => {
    let sage: Sage300Simulator;
    let ss: ShipStationSimulator;
    beforeAll(async () => {
      sage = await startSage300Simulator({ seed: 'demo', user: SECRETS.sageUser, password: SECRETS.sagePassword });
      ss = await startShipStationSimulator({
        seed: 'demo',
        v1Key: SECRETS.v1Key,
        v1Secret: SECRETS.v1Secret,
        v2Key: SECRETS.v2Key,
        rateWindowMs: 1000,
      });
      enterOrders(sage, 20);
    });
    afterAll(async () => {
      await Promise.all([sage?.stop(), ss?.stop()]);
    });

    it('after connect, ping, reference and orders passes at LOG_LEVEL=debug', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mlc-secrets-'));
      const env = {
        ML_CONNECTOR_DATA_DIR: dir,
        LOG_LEVEL: 'debug',
        MAPPINGS_AUTO: 'accept',
        SHIPSTATION_RATE_WINDOW_MS: '1000',
        ML_CONNECTOR_MASTER_KEY: randomBytes(32).toString('base64'),
      };
      const steps = [
        await runCli(
          ['connect', 'sage300', '--name', 'x', '--url', sage.baseUrl, '--user', SECRETS.sageUser, '--password-stdin'],
          { env, input: SECRETS.sagePassword },
        ),
        await runCli(
          [
            'connect',
            'shipstation',
            '--name',
            'x',
            ...(apis === 'v2' ? [] : ['--api-key', SECRETS.v1Key, '--api-secret-stdin']),
            '--v2-api-key',
            SECRETS.v2Key,
            '--v1-url',
            ss.origin,
            '--v2-url',
            ss.v2Url,
          ],
          apis === 'v2' ? { env } : { env, input: SECRETS.v1Secret },
        ),
        await runCli(['ping'], { env }),
        await runCli(['sync', 'reference'], { env }),
        await runCli(['sync', 'orders'], { env }),
        await runCli(['status'], { env }),
      ];
      for (const s of steps) expect(s.code, s.stderr).toBe(0);
      const [, , ping, , orders, status] = steps;
      // Every check passes (ping prints a FAIL or WARN line otherwise), and status names the APIs in use.
      expect(ping!.stdout).not.toMatch(/\[(FAIL|WARN)\]/);
      expect(orders!.stdout).toMatch(/Ran orders for "x"/);
      expect(status!.stdout).toContain(
        apis === 'v2' ? 'ShipStation V2 orders, V2 inventory' : 'ShipStation V1 orders, V2 inventory',
      );
      if (apis === 'v2') expect(ss.stats.snapshot().byApi.v1).toBe(0);
      const logs = steps.map((s) => s.stdout + s.stderr).join('\n');
      expect(logs).toMatch(/"level":20/); // debug lines were written
      expect(logs).toMatch(/sage300 request|shipstation request/);
      expect(ss.admin.listOrders().length).toBeGreaterThan(0);
      const db = readdirSync(dir)
        .filter((f) => f.startsWith('ml-connector.db'))
        .map((f) => readFileSync(join(dir, f)).toString('latin1'))
        .join('');
      // The user name is not a secret (ping names it); passwords, keys and secrets are, and their Basic forms.
      const { sageUser: _user, ...secret } = SECRETS;
      const forms = Object.values(secret).flatMap((v) => [v, Buffer.from(v).toString('base64')]);
      forms.push(Buffer.from(`${SECRETS.sageUser}:${SECRETS.sagePassword}`).toString('base64'));
      forms.push(Buffer.from(`${SECRETS.v1Key}:${SECRETS.v1Secret}`).toString('base64'));
      for (const f of forms) {
        expect(db, 'database').not.toContain(f);
        expect(logs, 'logs').not.toContain(f);
      }
    });
  },
);
