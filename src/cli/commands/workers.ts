import type { Command } from 'commander';
import { listWorkers } from '../../runtime/fleet.js';
import type { WorkerInfo } from '../../store/workers-repo.js';
import { print, withApp } from '../run-command.js';

function secondsAgo(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 90) return `${s}s ago`;
  if (s < 5400) return `${Math.round(s / 60)}m ago`;
  return `${Math.round(s / 3600)}h ago`;
}

/**
 * The workers as a table (the `workers` command, and the head of `status`): id, host, started, last heartbeat,
 * passes running of the cap, alive or gone. Times are the database's (PostgreSQL), so a skewed host reads right.
 */
export function workerLines(workers: readonly WorkerInfo[]): string[] {
  if (workers.length === 0) return ['No worker is running ("ml-connector start" registers one).'];
  const rows = workers.map((w) => [
    w.id,
    `${w.host} (pid ${w.pid})`,
    w.startedAt.replace('T', ' ').slice(0, 19),
    secondsAgo(w.heartbeatAgeMs),
    `${w.passesRunning} of ${w.concurrency}`,
    w.alive ? 'alive' : 'gone',
  ]);
  const head = ['worker', 'host', 'started (UTC)', 'last heartbeat', 'passes', 'state'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)];
}

export function registerWorkers(program: Command): void {
  program
    .command('workers')
    .description('the service processes on this database: host, started, last heartbeat, passes running, alive or gone')
    .action(async (_opts: unknown, command: Command) => {
      await withApp(command, async (app) => {
        for (const l of workerLines(await listWorkers(app))) print(l);
      });
    });
}
