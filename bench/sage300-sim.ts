import { pathToFileURL } from 'node:url';
import { Sage300Client } from '../src/integrations/sage300/client.js';
import { dateLiteral } from '../src/integrations/sage300/odata-url.js';
import { startSage300Simulator } from '../src/simulators/sage300/server.js';

/**
 * Sage 300 simulator throughput and memory: 100,000 orders held compactly, read through the connector's own
 * client over real HTTP at page size 1,000 — so that benchmarks of the connector are not bound by the
 * simulator. Run with `node --expose-gc --import tsx bench/sage300-sim.ts` for exact heap figures.
 */
export interface SimBenchFigures {
  orders: number;
  generateMs: number;
  heapMbPer100k: number | undefined;
  selectedPageMs: number;
  fullPageMs: number;
  newOrdersPollMs: number;
  openWindowPageMs: number;
  fullScanSeconds: number;
}

const SELECT = [
  'OrderUniquifier',
  'OrderNumber',
  'CustomerNumber',
  'OrderDate',
  'OrderType',
  'OnHold',
  'OrderCompleted',
  'ShipViaCode',
  'DefaultLocationCode',
  'OrderDetails',
];

function heapMb(): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

async function timed(run: () => Promise<unknown>, repeat: number): Promise<number> {
  await run();
  const started = performance.now();
  for (let i = 0; i < repeat; i++) await run();
  return (performance.now() - started) / repeat;
}

export async function benchSage300Sim(
  options: { orders?: number; print?: (line: string) => void } = {},
): Promise<SimBenchFigures> {
  const count = options.orders ?? 100_000;
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const sim = await startSage300Simulator({ pageSize: 1000, maxConcurrency: 8 });
  try {
    const heapBefore = heapMb();
    let started = performance.now();
    const { first } = sim.admin.generateOrders({ count, status: 'mixed', days: 365, seed: 11 });
    const generateMs = performance.now() - started;
    const heapAfter = heapMb();
    const client = new Sage300Client({ baseUrl: sim.baseUrl, user: 'WEBAPI', password: 'WEBAPI', concurrency: 1 });
    const firstPage = async (opts: Parameters<Sage300Client['list']>[2]) => {
      for await (const page of client.list('OE', 'OEOrders', opts)) return page.length;
      return 0;
    };
    const middle = first + Math.floor(count / 2);
    const selectedPageMs = await timed(() => firstPage({ filter: `OrderUniquifier gt ${middle}`, select: SELECT }), 20);
    const fullPageMs = await timed(() => firstPage({ filter: `OrderUniquifier gt ${middle}` }), 5);
    const newOrdersPollMs = await timed(
      () => firstPage({ filter: `OrderUniquifier gt ${first + count - 50}`, select: SELECT }),
      50,
    );
    const since = dateLiteral(new Date(Date.now() - 30 * 86_400_000));
    const openWindowPageMs = await timed(
      () =>
        firstPage({ filter: `OrderDate ge ${since} and OrderCompleted eq 'IncompleteNotIncluded'`, select: SELECT }),
      20,
    );
    started = performance.now();
    let rows = 0;
    for await (const page of client.list('OE', 'OEOrders', { select: SELECT })) rows += page.length;
    const fullScanSeconds = (performance.now() - started) / 1000;
    const figures: SimBenchFigures = {
      orders: sim.state.orders.length,
      generateMs,
      heapMbPer100k:
        heapBefore !== undefined && heapAfter !== undefined ? ((heapAfter - heapBefore) * 100_000) / count : undefined,
      selectedPageMs,
      fullPageMs,
      newOrdersPollMs,
      openWindowPageMs,
      fullScanSeconds,
    };
    print(`sage300 simulator: ${figures.orders} orders (${count} generated in ${generateMs.toFixed(0)} ms)`);
    print(
      `  heap for 100,000 orders:                ${figures.heapMbPer100k === undefined ? 'n/a (run node with --expose-gc)' : `${figures.heapMbPer100k.toFixed(1)} MB`}`,
    );
    print(`  page of 1,000, $select (10 fields):     ${selectedPageMs.toFixed(1)} ms`);
    print(`  page of 1,000, full orders:             ${fullPageMs.toFixed(1)} ms`);
    print(`  new-order poll (gt high-water mark):    ${newOrdersPollMs.toFixed(2)} ms`);
    print(`  open orders of the last 30 days, page:  ${openWindowPageMs.toFixed(1)} ms`);
    print(`  all ${rows} orders through nextLink:    ${fullScanSeconds.toFixed(2)} s`);
    return figures;
  } finally {
    await sim.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchSage300Sim();
}
