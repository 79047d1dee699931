import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pingConnection } from '../../src/connections/ping-connection.js';
import { runShipments } from '../../src/runtime/flows/shipments-flow.js';
import { type Sage300Simulator, startSage300Simulator } from '../../src/simulators/sage300/server.js';
import { startWorld, type World } from '../helpers/world.js';
import { addItems, enterOrder, type sageOrder, sendOrders, shippedToDate, ssOrder, type TestOrder } from './helpers.js';
import { runShipmentsCli } from './run-entry.js';

/** The export as a person's import would read it: rows of quoted values, `1` headers and their `2` lines. */
function readExport(csv: string) {
  const rows = csv
    .trim()
    .split(/\r\n/)
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] ?? '').replace(/""/g, '"')));
  const [header, detail, ...data] = rows;
  const shipments = data
    .filter((r) => r[0] === '1')
    .map((h) => ({
      seq: h[1],
      order: h[5] ?? '',
      date: h[4] ?? '',
      shipVia: h[6] ?? '',
      tracking: h[7] ?? '',
      reference: h[8] ?? '',
      lines: data
        .filter((d) => d[0] === '2' && d[1] === h[1])
        .map((d) => ({ lineNumber: Number(d[4]), quantity: Number(d[7]) })),
    }));
  return { header, detail, shipments };
}

/**
 * A Sage 300 that refuses order updates (405, as 2022 and earlier; the simulator's --legacy-2022): ping says
 * so before go-live; shipments stay queued with that reason; `shipments export` writes them for O/E Shipment
 * Entry's import and marks them; once the server accepts PATCH the queue applies — none lost, none twice.
 */
describe('Sage 300 without order updates (405)', () => {
  let w: World;
  let upgraded: Sage300Simulator | undefined;
  let orders: Record<string, TestOrder>;
  const dir = mkdtempSync(join(tmpdir(), 'mlc-export-'));
  const stateFile = join(dir, 'sage.json');

  beforeAll(async () => {
    w = await startWorld({ api: 'v1', sage: { legacy2022: true, stateFile } });
    addItems(w);
    orders = {
      a: enterOrder(w, [
        ['SH-A', 2],
        ['SH-B', 1],
      ]),
      b: enterOrder(w, [['SH-C', 3]]),
      c: enterOrder(w, [
        ['SH-CASE', 1, 'CAS'],
        ['SH-D', 4],
      ]),
      d: enterOrder(w, [['SH-A', 1]]),
    };
    await sendOrders(w);
  });
  afterAll(async () => {
    await upgraded?.stop();
    await w?.stop();
  });

  it('ping says so before go-live', async () => {
    const result = await pingConnection(w.app.store, w.connection);
    // By id: a detail's URL may hold "405" in its port number.
    const check = result.sage300.find((c) => c.id === 'sage300.order-updates');
    expect(check, JSON.stringify(result.sage300)).toBeDefined();
    expect(check?.status, JSON.stringify(result.sage300)).not.toBe('pass');
    expect(check?.detail).toMatch(/405 MethodNotAllowed/);
    expect(check?.fix).toMatch(/shipments export/);
  });

  it('queues shipments with the reason, exports them for a manual import, and applies the rest once PATCH works', async () => {
    for (const key of ['a', 'b', 'c']) w.ss.admin.createLabel(ssOrder(w, orders[key]!.orderKey).orderId, {});
    const first = await runShipments(w.connector, w.connection);
    expect(first.status === 'ran' && first.outcome.counts['queued']).toBe(3);
    const queued = await w.app.store.shipmentEvents.byState(w.connection.id, ['queued']);
    expect(queued).toHaveLength(3);
    expect(queued[0]?.reason).toMatch(/405/);
    const record = await w.app.store.records.get(w.connection.id, 'order', orders['a']!.uniquifier);
    expect(record?.state).toBe('shipped');
    expect(record?.reason).toMatch(/refuses order updates/);
    expect(shippedToDate(w, orders['a']!.uniquifier)).toEqual({ 32: 0, 64: 0 });
    // Another pass asks Sage once (still 405) and leaves the queue as it is.
    const patches = () => w.sage.stats.snapshot().byRoute['PATCH OE/OEOrders(key)'] ?? 0;
    const before = patches();
    await runShipments(w.connector, w.connection);
    expect(patches() - before).toBe(1);
    expect(await w.app.store.shipmentEvents.byState(w.connection.id, ['queued'])).toHaveLength(3);

    // Export (the CLI, in a process of its own).
    const out = join(dir, 'export.csv');
    const cli = await runShipmentsCli(['shipments', 'export', '--out', out], w.env);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/Wrote 3 shipments \(5 order lines\)/);
    const file = readExport(readFileSync(out, 'utf8'));
    expect(file.header?.slice(0, 3)).toEqual(['RECTYPE', 'SHIUNIQ', 'SHINUMBER']);
    expect(file.shipments.map((s) => s.order).sort()).toEqual(
      [orders['a']!.number, orders['b']!.number, orders['c']!.number].sort(),
    );
    const c = file.shipments.find((s) => s.order === orders['c']!.number)!;
    // Order units: 6 stocking units of the case item are 1 case.
    expect(c.lines).toEqual([
      { lineNumber: 32, quantity: 1 },
      { lineNumber: 64, quantity: 4 },
    ]);
    expect(c.date).toMatch(/^\d{8}$/);
    expect(c.tracking.length).toBeGreaterThan(5);
    // Marked, and still pending (the orders flow must not send a follow-up for goods that shipped) until the import.
    const marked = await w.app.store.shipmentEvents.byState(w.connection.id, ['queued']);
    expect(marked.map((e) => e.reason)).toEqual([
      expect.stringMatching(/exported to .*export\.csv/),
      expect.anything(),
      expect.anything(),
    ]);
    expect(marked.every((e) => /exported to/.test(e.reason ?? ''))).toBe(true);
    // Exporting again finds nothing new.
    const again = await runShipmentsCli(['shipments', 'export', '--out', join(dir, 'again.csv')], w.env);
    expect(again.stdout).toMatch(/Nothing to export/);

    // Staff import A and C; B's import fails, so B is requeued. D ships after the export.
    for (const s of file.shipments.filter((x) => x.order !== orders['b']!.number)) {
      w.sage.admin.ship(s.order, { lines: s.lines, trackingNumber: s.tracking, shipViaCode: s.shipVia });
    }
    const requeue = await runShipmentsCli(
      ['shipments', 'requeue', queued.find((e) => e.orderKey === orders['b']!.orderKey)!.sourceId],
      w.env,
    );
    expect(requeue.code, requeue.stderr).toBe(0);
    expect(requeue.stdout).toMatch(/Requeued 1 shipment/);
    w.ss.admin.createLabel(ssOrder(w, orders['d']!.orderKey).orderId, {});
    await runShipments(w.connector, w.connection);
    expect(
      (await w.app.store.shipmentEvents.byState(w.connection.id, ['queued'])).map((e) => e.orderKey).sort(),
    ).toEqual([orders['b']!.orderKey, orders['d']!.orderKey].sort());

    // Sage is upgraded: same server, same data, PATCH accepted.
    const port = Number(new URL(w.sage.origin).port);
    await w.sage.stop();
    upgraded = await startSage300Simulator({ port, stateFile });
    const last = await runShipments(w.connector, w.connection);
    expect(last.status === 'ran' && last.outcome.counts['written']).toBe(2);
    for (const o of Object.values(orders)) {
      const sage = upgraded.admin.getOrder(Number(o.uniquifier)) as unknown as ReturnType<typeof sageOrder>;
      expect(sage.NumberOfShipments, o.number).toBe(1);
      expect(
        sage.OrderDetails.every((l) => l.QuantityOrdered === 0),
        o.number,
      ).toBe(true);
    }
    expect(await w.app.store.shipmentEvents.byState(w.connection.id, ['queued', 'new'])).toEqual([]);
    const timeline = (await w.app.store.audit.forRecord(w.connection.id, 'order', orders['b']!.uniquifier)).map(
      (e) => e.event,
    );
    expect(timeline).toEqual(expect.arrayContaining(['shipment_exported', 'export_requeued', 'shipment_written']));
    const imported = (await w.app.store.audit.forRecord(w.connection.id, 'order', orders['a']!.uniquifier)).map(
      (e) => e.event,
    );
    expect(imported).toEqual(expect.arrayContaining(['shipment_exported', 'import_confirmed']));
    expect(imported).not.toContain('shipment_written');
  });
});
