import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOrders } from '../../src/runtime/flows/orders-flow.js';
import { runReference } from '../../src/runtime/flows/reference-flow.js';
import { runCli } from '../helpers/cli.js';
import { enterOrders, plainItems, stockUp } from '../helpers/sage-orders.js';
import { startWorld, type World } from '../helpers/world.js';

// With both keys (orders through V1) and with the V2 key alone (a plan without V1, issue 14). The CLI's
// output comes from the store, the same whichever API sent the orders: those commands run once, with both.
describe.each([{ apis: 'v1+v2' as const }, { apis: 'v2' as const }])(
  'bad input holds one order with a specific reason; the rest flow ($apis)',
  ({ apis }) => {
    let w: World;
    const numbers: Record<string, string> = {};
    const cli = apis === 'v1+v2';

    beforeAll(async () => {
      w = await startWorld(apis === 'v2' ? { v2Only: true } : { api: 'v1' });
      w.sage.admin.addShipVia({ code: 'DHLEXP', name: 'DHL Express Worldwide' });
      await runReference(w.connector, w.connection);
      await runOrders(w.connector, w.connection, 'new');
      const items = plainItems(w.sage);
      stockUp(w.sage, items.slice(0, 5));
      const customer = [...w.sage.state.customers.keys()][0]!;
      const base = { customerNumber: customer, shipViaCode: 'UPSGND', location: '1' };
      const make = (extra: Record<string, unknown>, lines = [{ item: items[0]!, quantity: 2 }]) =>
        String(
          w.sage.admin.createOrder({ ...base, ...extra, lines } as Parameters<typeof w.sage.admin.createOrder>[0])[
            'OrderNumber'
          ],
        );
      numbers['good1'] = enterOrders(w.sage, 1, { start: 900 })[0]!;
      numbers['noAddress'] = make({});
      w.sage.admin.editOrder(numbers['noAddress'], { header: { ShipToAddressLine1: '', ShipToCity: '' } });
      w.sage.admin.addItem({
        itemNumber: 'Z9-999/9',
        description: 'Discontinued widget',
        unitWeight: 1,
        weightUnit: 'lbs.',
        onHand: 100,
      });
      numbers['missingItem'] = make({}, [{ item: 'Z9-999/9', quantity: 1 }]);
      // The item is removed from IC Items after the order was entered (discontinued and purged).
      for (const [k, v] of w.sage.state.items) if (v['ItemNumber'] === 'Z9-999/9') w.sage.state.items.delete(k);
      numbers['fractional'] = make({}, [{ item: items[1]!, quantity: 2.5 }]);
      numbers['unmappedShipVia'] = make({ shipViaCode: 'DHLEXP' });
      numbers['good2'] = enterOrders(w.sage, 1, { start: 901 })[0]!;
    });
    afterAll(async () => {
      await w?.stop();
    });

    it('holds each bad order with its reason, sends the good ones, and shows it in status and audit', async () => {
      const run = await runOrders(w.connector, w.connection, 'new');
      expect(run.status).toBe('ran');
      expect(w.ss.admin.getOrderByKey(`SAMINC-${numbers['good1']}-1`)['orderStatus']).toBe('awaiting_shipment');
      expect(w.ss.admin.getOrderByKey(`SAMINC-${numbers['good2']}-1`)['orderStatus']).toBe('awaiting_shipment');
      const expected: Record<string, RegExp> = {
        noAddress: /no usable ship-to address \(missing street, city\)/,
        missingItem: /item (Z9-999\/9|Z99999) is not in Sage 300's item list/,
        fractional: /2\.5 stocking units of .* is not a whole number/,
        unmappedShipVia:
          /ship-via DHLEXP \(DHL Express Worldwide\), which is not mapped.*mappings set ship_via DHLEXP --service/s,
      };
      for (const [name, pattern] of Object.entries(expected)) {
        const n = numbers[name]!;
        expect(() => w.ss.admin.getOrderByKey(`SAMINC-${n}-1`), name).toThrow(/No order/);
        const [record] = await w.app.store.records.byDisplay(n);
        expect(record?.state, name).toBe('held');
        expect(record?.reason, name).toMatch(pattern);
        if (!cli) continue;
        const audit = await runCli(['audit', 'order', n], { env: w.env });
        expect(audit.code, audit.stderr).toBe(0);
        expect(audit.stdout).toMatch(/held/);
        expect(audit.stdout).toMatch(pattern);
      }
      if (apis === 'v2') expect(w.ss.stats.snapshot().byApi.v1).toBe(0);
      if (!cli) return;
      const status = await runCli(['status'], { env: w.env });
      expect(status.code, status.stderr).toBe(0);
      for (const name of Object.keys(expected)) expect(status.stdout).toContain(numbers[name]!);
      expect(status.stdout).toMatch(/Needs attention \(4\)/);
    });

    it.runIf(cli)(
      '`orders --state held` lists the held orders with their reasons; --json gives one object per order',
      async () => {
        const held = await runCli(['orders', '--state', 'held'], { env: w.env });
        expect(held.code, held.stderr).toBe(0);
        expect(held.stdout).toMatch(/: 4 orders \(held back\)/);
        for (const name of ['noAddress', 'missingItem', 'fractional', 'unmappedShipVia'])
          expect(held.stdout).toContain(numbers[name]!);
        expect(held.stdout).not.toContain(numbers['good1']!);
        expect(held.stdout).toMatch(/no usable ship-to address/);
        const json = await runCli(['orders', '--state', 'open', '--json'], { env: w.env });
        expect(json.code, json.stderr).toBe(0);
        const rows = json.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { display: string; state: string });
        const open = new Set(['detected', 'held', 'sent', 'on_hold', 'partially_shipped', 'failed', 'conflict']);
        expect(rows.every((r) => open.has(r.state))).toBe(true);
        expect(rows.map((r) => r.display)).toEqual(expect.arrayContaining(Object.values(numbers)));
        const bad = await runCli(['orders', '--state', 'lost'], { env: w.env });
        expect(bad.code).not.toBe(0);
        expect(bad.stderr).toMatch(/state must be one of open, attention, sent/);
      },
    );

    it.runIf(cli)('an unknown order number says where it looked and the nearest numbers', async () => {
      const n = numbers['good1']!;
      const typo = n.replace(/^(\D*)0+/, '$1'); // ORD000900 typed as ORD900
      const r = await runCli(['audit', 'order', typo], { env: w.env });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`No history for order ${typo} in the SQLite file .+ \\(DATABASE_URL\\)`));
      expect(r.stderr).toMatch(new RegExp(`Nearest order numbers: .*${n}`));
      expect(r.stderr).not.toContain('Check the number (as Sage 300 shows it), or whether');
    });

    it('fixing the mapping and running again sends the held order', async () => {
      const n = numbers['unmappedShipVia']!;
      await w.app.store.mappings.set(
        w.connection.id,
        'ship_via',
        'DHLEXP',
        'mapped',
        { carrierCode: 'ups', serviceCode: 'ups_next_day_air', name: 'UPS Next Day Air®' },
        'user',
      );
      const run = await runOrders(w.connector, w.connection, 'new');
      expect(run.status).toBe('ran');
      expect(w.ss.admin.getOrderByKey(`SAMINC-${n}-1`)).toMatchObject({
        carrierCode: 'ups',
        serviceCode: 'ups_next_day_air',
        orderStatus: 'awaiting_shipment',
      });
      expect((await w.app.store.records.byDisplay(n))[0]?.state).toBe('sent');
      // The others stay held: nothing about them changed.
      expect((await w.app.store.records.byDisplay(numbers['fractional']!))[0]?.state).toBe('held');
    });
  },
);
