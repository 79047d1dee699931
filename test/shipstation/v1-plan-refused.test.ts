import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pingShipStation } from '../../src/integrations/shipstation/ping.js';
import type { ShipStationSimulator } from '../../src/simulators/shipstation/shipstation-simulator.js';
import { DEMO_V1_KEY, DEMO_V1_SECRET, DEMO_V2_KEY, startSim } from './sim-setup.js';

/** A plan without V1 (INFERRED: V1 answers 401 or 403 while the V2 key works): ping says so and what to do. */
describe.each([401, 403] as const)('ping on an account whose plan has no V1 (V1 answers %i)', (status) => {
  let sim: ShipStationSimulator;
  beforeAll(async () => {
    sim = await startSim({ v1RefusedByPlan: status });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('names the plan and says to use the V2 key alone; the V2 checks pass', async () => {
    const raw = await fetch(`${sim.origin}/warehouses`, {
      headers: { authorization: `Basic ${Buffer.from(`${DEMO_V1_KEY}:${DEMO_V1_SECRET}`).toString('base64')}` },
    });
    expect(raw.status).toBe(status);
    const checks = await pingShipStation({
      v1: { baseUrl: sim.origin, apiKey: DEMO_V1_KEY, apiSecret: DEMO_V1_SECRET },
      v2: { baseUrl: sim.v2Url, apiKey: DEMO_V2_KEY },
    });
    const v1 = checks.find((c) => c.id === 'shipstation.v1.credentials')!;
    expect(v1.status).toBe('fail');
    expect(v1.detail).toContain(`refused the key and secret (${status}) while the V2 key works`);
    expect(v1.detail).toMatch(/plan most likely has no V1 API/);
    expect(v1.fix).toMatch(/^Use the V2 API key alone/);
    expect(v1.fix).toContain('nothing else changes');
    expect(checks.find((c) => c.id === 'shipstation.v2.credentials')?.status).toBe('pass');
  });

  it('without a V2 key it cannot tell: the usual refusal, no plan claim', async () => {
    const checks = await pingShipStation({
      v1: { baseUrl: sim.origin, apiKey: DEMO_V1_KEY, apiSecret: DEMO_V1_SECRET },
    });
    const v1 = checks.find((c) => c.id === 'shipstation.v1.credentials')!;
    expect(v1.status).toBe('fail');
    expect(v1.detail).not.toMatch(/plan/);
  });
});
