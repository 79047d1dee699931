import type { Clock } from '../domain/clock.js';
import { systemClock } from '../domain/clock.js';
import { formatDuration, PushEstimator } from '../engine/inventory/push-estimator.js';
import type { FlowProgress } from '../engine/ports.js';
import { type ConsoleWriter, stderrConsole } from '../observability/console-writer.js';

/**
 * Progress of a long pass on the terminal: a status line redrawn in place below the log lines (through the
 * same console writer as the logger, so they never merge), or a plain line every few seconds on a pipe.
 * The time left is the pace of the last 60 s (PushEstimator), or the pass's own estimate when it gives one.
 */
export class ProgressReporter {
  private phase = '';
  private estimator: PushEstimator | null = null;
  private lastLine = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly console: ConsoleWriter = stderrConsole,
    private readonly clock: Clock = systemClock,
  ) {}

  update = (p: FlowProgress & { etaMs?: number }): void => {
    const now = this.clock.now();
    if (!this.estimator || this.phase !== p.phase) {
      this.phase = p.phase;
      this.estimator = new PushEstimator(p.total ?? 0, now);
    }
    if (p.total !== undefined) this.estimator.setTotal(p.total);
    const own = p.total !== undefined ? this.estimator.etaMs(p.done, now) : undefined;
    const line = progressLine(p, p.etaMs ?? own);
    if (this.console.live) {
      this.console.setStatus(line);
      return;
    }
    if (now - this.lastLine < 2000 && p.done !== p.total) return;
    this.lastLine = now;
    this.console.line(line);
  };

  stop(): void {
    this.console.clearStatus();
  }
}

/** `orders: 40 of 100 (40 %), about 1 min 10 s left`. */
export function progressLine(p: FlowProgress, etaMs: number | undefined): string {
  if (p.total === undefined) return `${p.phase}: ${p.done} so far`;
  const pct = p.total > 0 ? ` (${Math.floor((100 * Math.min(p.done, p.total)) / p.total)} %)` : '';
  const eta = etaMs !== undefined && p.done < p.total ? `, about ${formatDuration(etaMs)} left` : '';
  return `${p.phase}: ${p.done} of ${p.total}${pct}${eta}`;
}
