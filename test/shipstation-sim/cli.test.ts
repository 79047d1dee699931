import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { v1, v1Order } from './sim-helpers.js';

const root = join(import.meta.dirname, '..', '..');
const built = join(root, 'dist', 'src', 'cli', 'main.js');

/** The build is used when it holds this simulator and is not older than its sources (`npm test` builds first). */
function buildIsFresh(): boolean {
  const pairs = [
    ['src/cli/commands/sim-shipstation.ts', 'dist/src/cli/commands/sim-shipstation.js'],
    ['src/simulators/shipstation/shipstation-simulator.ts', 'dist/src/simulators/shipstation/shipstation-simulator.js'],
  ];
  return (
    existsSync(built) &&
    pairs.every(
      ([source, output]) =>
        existsSync(join(root, output!)) &&
        statSync(join(root, output!)).mtimeMs >= statSync(join(root, source!)).mtimeMs,
    )
  );
}

function launch(args: string[]): ChildProcess {
  const command = buildIsFresh() ? [built] : ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts')];
  return spawn(process.execPath, [...command, 'sim', 'shipstation', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The first two stdout lines: the ready lines the tools read. */
function readyLines(child: ChildProcess): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const reader = createInterface({ input: child.stdout! });
    reader.on('line', (line) => {
      lines.push(line);
      if (lines.length === 2) resolve(lines);
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before it was ready`)));
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('ml-connector sim shipstation', () => {
  it('prints exactly the two ready lines, serves both APIs, saves --state and stops cleanly on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sssim-'));
    const state = join(dir, 'state.json');
    const child = launch(['--port', '0', '--state', state, '--v1-key', 'k', '--v1-secret', 's']);
    try {
      const lines = await readyLines(child);
      const v1Match = /^ready shipstation-v1 (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0]!);
      expect(v1Match).not.toBeNull();
      const origin = v1Match![1]!;
      expect(lines[1]).toBe(`ready shipstation-v2 ${origin}/v2`);
      const auth = `Basic ${Buffer.from('k:s').toString('base64')}`;
      expect((await v1(origin, 'POST', '/orders/createorder', v1Order(42), auth)).status).toBe(200);
      expect((await fetch(`${origin}/v2/warehouses`, { headers: { 'api-key': 'demo-v2-key' } })).status).toBe(200);
      const exited = exitCode(child);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(lines).toHaveLength(2); // nothing else ever reaches stdout
      const saved = JSON.parse(await readFile(state, 'utf8'));
      expect(saved.orders.map((o: { orderKey: string }) => o.orderKey)).toEqual(['SAMINC-42-1']);

      // A second start loads the saved account.
      const again = launch(['--port', '0', '--state', state, '--v1-key', 'k', '--v1-secret', 's']);
      const [line] = await readyLines(again);
      const origin2 = line!.split(' ')[2]!;
      const found = await v1(origin2, 'GET', '/orders?orderNumber=42', undefined, auth);
      expect(found.body.total).toBe(1);
      const done = exitCode(again);
      again.kill('SIGTERM');
      expect(await done).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('starts in the modes the tests use: V1 refused by plan, inventory by limit only (and --v2-update replace)', async () => {
    const child = launch([
      '--port',
      '0',
      '--v1-refused-by-plan',
      '403',
      '--v2-update',
      'replace',
      '--v2-inventory-limit-only',
      '50',
    ]);
    try {
      const [line] = await readyLines(child);
      const origin = line!.split(' ')[2]!;
      const auth = `Basic ${Buffer.from('demo-v1-key:demo-v1-secret').toString('base64')}`;
      expect((await v1(origin, 'GET', '/warehouses', undefined, auth)).status).toBe(403);
      const headers = { 'api-key': 'demo-v2-key', 'content-type': 'application/json' };
      const page2 = await fetch(`${origin}/v2/inventory?page=2&page_size=10&limit=50`, { headers });
      const body = (await page2.json()) as { inventory: unknown[] };
      // page and page_size ignored, limit honoured: the first 50 levels again.
      expect(body.inventory.length).toBeLessThanOrEqual(50);
      const first = (await (await fetch(`${origin}/v2/inventory?limit=50`, { headers })).json()) as {
        inventory: unknown[];
      };
      expect(body.inventory).toEqual(first.inventory);
      const exited = exitCode(child);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses a mode it does not know, naming the choices', async () => {
    const child = launch(['--port', '0', '--v2-update', 'patch']);
    const out: string[] = [];
    child.stderr?.on('data', (d: Buffer) => out.push(d.toString()));
    expect(await exitCode(child)).not.toBe(0);
    expect(out.join('')).toContain('v2-update must be one of merge, replace.');
  });
});
