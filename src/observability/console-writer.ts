/**
 * The one writer of a terminal that shows both log lines and a live status line (the demo's summary, a bar):
 * a line is written above the status line, which is then drawn again below it, so the two never merge
 * ("need attention: 0{"level":40…}"). On a pipe or a file there is no status line: lines pass through.
 */
export class ConsoleWriter {
  private status = '';

  constructor(private readonly out: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr) {}

  /** Whether the status line is redrawn in place (a terminal) rather than printed line by line. */
  get live(): boolean {
    return this.out.isTTY === true;
  }

  /** Writes whole lines (a log line, a message) above the status line. */
  line(text: string): void {
    const body = text.endsWith('\n') ? text : `${text}\n`;
    if (this.live && this.status) this.out.write(`\r\x1b[2K${body}${this.status}`);
    else this.out.write(body);
  }

  /**
   * Runs a write to another stream of the same terminal (stdout) above the status line: the status line is
   * cleared first and drawn again after.
   */
  above(write: () => void): void {
    if (!this.live || !this.status) {
      write();
      return;
    }
    this.out.write('\r\x1b[2K');
    write();
    this.out.write(this.status);
  }

  /** Replaces the status line (on a terminal); elsewhere it is printed as a line of its own. */
  setStatus(text: string): void {
    if (!this.live) {
      this.line(text);
      return;
    }
    this.status = text.replace(/\n/g, ' ');
    this.out.write(`\r\x1b[2K${this.status}`);
  }

  /** Ends the status line so what follows starts on a fresh line. */
  clearStatus(): void {
    if (this.live && this.status) this.out.write('\r\x1b[2K');
    this.status = '';
  }
}

/** The process's stderr console: the logger and the live summary write through this one instance. */
export const stderrConsole = new ConsoleWriter(process.stderr);
