import { describe, expect, it } from 'vitest';
import { ManualClock } from '../domain/manual-clock.js';
import { createLogger, silentLogger } from '../observability/logger.js';
import { type FlowRunResult, stoppedResult } from './flow-runner.js';
import { Scheduler } from './scheduler.js';

const ran = (): FlowRunResult => ({ status: 'ran', outcome: { counts: {}, planned: [] }, ms: 0 });
const settle = () => new Promise((r) => setImmediate(r));

describe('Scheduler', () => {
  it('runs at start, then every interval after the end of a run; a trigger runs at once', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 26, 12, 0, 0));
    const s = new Scheduler(clock, silentLogger());
    const runs: number[] = [];
    s.add({
      key: '1:orders',
      connectionId: 1,
      connectionName: 'a',
      flow: 'orders',
      everyMs: 60_000,
      runAtStart: true,
      run: async () => {
        runs.push(clock.now());
        return ran();
      },
    });
    s.start();
    await settle();
    expect(runs).toHaveLength(1);
    await clock.advance(59_000);
    expect(runs).toHaveLength(1);
    await clock.advance(1_000);
    await settle();
    expect(runs).toHaveLength(2);
    s.trigger('1:orders');
    await settle();
    await settle();
    expect(runs).toHaveLength(3);
    await s.stop();
  });

  it('follows a cron expression in the given time zone', async () => {
    // 2026-11-26 12:00 UTC = 04:00 in Los Angeles; "30 2 * * *" there is 2026-11-27 10:30 UTC.
    const clock = new ManualClock(Date.UTC(2026, 10, 26, 12, 0, 0));
    const s = new Scheduler(clock, silentLogger());
    const runs: string[] = [];
    s.add({
      key: '1:reconcile',
      connectionId: 1,
      connectionName: 'a',
      flow: 'reconcile',
      cron: '30 2 * * *',
      timezone: 'America/Los_Angeles',
      run: async () => {
        runs.push(new Date(clock.now()).toISOString());
        return ran();
      },
    });
    expect(new Date(s.list()[0]!.nextAt).toISOString()).toBe('2026-11-27T10:30:00.000Z');
    s.start();
    await clock.advance(22 * 3_600_000 + 30 * 60_000);
    await settle();
    expect(runs).toEqual(['2026-11-27T10:30:00.000Z']);
    await s.stop();
  });

  it('stops every loop, also one waiting for its next time', async () => {
    const clock = new ManualClock();
    const s = new Scheduler(clock, silentLogger());
    s.add({
      key: 'x',
      connectionId: 1,
      connectionName: 'a',
      flow: 'orders',
      everyMs: 1_000_000,
      run: async () => ran(),
    });
    s.start();
    await s.stop();
    expect(clock.pendingSleepers).toBe(0);
  });

  it('does not warn about the passes a stop ends (they are stopped, not failed); a failure still warns', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 26, 12, 0, 0));
    const lines: { level: number; msg: string }[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (l: string) => lines.push(JSON.parse(l)) } });
    const s = new Scheduler(clock, logger);
    let release = () => {};
    const job = (key: string, result: () => FlowRunResult) => ({
      key,
      connectionId: 1,
      connectionName: 'a',
      flow: key.split(':')[1]!,
      everyMs: 60_000,
      runAtStart: true,
      run: (signal: AbortSignal) =>
        new Promise<FlowRunResult>((resolve) => {
          if (key === '1:orders') release = () => resolve(result());
          else signal.addEventListener('abort', () => resolve(result()), { once: true });
        }),
    });
    s.add(job('1:orders', () => ({ status: 'failed', error: new Error('Sage said no'), ms: 0 })));
    s.add(job('1:inventory', () => stoppedResult(5)));
    s.start();
    await settle();
    release();
    await settle();
    await settle();
    await s.stop();
    expect(lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([
      'scheduled flow failed; it runs again at its next time',
    ]);
  });
});
