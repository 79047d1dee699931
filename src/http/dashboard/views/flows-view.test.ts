import { describe, expect, it } from 'vitest';
import type { Connection } from '../../../domain/connection.js';
import { emptyState } from '../../../store/flows-repo.js';
import type { WorkerInfo } from '../../../store/workers-repo.js';
import type { FlowRow } from '../model/flow-rows.js';
import { flowsLiveView } from './flows-view.js';

const connection = { id: 1, name: 'default' } as Connection;
const worker = (id: string, alive: boolean, passes: number): WorkerInfo => ({
  id,
  host: id.split(':')[0]!,
  pid: Number(id.split(':')[1]),
  version: '0.1.0',
  startedAt: '2026-12-02T17:00:00.000Z',
  heartbeatAt: '2026-12-02T17:10:00.000Z',
  passesRunning: passes,
  concurrency: 2,
  alive,
  heartbeatAgeMs: alive ? 2000 : 600_000,
});
const row = (flow: string, on: FlowRow['worker']): FlowRow => ({
  flow,
  state: emptyState(1, flow),
  words: 'OK',
  tone: 'pass',
  running: !!on?.running,
  nextAt: null,
  stale: false,
  worker: on,
});

/** Issue 15 point 6: the Flows page names the worker of each flow and lists the workers when there are several. */
describe('the Flows page with several workers', () => {
  it('shows which worker runs or last ran each flow, and the workers with alive or gone', () => {
    const page = String(
      flowsLiveView({
        connection,
        flows: [
          row('orders', { worker: 'h1:10:a', running: true }),
          row('shipments', { worker: 'h2:20:b', running: false }),
        ],
        budgets: [],
        workers: [worker('h1:10:a', true, 1), worker('h2:20:b', false, 0)],
        csrf: 'x',
        now: Date.parse('2026-12-02T17:10:02.000Z'),
      }),
    );
    expect(page).toMatch(/data-testid="orders-worker">running on h1:10:a</);
    expect(page).toMatch(/data-testid="shipments-worker">on h2:20:b</);
    expect(page).toMatch(
      /<td>h1:10:a<\/td><td>h1 \(pid 10\)<\/td>.*<td>1 of 2<\/td><td><span class="pill pill-pass">alive/,
    );
    expect(page).toMatch(/<td>h2:20:b<\/td>.*600 s ago.*pill-fail">gone/);
  });

  it('leaves the workers table out with one worker', () => {
    const page = String(
      flowsLiveView({ connection, flows: [], budgets: [], workers: [worker('h1:10:a', true, 0)], csrf: 'x', now: 0 }),
    );
    expect(page).not.toContain('data-testid="workers"');
  });
});
