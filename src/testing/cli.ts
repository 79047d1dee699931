import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(
  import.meta.dirname,
  existsSync(resolve(import.meta.dirname, '../../package.json')) ? '../..' : '../../..',
);
const DIST = resolve(ROOT, 'dist/src/cli/main.js');

/** How to start the CLI: the built one when present (CI builds first), else TypeScript through tsx. */
export function cliArgs(args: string[]): { command: string; args: string[] } {
  if (existsSync(DIST) && process.env['ML_TEST_USE_TSX'] !== '1') {
    return { command: process.execPath, args: ['--enable-source-maps', DIST, ...args] };
  }
  return { command: process.execPath, args: ['--import', 'tsx', resolve(ROOT, 'src/cli/main.ts'), ...args] };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion with a clean environment (plus `env`), feeding `input` on stdin. */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  const { command, args: full } = cliArgs(args);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, full, {
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Spawns the CLI and returns at once; `exited` resolves with the exit code (or the signal's name). */
export function spawnCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): { child: ChildProcess; exited: Promise<number | string | null>; output: () => string } {
  const { command, args: full } = cliArgs(args);
  const child = spawn(command, full, {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return { child, exited, output: () => out };
}

/** Starts a long-running CLI command; resolves once a stdout line matches `ready`. */
export function startCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; ready: RegExp; timeoutMs?: number },
): Promise<{ child: ChildProcess; match: RegExpMatchArray; output: () => { stdout: string; stderr: string } }> {
  const { command, args: full } = cliArgs(args);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, full, {
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out waiting for ${options.ready}; stdout: ${stdout}; stderr: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = stdout.match(options.ready);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ child, match, output: () => ({ stdout, stderr }) });
      }
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ready; stdout: ${stdout}; stderr: ${stderr}`));
    });
  });
}
