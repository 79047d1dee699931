import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runOrders } from '../../src/runtime/flows/orders-flow.js';
import { runReference } from '../../src/runtime/flows/reference-flow.js';
import { runCli, spawnCli, startCli } from '../helpers/cli.js';
import { enterOrders } from '../helpers/sage-orders.js';
import { startWorld, type World } from '../helpers/world.js';

/** How many times each Sage order was pushed (created in ShipStation), from the audit. */
async function pushesPerOrder(w: World, numbers: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const n of numbers) {
    const events = await w.app.store.audit.forDisplay(n);
    out.set(n, events.filter((e) => e.event === 'acknowledged').length);
  }
  return out;
}

function keysOnce(w: World, numbers: readonly string[]): void {
  const wanted = new Set(numbers.map((n) => `SAMINC-${n}-1`));
  const keys = w.ss.admin.listOrders().map((o) => String(o['orderKey']));
  const ours = keys.filter((k) => wanted.has(k));
  expect(ours.length).toBe(wanted.size);
  expect(new Set(keys).size).toBe(keys.length);
}

describe('crash safety: SIGKILL during a 500-order backfill, three times', () => {
  let w: World | undefined;
  afterAll(async () => {
    await w?.stop();
  });

  it.each(['v1', 'v2'] as const)(
    '%s: ShipStation holds each order exactly once and the audit shows its path',
    async (api) => {
      await w?.stop();
      w = await startWorld({ api, sage: { seed: 'demo', pageSize: 20 }, env: { FLOW_LEASE_SECONDS: '2' } });
      await runReference(w.connector, w.connection);
      await runOrders(w.connector, w.connection, 'new');
      const numbers = enterOrders(w.sage, 500);
      const latency = w.sage.faults.add({ kind: 'latency', ms: 60 });
      w.ss.admin.setFaults({ latency: [{ ms: 150 }] });
      const kills: string[] = [];
      let seed = api === 'v1' ? 3 : 11;
      for (let i = 0; i < 3; i++) {
        const run = spawnCli(['sync', 'orders', '--mode', 'new'], { env: w.env });
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        // After a kill the next run first waits out the dead process's lease (2 s), then works.
        const delay = (i === 0 ? 1500 : 4500) + (seed % 2500);
        const finished = await Promise.race([
          run.exited.then(() => true),
          new Promise((r) => setTimeout(() => r(false), delay)),
        ]);
        const sent = w.ss.admin.listOrders().length;
        if (!finished) run.child.kill('SIGKILL');
        const how = await run.exited;
        kills.push(`${how} after ${delay} ms with ${sent} orders in ShipStation`);
      }
      w.sage.faults.remove(latency.id);
      w.ss.admin.clearFaults();
      const last = await runCli(['sync', 'orders'], { env: w.env, timeoutMs: 120_000 });
      expect(last.code, last.stderr + last.stdout).toBe(0);
      console.log(`${api}: ShipStation orders seen at each kill: ${kills.join(', ')}`);
      keysOnce(w, numbers);
      // A process killed between ShipStation's answer and the record of it leaves the link "creating": the
      // next run finds the order by key and links it (no second create), so it shows `updated`, not a 2nd ack.
      const pushes = await pushesPerOrder(w, numbers);
      expect([...pushes.values()].every((n) => n <= 1)).toBe(true);
      const interrupted = [...pushes].filter(([, n]) => n === 0).length;
      console.log(`${api}: ${interrupted} orders were pushed by a process killed before it recorded the answer`);
      for (const n of numbers) {
        const events = (await w.app.store.audit.forDisplay(n)).map((e) => e.event);
        expect(events.slice(0, 2), n).toEqual(['detected', 'pushed']);
        expect(
          events.some((e) => e === 'acknowledged' || e === 'updated' || e === 'relinked'),
          `${n}: ${events.join(' → ')}`,
        ).toBe(true);
        expect((await w.app.store.records.byDisplay(n))[0]?.state, n).toBe('sent');
      }
    },
    240_000,
  );
});

describe('two processes: `sync orders` while `start` runs on the same store', () => {
  let w: World | undefined;
  afterAll(async () => {
    await w?.stop();
  });

  it('never pushes an order twice (one holds the lease, the other waits its turn)', async () => {
    w = await startWorld({
      api: 'v1',
      sage: { seed: 'demo', pageSize: 20 },
      env: { ORDERS_POLL_SECONDS: '1', PORT: '0', FLOW_LEASE_SECONDS: '5' },
    });
    await runReference(w.connector, w.connection);
    const numbers = enterOrders(w.sage, 300);
    w.ss.admin.setFaults({ latency: [{ ms: 40 }] });
    const service = await startCli(['start'], { env: w.env, ready: /ml-connector running/ });
    const results = [];
    for (let i = 0; i < 6; i++) {
      results.push(
        await runCli(['sync', 'orders', '--mode', 'new', ...(i % 2 ? ['--no-wait'] : [])], {
          env: w.env,
          timeoutMs: 120_000,
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 3000));
    service.child.kill('SIGTERM');
    await new Promise((r) => service.child.once('exit', r));
    const busy = results.filter((r) => /running in another process/.test(r.stderr)).length;
    console.log(
      `sync runs that found the flow busy (then waited, or gave up with --no-wait): ${busy} of ${results.length}`,
    );
    expect(results.every((r) => r.code === 0 || r.code === 3)).toBe(true);
    await runOrders(w.connector, w.connection, 'new');
    keysOnce(w, numbers);
    const pushes = await pushesPerOrder(w, numbers);
    expect([...pushes.values()].every((n) => n === 1)).toBe(true);
    const acks = (await Promise.all(numbers.map((n) => w!.app.store.audit.forDisplay(n))))
      .flat()
      .filter((e) => e.event === 'pushed');
    expect(acks.length).toBe(numbers.length);
  }, 240_000);
});

describe('lost database', () => {
  let w: World | undefined;
  afterAll(async () => {
    await w?.stop();
  });

  it.each(['v1', 'v2'] as const)(
    '%s: with the store deleted and the connector restarted, no order is created twice',
    async (api) => {
      await w?.stop();
      w = await startWorld({ api });
      await runReference(w.connector, w.connection);
      const numbers = enterOrders(w.sage, 120);
      const first = await runCli(['sync', 'orders'], { env: w.env });
      expect(first.code, first.stderr).toBe(0);
      const before = w.ss.admin.listOrders().length;
      // The disaster: the database is gone (the keyring too: credentials come from the environment again).
      await w.app.close();
      const path = w.env['DATABASE_URL']!.replace(/^sqlite:/, '');
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
      const more = enterOrders(w.sage, 10, { start: 5000 });
      const again = await runCli(['sync', 'orders'], { env: { ...w.env, MAPPINGS_AUTO: 'accept' } });
      expect(again.code, again.stderr).toBe(0);
      const ref = await runCli(['sync', 'reference'], { env: w.env });
      expect(ref.code, ref.stderr).toBe(0);
      const third = await runCli(['sync', 'orders'], { env: w.env });
      expect(third.code, third.stderr).toBe(0);
      const keys = w.ss.admin.listOrders().map((o) => String(o['orderKey']));
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBe(before + more.length);
      expect(third.stdout + again.stdout).toMatch(/relinked: \d+/);
      void numbers;
    },
    180_000,
  );
});
