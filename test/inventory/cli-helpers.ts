import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = resolve(import.meta.dirname, 'cli-entry.ts');

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `mappings …` / `reconcile …` command lines, one after the other, in one child process with the
 * world's environment; one result per command line.
 */
export function runCommands(commands: string[][], env: Record<string, string>): Promise<CommandResult[]> {
  const args = commands.flatMap((c, i) => (i === 0 ? c : ['--next', ...c]));
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      const outs = stdout.split(/\n@@exit (\d+)@@\n/);
      const errs = stderr.split(/\n@@exit \d+@@\n/);
      const results: CommandResult[] = [];
      for (let i = 0; i < commands.length; i++) {
        const exit = outs[i * 2 + 1];
        if (exit === undefined) {
          fail(new Error(`command ${i + 1} did not finish (process exit ${code}): ${stdout}\n${stderr}`));
          return;
        }
        results.push({ code: Number(exit), stdout: outs[i * 2] ?? '', stderr: errs[i] ?? '' });
      }
      done(results);
    });
  });
}

/** One command line in its own process. */
export async function runCommand(args: string[], env: Record<string, string>): Promise<CommandResult> {
  return (await runCommands([args], env))[0]!;
}
