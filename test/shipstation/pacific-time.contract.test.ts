import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clock, systemClock } from '../../src/domain/clock.js';
import { parsePacific } from '../../src/integrations/shipstation/pacific-time.js';
import type { V1Client } from '../../src/integrations/shipstation/v1-client.js';
import { v1OrderToInput } from '../../src/integrations/shipstation/v1-order-input.js';
import type { ShipStationSimulator } from '../../src/simulators/shipstation/shipstation-simulator.js';
import { runPrefix, v1Order } from './fixtures.js';
import { startSim, v1For } from './sim-setup.js';

/** The simulator's clock, set to chosen instants around the DST changes (it keeps ticking from there). */
class SettableClock implements Clock {
  private offset = 0;
  set(iso: string): void {
    this.offset = Date.parse(iso) - Date.now();
  }
  now(): number {
    return Date.now() + this.offset;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return systemClock.sleep(ms, signal);
  }
}

const clock = new SettableClock();
let sim: ShipStationSimulator;
let v1: V1Client;
let prefix: string;
const ids: Record<string, number> = {};

async function createAt(iso: string, name: string, n: number): Promise<void> {
  clock.set(iso);
  const order = await v1.createOrder(v1Order(prefix, n));
  ids[name] = order.orderId;
  // What V1 says (Pacific, no offset) read back through the client is the instant the order was made.
  expect(Math.abs(parsePacific(order.createDate).getTime() - Date.parse(iso))).toBeLessThan(2_000);
}

async function created(from?: string, to?: string): Promise<number[]> {
  const orders = await v1
    .listOrders({
      orderNumberPrefix: prefix,
      ...(from ? { createdFrom: new Date(from) } : {}),
      ...(to ? { createdTo: new Date(to) } : {}),
    })
    .toArray();
  return orders.map((o) => o.orderId);
}

beforeAll(async () => {
  sim = await startSim({ clock });
  v1 = v1For(sim);
  prefix = runPrefix('D');
  // Spring forward, 2026-03-08: 02:00 PST becomes 03:00 PDT at 10:00Z.
  await createAt('2026-03-08T09:59:00.000Z', 'beforeSpring', 1); // 01:59 PST
  await createAt('2026-03-08T10:01:00.000Z', 'afterSpring', 2); // 03:01 PDT
  // Fall back, 2026-11-01: 02:00 PDT becomes 01:00 PST at 09:00Z.
  await createAt('2026-11-01T07:30:00.000Z', 'beforeFall', 3); // 00:30 PDT
  await createAt('2026-11-01T10:30:00.000Z', 'afterFall', 4); // 02:30 PST
});
afterAll(async () => {
  await sim.stop();
});

describe('V1 dates agree with America/Los_Angeles across DST changes (against the simulator)', () => {
  it('response dates are Pacific wall-clock times of the instant', async () => {
    const read = async (id: number) => (await v1.getOrder(id)).createDate.slice(0, 16);
    expect(await read(ids.beforeSpring!)).toBe('2026-03-08T01:59');
    expect(await read(ids.afterSpring!)).toBe('2026-03-08T03:01');
    expect(await read(ids.beforeFall!)).toBe('2026-11-01T00:30');
    expect(await read(ids.afterFall!)).toBe('2026-11-01T02:30');
  });

  it('created-date filters sent as Pacific select the same orders as the UTC instants', async () => {
    expect(await created('2026-03-08T10:00:00Z', '2026-03-09T00:00:00Z')).toEqual([ids.afterSpring]);
    expect(await created('2026-03-08T00:00:00Z', '2026-03-08T09:59:59Z')).toEqual([ids.beforeSpring]);
    expect(await created('2026-11-01T10:00:00Z', '2026-11-02T00:00:00Z')).toEqual([ids.afterFall]);
    expect(await created('2026-11-01T00:00:00Z', '2026-11-01T08:59:59Z')).toEqual([ids.beforeFall]);
    expect(await created('2026-03-08T09:00:00Z', '2026-11-01T08:00:00Z')).toEqual([
      ids.beforeSpring,
      ids.afterSpring,
      ids.beforeFall,
    ]);
  });

  it('modified-date filters and modifyDate follow the same rule', async () => {
    clock.set('2026-03-08T10:30:00.000Z'); // 03:30 PDT
    const order = await v1.getOrder(ids.beforeSpring!);
    const updated = await v1.createOrder({ ...v1OrderToInput(order), internalNotes: 'edited' });
    expect(updated.modifyDate.slice(0, 16)).toBe('2026-03-08T03:30');
    expect(Math.abs(parsePacific(updated.modifyDate).getTime() - Date.parse('2026-03-08T10:30:00Z'))).toBeLessThan(
      2_000,
    );
    const modified = await v1
      .listOrders({
        orderNumberPrefix: prefix,
        modifiedFrom: new Date('2026-03-08T10:15:00Z'),
        modifiedTo: new Date('2026-03-08T11:00:00Z'),
      })
      .toArray();
    expect(modified.map((o) => o.orderId)).toEqual([ids.beforeSpring]);
  });

  it('the repeated hour reads as its first occurrence (documented choice)', async () => {
    await createAt('2026-11-01T08:30:00.000Z', 'firstPass', 5); // 01:30 PDT
    clock.set('2026-11-01T09:30:00.000Z'); // 01:30 PST: the same wall-clock time
    const second = await v1.createOrder(v1Order(prefix, 6));
    expect(second.createDate.slice(0, 16)).toBe('2026-11-01T01:30');
    // V1 cannot tell the two apart; we read both as 08:30Z (earlier offset), one hour early for the second.
    expect(parsePacific(second.createDate).toISOString().slice(0, 16)).toBe('2026-11-01T08:30');
    // A cursor inside that hour must not skip the second order, whichever instant the server reads "01:xx" as.
    expect(await created('2026-11-01T08:45:00Z', '2026-11-01T09:45:00Z')).toContain(second.orderId);
    expect(await created('2026-11-01T09:15:00Z')).toContain(second.orderId);
    expect(await created(undefined, '2026-11-01T08:40:00Z')).toContain(ids.firstPass);
  });
});
