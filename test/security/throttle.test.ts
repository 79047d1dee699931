import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { startService } from '../../src/compose.js';
import { createLogger } from '../../src/observability/logger.js';
import { fieldValue, HttpClient } from '../dashboard/dashboard-service.js';

/**
 * Issue 13, point 5: with TRUST_PROXY off (the default), a spoofed X-Forwarded-For changes nothing: the
 * guesser is slowed down as the one peer it is, the right password still signs in within 2 s, and the log
 * names the real peer, never the spoofed addresses.
 */
const ADMIN = 'throttle-admin-password';

describe('sign-in throttle with spoofed X-Forwarded-For', () => {
  const logs: string[] = [];
  let url: string;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    });
    const app = await openApp({
      env: {
        ML_CONNECTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'mlc-throttle-')),
        ML_CONNECTOR_MASTER_KEY: randomBytes(32).toString('base64'),
        HOST: '127.0.0.1',
        PORT: '0',
        DEMO: 'off',
        ADMIN_PASSWORD: ADMIN,
      },
      logger: createLogger({ level: 'info', destination }),
      notice: () => {},
    });
    // Short delays keep the test fast; the 2 s ceiling itself is the unit test's (login-throttle.test.ts).
    const running = await startService(app, {
      dashboard: { throttle: { perAddress: 3, overall: 6, windowMs: 60_000, baseDelayMs: 20, maxDelayMs: 400 } },
    });
    url = running.servers.adminUrl;
    stop = async () => {
      await running.stop();
      await app.close();
    };
  });
  afterAll(async () => {
    await stop?.();
  });

  const attempt = async (address: string, password: string) => {
    const c = new HttpClient(url);
    const login = await c.get('/login');
    const started = performance.now();
    const res = await c.post(
      '/login',
      { _csrf: fieldValue(login.text, '_csrf'), password },
      { 'x-forwarded-for': address },
    );
    return { status: res.status, ms: performance.now() - started };
  };

  it('slows the guesser, never refuses, lets the right password in, and logs the real peer', async () => {
    const wrong = [];
    for (let i = 0; i < 12; i++) wrong.push(await attempt(`198.51.100.${i}`, 'not-the-password'));
    expect(wrong.map((w) => w.status)).toEqual(Array(12).fill(401));
    // The last attempts waited (all came from one peer whatever they claimed).
    expect(wrong.at(-1)!.ms).toBeGreaterThanOrEqual(400);
    const right = await attempt('198.51.100.200', ADMIN);
    expect(right.status).toBe(303);
    expect(right.ms).toBeLessThan(2000);
    const failures = logs.filter((l) => l.includes('failed sign-in')).map((l) => JSON.parse(l));
    expect(failures).toHaveLength(12);
    for (const f of failures) expect(f).toMatchObject({ ip: '127.0.0.1', peer: '127.0.0.1' });
    expect(logs.join('')).not.toContain('198.51.100.');
  });
});
