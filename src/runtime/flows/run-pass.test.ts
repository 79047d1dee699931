import { describe, expect, it } from 'vitest';
import type { Connection } from '../../domain/connection.js';
import { type FlowName, type FlowRunResult, wasStopped } from '../../engine/flow-runner.js';
import type { Connector, RunOptions } from '../connector.js';
import type { FlowModule } from './flow.js';
import { FLOWS } from './registry.js';
import { runPass } from './run-pass.js';

const connector = {} as Connector;
const connection = (id: number) => ({ id, name: `c${id}` }) as Connection;

/** A flow whose passes end when the test says so, recording which are in flight at once. */
function gatedFlow(name: FlowName) {
  const events: string[] = [];
  const release = new Map<string, () => void>();
  const signals = new Map<string, AbortSignal | undefined>();
  let inFlight = 0;
  let most = 0;
  const flow: FlowModule<RunOptions & { id: string; fail?: boolean; work?: () => void }> = {
    name,
    byHand: () => [],
    jobs: [],
    run: async (_connector, _connection, request) => {
      inFlight++;
      most = Math.max(most, inFlight);
      events.push(`start ${request.id}`);
      signals.set(request.id, request.signal);
      request.onProgress?.({ phase: `pass ${request.id}`, done: 0 });
      request.work?.();
      await new Promise<void>((resolve) => release.set(request.id, resolve));
      release.delete(request.id);
      events.push(`end ${request.id}`);
      inFlight--;
      if (request.fail) throw new Error(`pass ${request.id} failed`);
      return { status: 'ran', outcome: { counts: { [request.id]: 1 }, planned: [] }, ms: 0 } satisfies FlowRunResult;
    },
  };
  const started = async (id: string) => {
    for (let i = 0; i < 100 && !release.has(id); i++) await new Promise((r) => setImmediate(r));
    return release.has(id);
  };
  const end = async (id: string) => {
    if (!(await started(id))) throw new Error(`pass ${id} never started`);
    release.get(id)?.();
  };
  return { flow, events, end, started, signals, most: () => most };
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

describe('runPass', () => {
  it('runs the passes of a flow of a connection one after the other, in the order asked', async () => {
    const f = gatedFlow('orders');
    const a = runPass(connector, connection(1), f.flow, { id: 'a' });
    const b = runPass(connector, connection(1), f.flow, { id: 'b', fail: true }).catch((e: Error) => e);
    const c = runPass(connector, connection(1), f.flow, { id: 'c' });
    await f.end('a');
    await f.end('b');
    await f.end('c');
    expect((await a).status).toBe('ran');
    expect(((await b) as Error).message).toBe('pass b failed');
    expect((await c).status).toBe('ran');
    // A failed pass does not hold up the next one.
    expect(f.events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(f.most()).toBe(1);
  });

  it('coalesces identical requests that come during a pass into one follow-up pass for all of them', async () => {
    const f = gatedFlow('shipments');
    const first = runPass(connector, connection(1), f.flow, { id: 'poll' });
    expect(await f.started('poll')).toBe(true);
    // Three webhooks during the poll: one more pass after it, never beside it, none dropped.
    const seen: string[] = [];
    const more = [1, 2, 3].map(() =>
      runPass(connector, connection(1), f.flow, { id: 'poll', onProgress: (p) => seen.push(String(p.phase)) }),
    );
    await settle();
    expect(f.events).toEqual(['start poll']);
    await f.end('poll');
    await f.end('poll');
    const results = await Promise.all([first, ...more]);
    expect(results.map((r) => r.status)).toEqual(['ran', 'ran', 'ran', 'ran']);
    expect(f.events).toEqual(['start poll', 'end poll', 'start poll', 'end poll']);
    // The three callers share the follow-up pass, its result and its progress.
    expect(new Set(results.slice(1)).size).toBe(1);
    expect(seen).toEqual(['pass poll', 'pass poll', 'pass poll']);
    expect(f.most()).toBe(1);
  });

  it('runs each distinct waiting request once, in turn, so coalescing loses no work', async () => {
    const f = gatedFlow('orders');
    const done: string[] = [];
    const passes = [
      runPass(connector, connection(1), f.flow, { id: 'new' }),
      runPass(connector, connection(1), f.flow, { id: 'edits' }),
      runPass(connector, connection(1), f.flow, { id: 'reconcile' }),
      runPass(connector, connection(1), f.flow, { id: 'edits' }),
      // Work of its own (the shipments queue's export) is never merged, even with a twin.
      runPass(connector, connection(1), f.flow, { id: 'export', work: () => done.push('x') }),
      runPass(connector, connection(1), f.flow, { id: 'export', work: () => done.push('y') }),
    ];
    for (const id of ['new', 'edits', 'reconcile', 'export', 'export']) await f.end(id);
    expect((await Promise.all(passes)).map((r) => r.status)).toEqual(['ran', 'ran', 'ran', 'ran', 'ran', 'ran']);
    expect(f.events.filter((e) => e.startsWith('start'))).toEqual([
      'start new',
      'start edits',
      'start reconcile',
      'start export',
      'start export',
    ]);
    expect(done).toEqual(['x', 'y']);
    expect(f.most()).toBe(1);
  });

  it('answers a waiting request whose caller stopped as stopped, without running it', async () => {
    const f = gatedFlow('inventory');
    const stop = new AbortController();
    const running = runPass(connector, connection(1), f.flow, { id: 'push', signal: stop.signal });
    const waiting = runPass(connector, connection(1), f.flow, { id: 'reconcile', signal: stop.signal });
    expect(await f.started('push')).toBe(true);
    stop.abort(new Error('stopping'));
    await f.end('push');
    expect((await running).status).toBe('ran');
    const stopped = await waiting;
    expect(wasStopped(stopped)).toBe(true);
    expect(f.events).toEqual(['start push', 'end push']);
  });

  it('stops a shared follow-up pass only when every caller it answers has stopped', async () => {
    const f = gatedFlow('reference');
    const one = new AbortController();
    const two = new AbortController();
    const first = runPass(connector, connection(1), f.flow, { id: 'pass' });
    const a = runPass(connector, connection(1), f.flow, { id: 'extras', signal: one.signal });
    const b = runPass(connector, connection(1), f.flow, { id: 'extras', signal: two.signal });
    await f.end('pass');
    expect(await f.started('extras')).toBe(true);
    const shared = f.signals.get('extras');
    one.abort();
    expect(shared?.aborted).toBe(false);
    two.abort();
    expect(shared?.aborted).toBe(true);
    await f.end('extras');
    await Promise.all([first, a, b]);
  });

  it('does not hold a dry run (it takes no lease and writes nothing)', async () => {
    const f = gatedFlow('orders');
    const pass = runPass(connector, connection(1), f.flow, { id: 'new' });
    const dry = runPass(connector, connection(1), f.flow, { id: 'dry', dryRun: true });
    expect([await f.started('new'), await f.started('dry')]).toEqual([true, true]);
    await f.end('dry');
    await f.end('new');
    await Promise.all([pass, dry]);
  });

  it('keeps connections and flows apart: they run at once', async () => {
    const orders = gatedFlow('orders');
    const shipments = gatedFlow('shipments');
    const passes = [
      runPass(connector, connection(1), orders.flow, { id: 'c1' }),
      runPass(connector, connection(2), orders.flow, { id: 'c2' }),
      runPass(connector, connection(1), shipments.flow, { id: 's1' }),
    ];
    expect([await orders.started('c1'), await orders.started('c2'), await shipments.started('s1')]).toEqual([
      true,
      true,
      true,
    ]);
    expect(orders.most()).toBe(2);
    for (const id of ['c2', 'c1']) await orders.end(id);
    await shipments.end('s1');
    expect((await Promise.all(passes)).map((r) => r.status)).toEqual(['ran', 'ran', 'ran']);
  });
});

describe('the registry', () => {
  it('lists the flows in the order of the Flows page and `sync`', () => {
    expect(FLOWS.map((f) => f.name)).toEqual(['orders', 'shipments', 'inventory', 'reference']);
  });
});
