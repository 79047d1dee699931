import { describe, expect, it } from 'vitest';
import type { Connection } from '../../domain/connection.js';
import type { FlowName, FlowRunResult } from '../../engine/flow-runner.js';
import type { Connector, RunOptions } from '../connector.js';
import type { FlowModule } from './flow.js';
import { FLOWS } from './registry.js';
import { runPass } from './run-pass.js';

const connector = {} as Connector;
const connection = (id: number) => ({ id, name: `c${id}` }) as Connection;

/** A flow whose passes end when the test says so, recording which are in flight at once. */
function gatedFlow(name: FlowName, oneAtATime: boolean) {
  const events: string[] = [];
  const release = new Map<string, () => void>();
  let inFlight = 0;
  let most = 0;
  const flow: FlowModule<RunOptions & { id: string; fail?: boolean }> = {
    name,
    ...(oneAtATime ? { oneAtATime: true } : {}),
    byHand: () => [],
    jobs: [],
    run: async (_connector, _connection, request) => {
      inFlight++;
      most = Math.max(most, inFlight);
      events.push(`start ${request.id}`);
      await new Promise<void>((resolve) => release.set(request.id, resolve));
      events.push(`end ${request.id}`);
      inFlight--;
      if (request.fail) throw new Error(`pass ${request.id} failed`);
      return { status: 'ran', outcome: { counts: {}, planned: [] }, ms: 0 } satisfies FlowRunResult;
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
  return { flow, events, end, started, most: () => most };
}

describe('runPass', () => {
  it('runs the passes of a one-at-a-time flow of a connection one after the other, in the order asked', async () => {
    const f = gatedFlow('shipments', true);
    const a = runPass(connector, connection(1), f.flow, { id: 'a' });
    const b = runPass(connector, connection(1), f.flow, { id: 'b', fail: true });
    const c = runPass(connector, connection(1), f.flow, { id: 'c' });
    await f.end('a');
    await f.end('b');
    await f.end('c');
    expect((await a).status).toBe('ran');
    await expect(b).rejects.toThrow('pass b failed');
    expect((await c).status).toBe('ran');
    // A failed pass does not hold up the next one.
    expect(f.events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(f.most()).toBe(1);
  });

  /** Two passes that must be in flight together; both end, in either order. */
  async function together(flow: FlowName, oneAtATime: boolean, second: Connection) {
    const f = gatedFlow(flow, oneAtATime);
    const passes = [
      runPass(connector, connection(1), f.flow, { id: 'first' }),
      runPass(connector, second, f.flow, { id: 'second' }),
    ];
    expect([await f.started('first'), await f.started('second')]).toEqual([true, true]);
    expect(f.most()).toBe(2);
    await f.end('second');
    await f.end('first');
    expect((await Promise.all(passes)).map((r) => r.status)).toEqual(['ran', 'ran']);
  }

  it('keeps connections apart: another connection of the same flow runs at once', () =>
    together('shipments', true, connection(2)));

  it('leaves the other flows to their lease alone (only shipments is one at a time today)', () =>
    together('orders', false, connection(1)));
});

describe('the registry', () => {
  it('lists the flows in the order of the Flows page and `sync`; only shipments passes go one at a time', () => {
    expect(FLOWS.map((f) => f.name)).toEqual(['orders', 'shipments', 'inventory', 'reference']);
    expect(FLOWS.filter((f) => f.oneAtATime).map((f) => f.name)).toEqual(['shipments']);
  });
});
