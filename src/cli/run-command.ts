import type { Command } from 'commander';
import { type App, openApp } from '../app.js';
import { ConfigError, ConnectorError } from '../domain/errors.js';
import { stderrConsole } from '../observability/console-writer.js';

/** Options every command accepts (declared on the root program). */
export interface GlobalOptions {
  config?: string;
}

/** The config file from `--config` or ML_CONNECTOR_CONFIG (the CLI is the only reader of process.env). */
export function configFileOf(command: Command): string | undefined {
  const opts = command.optsWithGlobals<GlobalOptions>();
  return opts.config ?? process.env['ML_CONNECTOR_CONFIG'];
}

/** A line on stdout; on a terminal, above the live status line (a progress or summary line on stderr). */
export function print(line = ''): void {
  if (process.stdout.isTTY) stderrConsole.above(() => process.stdout.write(`${line}\n`));
  else process.stdout.write(`${line}\n`);
}

/** A line on stderr, through the console writer the logger shares, so it never merges with a status line. */
export function printError(line: string): void {
  stderrConsole.line(line);
}

/**
 * Opens the app, runs the action, closes the app, and turns failures into a plain message and an exit
 * code (1 = the work failed, 2 = the configuration is wrong) instead of a stack trace.
 */
export async function withApp(
  command: Command,
  action: (app: App) => Promise<number | undefined | void>,
): Promise<void> {
  let app: App | undefined;
  let code = 0;
  try {
    app = await openApp({ env: process.env, configFile: configFileOf(command) });
    code = (await action(app)) ?? 0;
  } catch (error) {
    code = reportError(error);
  } finally {
    await app?.close().catch(() => {});
  }
  process.exitCode = code;
}

export function reportError(error: unknown): number {
  if (error instanceof ConfigError) {
    printError(error.message);
    printError('Fix these settings (environment variables or the config file) and run "ml-connector config check".');
    return 2;
  }
  if (error instanceof ConnectorError) {
    printError(error.message);
    return 1;
  }
  printError(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  printError('Run again with LOG_LEVEL=debug for details, and report it if it persists.');
  return 1;
}

/** Reads all of standard input (for --password-stdin), without the trailing newline. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** A plain text table: columns padded to the widest cell. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
