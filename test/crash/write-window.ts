import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import type { HeldAnswer, HeldAnswers } from '../../src/simulators/held-answers.js';
import type { World } from '../helpers/world.js';

const ENTRY = resolve(import.meta.dirname, 'crash-entry.ts');

export type CrashJob =
  | 'orders-new'
  | 'orders-edits'
  | 'shipments'
  | 'inventory'
  | 'ship-vias'
  | 'products'
  | 'webhooks';

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | string | null>;
}

function spawnJob(job: CrashJob, env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, job], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | string | null>((r) => child.once('exit', (code, signal) => r(code ?? signal)));
  return { child, output: () => out, exited };
}

/** Runs a job in a connector process of its own to its end; fails the test unless it exits 0. */
export async function runJob(job: CrashJob, env: Record<string, string>, timeoutMs = 50_000): Promise<string> {
  const run = spawnJob(job, env);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), timeoutMs);
  const code = await run.exited;
  clearTimeout(timer);
  expect(code, run.output()).toBe(0);
  expect(run.output()).toMatch(/^done /m);
  return run.output();
}

export interface WindowKill {
  /** The write that was applied and whose answer the killed process never got. */
  held: HeldAnswer;
  /** The output of the run after the restart. */
  after: string;
}

/**
 * The crash at the write window, deterministic: `arm` sets a simulator's hold-the-answer fault; a connector
 * process runs `job` until the simulator reports that the write arrived (applied, answer kept back); the
 * process is SIGKILLed right then; the fault is cleared and the answer released into the dead socket; the
 * dead process's lease is expired (instead of waiting out its TTL); the job runs again to its end.
 */
export async function killInWriteWindow(
  w: World,
  options: { job: CrashJob; held: HeldAnswers; arm: () => void; disarm: () => void; env?: Record<string, string> },
): Promise<WindowKill> {
  const env = { ...w.env, ...options.env };
  options.arm();
  const run = spawnJob(options.job, env);
  const held = await Promise.race([options.held.arrived(45_000), run.exited.then(() => null)]);
  expect(held, `no write was held; the process said:\n${run.output()}`).not.toBeNull();
  run.child.kill('SIGKILL');
  expect(await run.exited).toBe('SIGKILL');
  options.disarm();
  options.held.release();
  await w.app.store.db
    .updateTable('leases')
    .set({ expires_at: new Date(0).toISOString() })
    .execute();
  const after = await runJob(options.job, env);
  return { held: held!, after };
}
