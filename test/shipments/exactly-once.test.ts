import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/world.js';
import { addItems, enterOrder, expectWrittenOnce, sageOrder, sendOrders, ssOrder, type TestOrder } from './helpers.js';

const RUNNER = resolve(import.meta.dirname, 'runner-process.ts');

function spawnRunner(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  started: Promise<void>;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', RUNNER], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let resolveStarted: () => void = () => {};
  const started = new Promise<void>((r) => {
    resolveStarted = r;
  });
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('started')) resolveStarted();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, started, exited };
}

/**
 * Resolves once the store holds an open write intent that was not open before (a write of this runner),
 * or after `patienceMs`, when every write is done. A killed runner's intents stay open until the next one
 * reads them back, so they do not count.
 */
async function waitForOpenIntent(w: World, before: Set<number>, patienceMs: number): Promise<void> {
  const until = Date.now() + patienceMs;
  while (Date.now() < until) {
    const open = await w.app.store.intents.listOpen(w.connection.id);
    if (open.some((i) => !before.has(i.id))) return;
    await new Promise((res) => setTimeout(res, 5));
  }
}

/**
 * Exactly once on a non-idempotent API: the connector process is SIGKILLed five times while it writes
 * shipments back, and Sage applies 20 % of the PATCHes then never answers. Afterwards Sage's shipped-to-date
 * equals ShipStation's shipments line by line: nothing shipped twice, nothing lost.
 */
describe('exactly once through crashes and lost answers', () => {
  let w: World;
  let orders: TestOrder[];
  beforeAll(async () => {
    w = await startWorld({ api: 'v1', env: { SAGE300_TIMEOUT_SECONDS: '1' } });
    addItems(w);
    orders = Array.from({ length: 24 }, (_, i) =>
      enterOrder(w, [
        ['SH-A', 1 + (i % 3)],
        ['SH-B', 1 + (i % 2)],
        ['SH-C', 2],
      ]),
    );
    await sendOrders(w);
    for (const o of orders) w.ss.admin.createLabel(ssOrder(w, o.orderKey).orderId, {});
    // More outstanding in Sage than ShipStation ships: a PATCH sent twice would be accepted (and seen), not
    // refused for exceeding what is outstanding.
    for (const o of orders) {
      const lines = sageOrder(w, o.uniquifier).OrderDetails;
      w.sage.admin.editOrder(Number(o.uniquifier), {
        setQuantities: lines.map((l) => ({ lineNumber: l.LineNumber, quantity: l.QuantityOrdered + 5 })),
      });
    }
    // Every PATCH is slow enough to be killed in the middle of; one in five is applied and never answered.
    w.sage.faults.add({ kind: 'latency', path: 'OE/OEOrders', method: 'PATCH', ms: 100 });
    w.sage.faults.add({ kind: 'applyThenTimeout', path: 'OE/OEOrders', method: 'PATCH', rate: 0.2, holdMs: 1500 });
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('SIGKILL ×5 during write-back plus apply-then-timeout at 20 %: no quantity shipped twice, no shipment lost', {
    timeout: 300_000,
  }, async () => {
    let killedWithOpenIntent = 0;
    for (let kill = 1; kill <= 5; kill++) {
      const before = new Set((await w.app.store.intents.listOpen(w.connection.id)).map((i) => i.id));
      const r = spawnRunner(w.env);
      await r.started;
      // Kill inside the write window: as soon as the runner has recorded a write intent (its PATCH is about
      // to go or on its way), not after a fixed sleep, which on a loaded machine lands before any write.
      await waitForOpenIntent(w, before, 30_000);
      r.child.kill('SIGKILL');
      await r.exited;
      const open = await w.app.store.intents.listOpen(w.connection.id);
      if (open.some((i) => !before.has(i.id))) killedWithOpenIntent += 1;
      // The dead process's lease would expire after its TTL; expire it now rather than wait a minute.
      await w.app.store.db
        .updateTable('leases')
        .set({ expires_at: new Date(0).toISOString() })
        .execute();
    }
    const last = spawnRunner(w.env);
    const code = await Promise.race([
      last.exited,
      new Promise<'timeout'>((res) => setTimeout(() => res('timeout'), 180_000)),
    ]);
    expect(code, last.output()).toBe(0);
    expect(last.output()).toContain('idle');

    await expectWrittenOnce(w, orders);
    const faults = w.sage.faults.list();
    const timeouts = faults.find((f) => f.kind === 'applyThenTimeout')?.fired ?? 0;
    console.log(`kills with a write in flight: ${killedWithOpenIntent}/5; apply-then-timeout fired ${timeouts} times`);
    expect(timeouts).toBeGreaterThan(0);
    expect(killedWithOpenIntent).toBeGreaterThan(0);
  });
});
