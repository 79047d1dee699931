import { generateOrders } from './order-generate.js';
import { seededRandom } from './prng.js';
import { seedCustomers } from './seed-customers.js';
import { seedItems, seedMasterData } from './seed-demo.js';
import type { SimState } from './sim-state.js';

/**
 * A company of a multi-company simulator (docs/simulator-fidelity.md, "Tenants"): the demo distributor's master
 * data (the same locations, ship-via codes, 200 items and 50 customers in every company, so one set of mappings
 * serves all) and `openOrders` open orders of its own, dated over the last 14 days and drawn from `index`'s own
 * random numbers, so companies differ from each other and from run to run not at all.
 */
export function seedCompany(st: SimState, openOrders: number, index: number): void {
  const master = seededRandom(300);
  seedMasterData(st);
  seedItems(st, master);
  seedCustomers(st, master);
  if (openOrders > 0) {
    generateOrders(st, { count: openOrders, status: 'open', days: 14, random: seededRandom(1000 + index) });
  }
}
