import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worstStatus } from '../../src/domain/ping.js';
import { pingShipStation } from '../../src/integrations/shipstation/ping.js';
import type { ShipStationSimulator } from '../../src/simulators/shipstation/shipstation-simulator.js';
import { DEMO_V1_KEY, DEMO_V1_SECRET, DEMO_V2_KEY, startSim } from './sim-setup.js';

let sim: ShipStationSimulator;
let noInventory: ShipStationSimulator;

beforeAll(async () => {
  sim = await startSim();
  noInventory = await startSim({ inventoryEnabled: false });
});
afterAll(async () => {
  await sim.stop();
  await noInventory.stop();
});

const v1 = (s: ShipStationSimulator, apiKey = DEMO_V1_KEY, apiSecret = DEMO_V1_SECRET) => ({
  baseUrl: s.origin,
  apiKey,
  apiSecret,
});
const v2 = (s: ShipStationSimulator, apiKey = DEMO_V2_KEY) => ({ baseUrl: s.v2Url, apiKey });

describe('pingShipStation against the simulator', () => {
  it('passes with both keys and counts warehouses, stores and carriers', async () => {
    const checks = await pingShipStation({ v1: v1(sim), v2: v2(sim) });
    expect(worstStatus(checks)).toBe('pass');
    expect(checks.find((c) => c.id === 'shipstation.v1.account')?.detail).toBe('3 warehouses, 1 store, 3 carriers');
    expect(checks.find((c) => c.id === 'shipstation.v2.account')?.detail).toBe('3 warehouses, 3 carriers');
    expect(checks.find((c) => c.id === 'shipstation.v2.inventory')).toMatchObject({ status: 'pass' });
  });

  it('V1 only: V2 checks are skipped and inventory says it needs a V2 key', async () => {
    const checks = await pingShipStation({ v1: v1(sim) });
    expect(checks.find((c) => c.id === 'shipstation.v2.credentials')?.status).toBe('skip');
    expect(checks.find((c) => c.id === 'shipstation.v2.inventory')).toMatchObject({ status: 'skip' });
    expect(checks.find((c) => c.id === 'shipstation.v2.inventory')?.detail).toMatch(/V2 API key/);
  });

  it('a V2 key entered as the V1 key gets its own finding', async () => {
    const checks = await pingShipStation({ v1: v1(sim, DEMO_V2_KEY, 'whatever'), bases: { v2: sim.v2Url } });
    const v1Check = checks.find((c) => c.id === 'shipstation.v1.credentials')!;
    expect(v1Check.status).toBe('fail');
    expect(v1Check.detail).toMatch(/is a V2 API key/);
    expect(v1Check.fix).toMatch(/V2 API key field/);
    // Without knowing where V2 lives (a custom V1 base), the key is not sent anywhere else.
    const blind = await pingShipStation({ v1: v1(sim, DEMO_V2_KEY, 'whatever') });
    expect(blind.find((c) => c.id === 'shipstation.v1.credentials')?.detail).toMatch(/refused/);
  });

  it('the V1 key entered as the V2 key gets its own finding', async () => {
    const checks = await pingShipStation({ v1: v1(sim), v2: v2(sim, DEMO_V1_KEY) });
    expect(checks.find((c) => c.id === 'shipstation.v1.credentials')?.status).toBe('pass');
    const v2Check = checks.find((c) => c.id === 'shipstation.v2.credentials')!;
    expect(v2Check).toMatchObject({ status: 'fail' });
    expect(v2Check.detail).toMatch(/is the V1 API key/);
  });

  it('a wrong key is a plain refusal, with no credential in the output', async () => {
    const checks = await pingShipStation({ v1: v1(sim, 'nope-key', 'nope-secret'), v2: v2(sim, 'nope-v2') });
    expect(checks.find((c) => c.id === 'shipstation.v1.credentials')?.detail).toMatch(/refused/);
    expect(checks.find((c) => c.id === 'shipstation.v2.credentials')?.detail).toMatch(/refused/);
    expect(JSON.stringify(checks)).not.toMatch(/nope-/);
  });

  it('without the Inventory add-on, inventory is a warning with what to do', async () => {
    const checks = await pingShipStation({ v2: v2(noInventory) });
    const inventory = checks.find((c) => c.id === 'shipstation.v2.inventory')!;
    expect(inventory.status).toBe('warn');
    expect(inventory.fix).toMatch(/Inventory add-on/);
  });

  it('an unreachable API is a failure that says to check the URL', async () => {
    const checks = await pingShipStation({
      v1: { baseUrl: 'http://127.0.0.1:9', apiKey: 'k', apiSecret: 's' },
      timeoutMs: 2_000,
    });
    const check = checks.find((c) => c.id === 'shipstation.v1.credentials')!;
    expect(check.status).toBe('fail');
    expect(check.fix).toMatch(/URL/);
  });
});
