import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ShipStationSimulator,
  startShipStationSimulator,
} from '../../src/simulators/shipstation/shipstation-simulator.js';
import { v1, v2 } from './sim-helpers.js';

describe('ShipStation simulator: authentication', () => {
  let sim: ShipStationSimulator;
  beforeAll(async () => {
    sim = await startShipStationSimulator();
  });
  afterAll(() => sim.stop());

  it('V1 answers 401 without credentials and with a wrong key pair, 200 with the right one', async () => {
    const none = await fetch(`${sim.origin}/warehouses`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ Message: 'Authorization has been denied for this request.' });
    const wrong = await v1(
      sim.origin,
      'GET',
      '/warehouses',
      undefined,
      `Basic ${Buffer.from('demo-v1-key:nope').toString('base64')}`,
    );
    expect(wrong.status).toBe(401);
    const right = await v1(sim.origin, 'GET', '/warehouses');
    expect(right.status).toBe(200);
    expect(right.body).toHaveLength(3);
  });

  it('V2 answers 401 with its error envelope for a missing or wrong API-Key', async () => {
    const none = await fetch(`${sim.v2Url}/warehouses`);
    expect(none.status).toBe(401);
    const wrong = await v2(sim.origin, 'GET', '/warehouses', undefined, 'demo-v1-key');
    expect(wrong.status).toBe(401);
    expect(wrong.body.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(wrong.body.errors).toEqual([
      expect.objectContaining({ error_source: 'ShipStation', error_type: 'security', error_code: 'unauthorized' }),
    ]);
    // V2 keys do not open V1 and V1 Basic does not open V2.
    const basicOnV2 = await fetch(`${sim.v2Url}/warehouses`, {
      headers: { authorization: 'Basic ZGVtby12MS1rZXk6ZGVtby12MS1zZWNyZXQ=' },
    });
    expect(basicOnV2.status).toBe(401);
  });
});

describe('ShipStation simulator: rate limits', () => {
  it('the 41st V1 request inside one window gets 429 with the documented headers and body', async () => {
    const sim = await startShipStationSimulator({ rateWindowMs: 60_000 });
    try {
      const answers = [];
      for (let i = 0; i < 41; i++) answers.push(await v1(sim.origin, 'GET', '/warehouses'));
      const first = answers[0]!;
      expect(first.headers.get('x-rate-limit-limit')).toBe('40');
      expect(first.headers.get('x-rate-limit-remaining')).toBe('39');
      expect(Number(first.headers.get('x-rate-limit-reset'))).toBeGreaterThanOrEqual(59);
      expect(answers[39]!.status).toBe(200);
      expect(answers[39]!.headers.get('x-rate-limit-remaining')).toBe('0');
      const last = answers[40]!;
      expect(last.status).toBe(429);
      expect(last.body).toEqual({ message: 'Too Many Requests' });
      expect(last.headers.get('x-rate-limit-limit')).toBe('40');
      expect(last.headers.get('x-rate-limit-remaining')).toBe('0');
      const reset = Number(last.headers.get('x-rate-limit-reset'));
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(60);
      expect(last.headers.get('retry-after')).toBeNull();
      // The admin API and /jwks are not API requests: they neither count nor get refused.
      expect((await fetch(`${sim.origin}/_sim/stats`)).status).toBe(200);
      expect((await fetch(sim.jwksUrl)).status).toBe(200);
      expect(sim.stats.snapshot()).toMatchObject({ total: 41, rateLimited: 1 });
    } finally {
      await sim.stop();
    }
  });

  it('a shortened window keeps the arithmetic and opens again when it ends', async () => {
    const sim = await startShipStationSimulator({ v1Rate: 3, rateWindowMs: 400 });
    try {
      for (let i = 0; i < 3; i++) expect((await v1(sim.origin, 'GET', '/stores')).status).toBe(200);
      const refused = await v1(sim.origin, 'GET', '/stores');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('x-rate-limit-reset')).toBe('1');
      const ms = Number(refused.headers.get('x-rate-limit-reset-ms'));
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThanOrEqual(400);
      await new Promise((r) => setTimeout(r, ms + 20));
      const again = await v1(sim.origin, 'GET', '/stores');
      expect(again.status).toBe(200);
      expect(again.headers.get('x-rate-limit-remaining')).toBe('2');
    } finally {
      await sim.stop();
    }
  });

  it('V2 answers 429 with Retry-After (whole seconds, at least 1), its envelope and no X-Rate-Limit headers', async () => {
    const sim = await startShipStationSimulator({ v2Rate: 5, rateWindowMs: 2_500 });
    try {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await v2(sim.origin, 'GET', '/carriers'));
      expect(answers.slice(0, 5).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      const refused = answers[5]!;
      expect(refused.status).toBe(429);
      expect(['2', '3']).toContain(refused.headers.get('retry-after'));
      expect(refused.body.errors[0]).toMatchObject({ error_type: 'system', error_code: 'rate_limit_exceeded' });
      for (const a of answers) {
        expect([...a.headers.keys()].filter((k) => k.startsWith('x-rate-limit'))).toEqual([]);
      }
      // V1 and V2 budgets are separate.
      expect((await v1(sim.origin, 'GET', '/carriers')).status).toBe(200);
    } finally {
      await sim.stop();
    }
  });
});
