import { V1Client } from '../../src/integrations/shipstation/v1-client.js';
import { createV1RateBudget, type V1RateBudgetOptions } from '../../src/integrations/shipstation/v1-rate-budget.js';
import { V2Client } from '../../src/integrations/shipstation/v2-client.js';
import { createV2RateBudget, type V2RateBudgetOptions } from '../../src/integrations/shipstation/v2-rate-budget.js';
import { DEMO_V1_KEY, DEMO_V1_SECRET, DEMO_V2_KEY } from '../../src/simulators/demo-world.js';
import {
  type ShipStationSimulator,
  type ShipStationSimulatorOptions,
  startShipStationSimulator,
} from '../../src/simulators/shipstation/shipstation-simulator.js';

export { DEMO_V1_KEY, DEMO_V1_SECRET, DEMO_V2_KEY };

/** A simulator for functional tests: generous limits so the tests are not paced by the 40/min window. */
export function startSim(options: ShipStationSimulatorOptions = {}): Promise<ShipStationSimulator> {
  return startShipStationSimulator({ v1Rate: 10_000, v2Rate: 10_000, ...options });
}

export function v1For(sim: ShipStationSimulator, budget: V1RateBudgetOptions = {}, timeoutMs = 10_000): V1Client {
  return new V1Client({
    baseUrl: sim.origin,
    credentials: { apiKey: DEMO_V1_KEY, apiSecret: DEMO_V1_SECRET },
    budget: createV1RateBudget(budget),
    timeoutMs,
  });
}

export function v2For(sim: ShipStationSimulator, budget: V2RateBudgetOptions = {}, timeoutMs = 10_000): V2Client {
  return new V2Client({
    baseUrl: sim.v2Url,
    credentials: { apiKey: DEMO_V2_KEY },
    budget: createV2RateBudget({ limit: 10_000, ...budget }),
    timeoutMs,
  });
}

/** The simulator's admin API (warehouse staff and fault injection). */
export async function admin(sim: ShipStationSimulator, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sim.origin}/_sim${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`admin ${method} ${path} → ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}
