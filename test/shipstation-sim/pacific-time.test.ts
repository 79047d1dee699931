import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/manual-clock.js';
import {
  type ShipStationSimulator,
  startShipStationSimulator,
} from '../../src/simulators/shipstation/shipstation-simulator.js';
import { v1, v1Order, v2 } from './sim-helpers.js';

/**
 * America/Los_Angeles leaves daylight time at 2026-11-01 02:00 PDT (09:00 UTC): 01:00–02:00 happens twice.
 * V1 writes both as the same wall-clock string; filters read naive values as Pacific, an ambiguous one as standard
 * time (the later instant, as .NET and luxon do), and honour an explicit offset.
 */
describe('ShipStation simulator: V1 Pacific time around the November DST change', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 1, 8, 30, 0));
  let sim: ShipStationSimulator;
  let early: { orderId: number; createDate: string };
  let late: { orderId: number; createDate: string };

  beforeAll(async () => {
    sim = await startShipStationSimulator({ clock });
    early = (await v1(sim.origin, 'POST', '/orders/createorder', v1Order(1, { orderDate: '2026-11-01T01:30:00' })))
      .body;
    await clock.advance(60 * 60 * 1000); // 09:30 UTC = 01:30 PST
    late = (await v1(sim.origin, 'POST', '/orders/createorder', v1Order(2, { orderDate: '2026-11-01 01:30:00' }))).body;
  });
  afterAll(() => sim.stop());

  const numbers = async (query: string) =>
    (await v1(sim.origin, 'GET', `/orders?${query}`)).body.orders.map((o: { orderNumber: string }) => o.orderNumber);

  it('writes both createDates as the same Pacific wall-clock time, 7 fractional digits, no offset', () => {
    expect(early.createDate).toBe('2026-11-01T01:30:00.0000000');
    expect(late.createDate).toBe('2026-11-01T01:30:00.0000000');
  });

  it('V2 shows the two instants in UTC', async () => {
    expect((await v2(sim.origin, 'GET', `/shipments/se-${early.orderId}`)).body.created_at).toBe(
      '2026-11-01T08:30:00.000Z',
    );
    expect((await v2(sim.origin, 'GET', `/shipments/se-${late.orderId}`)).body.created_at).toBe(
      '2026-11-01T09:30:00.000Z',
    );
  });

  it('reads naive filter values as Pacific, an ambiguous one as standard time', async () => {
    expect(await numbers('createDateStart=2026-11-01%2001:30:00')).toEqual(['2']);
    expect(await numbers('createDateEnd=2026-11-01%2001:45:00')).toEqual(['1', '2']);
    expect(await numbers('createDateStart=2026-11-01%2000:59:00&createDateEnd=2026-11-01%2001:00:00')).toEqual(['1']);
    expect(await numbers('createDateEnd=2026-11-01%2000:59:59')).toEqual([]);
  });

  it('honours an explicit offset or Z in a filter value', async () => {
    expect(await numbers('createDateStart=2026-11-01T01:00:00-07:00&createDateEnd=2026-11-01T01:59:59-07:00')).toEqual([
      '1',
    ]);
    expect(await numbers('createDateStart=2026-11-01T09:00:00Z')).toEqual(['2']);
  });

  it('stores request dates as Pacific: an orderDate sent naive comes back unchanged', () => {
    expect((early as unknown as { orderDate: string }).orderDate).toBe('2026-11-01T01:30:00.0000000');
  });
});

describe('ShipStation simulator: V1 Pacific time around the March DST change', () => {
  it('jumps from 01:59 PST to 03:00 PDT and filters across the gap', async () => {
    const clock = new ManualClock(Date.UTC(2026, 2, 8, 9, 59, 0)); // 01:59 PST
    const sim = await startShipStationSimulator({ clock });
    try {
      const before = (await v1(sim.origin, 'POST', '/orders/createorder', v1Order(3))).body;
      await clock.advance(60 * 1000); // 10:00 UTC = 03:00 PDT
      const after = (await v1(sim.origin, 'POST', '/orders/createorder', v1Order(4))).body;
      expect(before.createDate).toBe('2026-03-08T01:59:00.0000000');
      expect(after.createDate).toBe('2026-03-08T03:00:00.0000000');
      const list = async (query: string) =>
        (await v1(sim.origin, 'GET', `/orders?${query}`)).body.orders.map(
          (o: { orderNumber: string }) => o.orderNumber,
        );
      expect(await list('createDateStart=2026-03-08%2001:59:30')).toEqual(['4']);
      expect(await list('createDateEnd=2026-03-08%2003:00:00')).toEqual(['3', '4']);
      // 02:30 does not exist that night: it is read with the standard offset (= 03:30 PDT), as luxon and java.time do.
      expect(await list('createDateStart=2026-03-08%2002:30:00')).toEqual([]);
      const shipped = (
        await v1(sim.origin, 'POST', '/orders/markasshipped', { orderId: after.orderId, carrierCode: 'ups' })
      ).body;
      expect(shipped.orderId).toBe(after.orderId);
      // shipDate defaults to today in Pacific time (10:00 UTC on 8 March is still 8 March there).
      expect(
        (await v1(sim.origin, 'GET', `/fulfillments?orderId=${after.orderId}`)).body.fulfillments[0].shipDate,
      ).toBe('2026-03-08T00:00:00.0000000');
    } finally {
      await sim.stop();
    }
  });
});
