import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import type { App } from '../app.js';
import { PROCESS_HOLDER } from '../engine/flow-runner.js';

/** This process's version, for the workers table (a fleet mid-upgrade shows which worker runs what). */
export function packageVersion(): string {
  try {
    return (createRequire(import.meta.url)('../../package.json') as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** How long without a heartbeat before a worker is shown as gone: three missed heartbeats. */
export function goneAfterMs(app: App): number {
  return 3 * app.config.WORKER_HEARTBEAT_SECONDS * 1000;
}

/**
 * This worker's row in the workers table (issue 15 point 6): registered at start, its heartbeat (the
 * database's clock on PostgreSQL) and the passes it runs written every WORKER_HEARTBEAT_SECONDS, deleted at a
 * clean stop. A SIGKILLed worker's row stays and reads as gone once its heartbeat is older than `goneAfterMs`.
 * The id is the one leases name (`PROCESS_HOLDER`), so a lease holder `<worker id>/<pass>` names its worker.
 */
export class WorkerHeartbeat {
  private readonly stopping = new AbortController();
  private loop: Promise<void> | null = null;

  constructor(
    private readonly app: App,
    private readonly passesRunning: () => number,
    readonly id: string = PROCESS_HOLDER,
  ) {}

  start(): void {
    if (this.loop) return;
    this.loop = this.register().then(() => this.beat());
  }

  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopping.abort(new Error('worker stopping'));
    await this.loop;
    await this.app.store.workers.deregister(this.id).catch((err) => this.warn(err));
  }

  private register(): Promise<void> {
    return this.app.store.workers
      .register({
        id: this.id,
        host: hostname(),
        pid: process.pid,
        version: packageVersion(),
        concurrency: this.app.config.WORKER_CONCURRENCY,
      })
      .catch((err) => this.warn(err));
  }

  private async beat(): Promise<void> {
    const signal = this.stopping.signal;
    const every = this.app.config.WORKER_HEARTBEAT_SECONDS * 1000;
    while (!signal.aborted) {
      await this.app.clock.sleep(every, signal).catch(() => {});
      if (signal.aborted) return;
      const known = await this.app.store.workers.heartbeat(this.id, this.passesRunning()).catch((err) => {
        this.warn(err);
        return true;
      });
      // The row was deleted (by hand, or as long gone after the host slept): register again.
      if (!known) await this.register();
    }
  }

  private warn(err: unknown): void {
    this.app.logger.warn({ worker: this.id, err }, 'the workers table could not be written');
  }
}
