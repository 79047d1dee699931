import { SingleBar } from 'cli-progress';
import type { FlowProgress } from '../engine/ports.js';

/**
 * Progress of a long pass on the terminal: a bar with ETA when the total is known and stderr is a TTY,
 * otherwise a plain line every few seconds (logs and CI output stay readable).
 */
export class ProgressReporter {
  private bar: SingleBar | null = null;
  private phase = '';
  private lastLine = 0;
  private readonly started = Date.now();

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update = (p: FlowProgress): void => {
    if (this.stream.isTTY && p.total !== undefined && p.total > 0) {
      if (!this.bar || this.phase !== p.phase) {
        this.bar?.stop();
        this.phase = p.phase;
        this.bar = new SingleBar({
          format: `${p.phase} [{bar}] {value}/{total} {percentage}% | ETA {eta_formatted} | {rate}/s`,
          stream: this.stream,
          hideCursor: true,
        });
        this.bar.start(p.total, 0, { rate: '0' });
      }
      const secs = Math.max(1, (Date.now() - this.started) / 1000);
      this.bar.update(Math.min(p.done, p.total), { rate: (p.done / secs).toFixed(1) });
      return;
    }
    const now = Date.now();
    if (now - this.lastLine < 2000 && p.done !== p.total) return;
    this.lastLine = now;
    const secs = (now - this.started) / 1000;
    const rate = p.done / Math.max(secs, 0.001);
    const eta = p.total !== undefined && rate > 0 ? ` (about ${formatDuration((p.total - p.done) / rate)} left)` : '';
    this.stream.write(`${p.phase}: ${p.done}${p.total !== undefined ? `/${p.total}` : ''}${eta}\n`);
  };

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
