import { afterEach, describe, expect, it } from 'vitest';
import type { RequestPriority } from '../../src/integrations/shipstation/rate-budget.js';
import { V1Client } from '../../src/integrations/shipstation/v1-client.js';
import { createV1RateBudget } from '../../src/integrations/shipstation/v1-rate-budget.js';
import type { ShipStationSimulator } from '../../src/simulators/shipstation/shipstation-simulator.js';
import { startShipStationSimulator } from '../../src/simulators/shipstation/shipstation-simulator.js';
import { runPrefix, v1Order } from './fixtures.js';
import { DEMO_V1_KEY, DEMO_V1_SECRET, v1For, v2For } from './sim-setup.js';

const basic = `Basic ${Buffer.from(`${DEMO_V1_KEY}:${DEMO_V1_SECRET}`).toString('base64')}`;

/** "Another app" with the same V1 key pair: raw requests, no budget. */
async function otherApp(sim: ShipStationSimulator, count: number): Promise<Response[]> {
  const answers: Response[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${sim.origin}/warehouses`, { headers: { authorization: basic } });
    await response.text();
    answers.push(response);
  }
  return answers;
}

let sim: ShipStationSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

describe('V1 rate limit (40 per window per key pair)', () => {
  it('the 41st request inside one window gets 429 with the documented headers (raw fetch)', async () => {
    sim = await startShipStationSimulator({ v1Rate: 40 });
    const answers = await otherApp(sim, 41);
    expect(answers.slice(0, 40).every((r) => r.status === 200)).toBe(true);
    expect(answers[0]!.headers.get('x-rate-limit-limit')).toBe('40');
    expect(answers[0]!.headers.get('x-rate-limit-remaining')).toBe('39');
    expect(answers[39]!.headers.get('x-rate-limit-remaining')).toBe('0');
    const last = await fetch(`${sim.origin}/warehouses`, { headers: { authorization: basic } });
    expect(last.status).toBe(429);
    expect(await last.json()).toEqual({ message: 'Too Many Requests' });
    expect(last.headers.get('x-rate-limit-limit')).toBe('40');
    expect(last.headers.get('x-rate-limit-remaining')).toBe('0');
    const reset = Number(last.headers.get('x-rate-limit-reset'));
    expect(reset).toBeGreaterThan(0);
    expect(reset).toBeLessThanOrEqual(60);
  });

  it('the client pushes 5,000 orders with a 2-second window: zero 429s, 50 createorders calls', async () => {
    sim = await startShipStationSimulator({ v1Rate: 40, rateWindowMs: 2_000 });
    const v1 = v1For(sim);
    const prefix = runPrefix('Q');
    const orders = Array.from({ length: 5_000 }, (_, i) => v1Order(prefix, i + 1));
    const started = performance.now();
    const results = await v1.createOrders(orders);
    const elapsed = performance.now() - started;
    expect(results.filter((r) => r.success)).toHaveLength(5_000);
    const client = v1.stats.snapshot();
    const server = sim.stats.snapshot();
    expect(client.rateLimited).toBe(0);
    expect(server.rateLimited).toBe(0);
    expect(client.byEndpoint['POST /orders/createorders']?.requests).toBe(50);
    expect(server.total).toBeLessThanOrEqual(50 + 2);
    // 50 calls at 40 per 2-second window need a second window (a load can only make it slower, so this
    // lower bound cannot flake; how much slower is the machine's business, not the budget's).
    expect(elapsed).toBeGreaterThan(1_500);
  });

  it('another app spending part of the same window: the client follows the headers and gets no 429', async () => {
    sim = await startShipStationSimulator({ v1Rate: 40, rateWindowMs: 2_000 });
    const v1 = v1For(sim);
    // The other app spends 30 of the window before we start...
    const before = await otherApp(sim, 30);
    expect(before.every((r) => r.status === 200)).toBe(true);
    const prefix = runPrefix('A');
    await v1.createOrders(Array.from({ length: 300 }, (_, i) => v1Order(prefix, i + 1)));
    // ...and 4 more after we have learnt the window: our last count is stale until the next answer.
    const between = await otherApp(sim, 4);
    await v1.createOrders(Array.from({ length: 600 }, (_, i) => v1Order(prefix, i + 301)));
    for (let i = 0; i < 10; i++) await v1.listWarehouses();
    const client = v1.stats.snapshot();
    expect(client).toMatchObject({ requests: 3 + 6 + 10, rateLimited: 0 });
    // The only 429s the server gave (if any) went to the other app, which ignores the headers.
    const otherRefused = [...before, ...between].filter((r) => r.status === 429).length;
    expect(sim.stats.snapshot().rateLimited).toBe(otherRefused);
  });
});

describe('one V1 budget shared by concurrent flows', () => {
  it('queued writes go before queued polls, and 60 concurrent requests get no 429', async () => {
    sim = await startShipStationSimulator({ v1Rate: 40, rateWindowMs: 2_000 });
    // The order of grants is the budget's decision; the order of answers is the machine's (a loaded
    // machine answers a slow write after fast polls), so the grants are what is asserted.
    const budget = createV1RateBudget();
    const grants: RequestPriority[] = [];
    const acquire = budget.acquire.bind(budget);
    budget.acquire = (priority, signal) =>
      acquire(priority, signal).then((permit) => {
        grants.push(priority);
        return permit;
      });
    const v1 = new V1Client({
      baseUrl: sim.origin,
      credentials: { apiKey: DEMO_V1_KEY, apiSecret: DEMO_V1_SECRET },
      budget,
      timeoutMs: 30_000,
    });
    const prefix = runPrefix('C');
    // Polls are queued first; the writes arrive after them and still overtake them.
    const polls = Array.from({ length: 50 }, () => v1.listWarehouses());
    const writes = Array.from({ length: 10 }, (_, i) => v1.createOrder(v1Order(prefix, i + 1)));
    await Promise.all([...polls, ...writes]);
    expect(v1.stats.snapshot()).toMatchObject({ requests: 60, rateLimited: 0 });
    expect(sim.stats.snapshot().rateLimited).toBe(0);
    // One poll went first as the probe of the window; then every write before any other poll.
    expect(grants.slice(0, 11)).toEqual(['poll', ...Array.from({ length: 10 }, () => 'write')]);
    expect(grants.filter((g) => g === 'poll')).toHaveLength(50);
  });
});

describe('V2 self-throttle (200 per window, here 10 per 2 s)', () => {
  it('paces bursts under the limit: zero 429s', async () => {
    sim = await startShipStationSimulator({ v2Rate: 10, rateWindowMs: 2_000 });
    const v2 = v2For(sim, { limit: 10, windowMs: 2_000 });
    await Promise.all(Array.from({ length: 15 }, () => v2.listWarehouses()));
    expect(v2.stats.snapshot()).toMatchObject({ requests: 15, rateLimited: 0 });
    expect(sim.stats.snapshot()).toMatchObject({ total: 15, rateLimited: 0 });
  });

  // scripts/stress-tests.sh runs this one 20 times beside two busy loops.
  it('a burst with 300–1,500 ms latency before the server counts each request: zero 429s', async () => {
    sim = await startShipStationSimulator({ v2Rate: 10, rateWindowMs: 2_000 });
    // The latency is spent before the simulator's limiter counts the request: arrivals are late and spread.
    sim.admin.setFaults({ seed: Date.now() % 100_000, latency: [{ api: 'v2', ms: 300, jitterMs: 1_200 }] });
    const v2 = v2For(sim, { limit: 10, windowMs: 2_000 });
    await Promise.all(Array.from({ length: 15 }, () => v2.listWarehouses()));
    expect(v2.stats.snapshot()).toMatchObject({ requests: 15, rateLimited: 0 });
    expect(sim.stats.snapshot()).toMatchObject({ total: 15, rateLimited: 0 });
  });
});
