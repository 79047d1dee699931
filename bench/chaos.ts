import { pathToFileURL } from 'node:url';
import { runOrders } from '../src/runtime/flows/orders-flow.js';
import { runReference } from '../src/runtime/flows/reference-flow.js';
import { runCli, spawnCli } from '../src/testing/cli.js';
import { enterOrders } from '../src/testing/sage-orders.js';
import { startWorld } from '../src/testing/world.js';

/**
 * Crash safety at scale (issue 5): a 2,000-order backfill by `ml-connector sync orders`, killed with
 * SIGKILL five times at random moments and restarted each time, then run to the end. Prints how many
 * ShipStation orders exist per Sage order (must be exactly one each) and how the kills landed: a kill is
 * inside a write when it left an order whose create was sent but whose answer was not recorded (its link
 * still `creating`), and inside the window that matters when ShipStation has that order already (the
 * write was applied, the answer lost). The deterministic version of that moment is test/crash/.
 */
export async function benchChaos(
  options: { api?: 'v1' | 'v2'; orders?: number; kills?: number; print?: (l: string) => void } = {},
): Promise<{
  orders: number;
  inShipStation: number;
  duplicates: number;
  missing: number;
  kills: number;
  killsInsideAWrite: number;
  killsAfterTheWriteApplied: number;
}> {
  const api = options.api ?? 'v1';
  const count = options.orders ?? 2000;
  const killCount = options.kills ?? 5;
  const print = options.print ?? ((l: string) => process.stdout.write(`${l}\n`));
  const w = await startWorld({ api, sage: { seed: 'demo', pageSize: 50 }, env: { FLOW_LEASE_SECONDS: '2' } });
  try {
    await runReference(w.connector, w.connection);
    await runOrders(w.connector, w.connection, 'new');
    const numbers = enterOrders(w.sage, count);
    // Slow both systems a little so each run is killed mid-way, not before it starts or after it ends.
    w.sage.faults.add({ kind: 'latency', ms: 60 });
    w.ss.admin.setFaults({ latency: [{ ms: 300 }] });
    let seed = 17;
    let insideAWrite = 0;
    let afterApplied = 0;
    let knownCreating = new Set<string>();
    for (let i = 0; i < killCount; i++) {
      const run = spawnCli(['sync', 'orders', '--mode', 'new'], { env: w.env });
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      // After a kill the next run first waits out the dead run's lease (2 s), then works until killed.
      const delay = (i === 0 ? 1500 : 3200) + (seed % 2000);
      const done = await Promise.race([
        run.exited.then(() => true),
        new Promise((r) => setTimeout(() => r(false), delay)),
      ]);
      const before = w.ss.admin.listOrders().length;
      if (!done) run.child.kill('SIGKILL');
      const how = await run.exited;
      // What the killed process left mid-write: creates sent whose answers it never recorded (new ones only:
      // an earlier kill's leftovers that this run did not get to are not this kill's).
      const creating = (await w.app.store.links.byStatus(w.connection.id, ['creating'])).map((l) => l.orderKey);
      const fresh = creating.filter((k) => !knownCreating.has(k));
      knownCreating = new Set(creating);
      const inShipStation = new Set(w.ss.admin.listOrders().map((o) => String(o['orderKey'])));
      const applied = fresh.filter((k) => inShipStation.has(k)).length;
      if (!done && fresh.length > 0) insideAWrite += 1;
      if (!done && applied > 0) afterApplied += 1;
      print(
        `  run ${i + 1}: ${done ? `finished (${how})` : `killed with SIGKILL after ${delay} ms`}; ShipStation orders: ${before}` +
          (done
            ? ''
            : `; inside a write: ${fresh.length > 0 ? `yes, ${fresh.length} creates unrecorded, ${applied} of them applied` : 'no'}`),
      );
    }
    w.ss.admin.clearFaults();
    const last = await runCli(['sync', 'orders'], { env: w.env, timeoutMs: 600_000 });
    if (last.code !== 0) throw new Error(`final run failed: ${last.stderr}`);
    const keys = w.ss.admin.listOrders().map((o) => String(o['orderKey']));
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    const wanted = numbers.map((n) => `SAMINC-${n}-1`);
    const duplicates = [...counts.values()].filter((n) => n > 1).length;
    const missing = wanted.filter((k) => !counts.has(k)).length;
    const figures = {
      orders: count,
      inShipStation: wanted.filter((k) => counts.get(k) === 1).length,
      duplicates,
      missing,
      kills: killCount,
      killsInsideAWrite: insideAWrite,
      killsAfterTheWriteApplied: afterApplied,
    };
    print(`chaos bench (${api.toUpperCase()}): ${count} Sage orders, ${killCount} SIGKILLs during the backfill`);
    print(
      `  ShipStation orders exactly once: ${figures.inShipStation} of ${count}; duplicated keys: ${duplicates}; missing: ${missing}`,
    );
    print(
      `  kills inside a write (create sent, answer not recorded): ${insideAWrite} of ${killCount}; of those, after ShipStation had applied it: ${afterApplied}`,
    );
    return figures;
  } finally {
    await w.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchChaos({ api: (process.argv[2] as 'v1' | 'v2') ?? 'v1' });
}
