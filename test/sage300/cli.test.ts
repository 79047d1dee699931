import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * `ml-connector sim sage300`: prints exactly one `ready sage300 <base URL>` line on stdout when listening,
 * serves the API there, and exits 0 on SIGTERM. Uses the built CLI when present (CI builds first), else tsx.
 */
const built = 'dist/src/cli/main.js';
// The simulator's own built file tells a current build from one made before this command existed.
const command =
  existsSync(built) && existsSync('dist/src/simulators/sage300/server.js')
    ? [process.execPath, built]
    : [process.execPath, '--import', 'tsx', 'src/cli/main.ts'];

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

function start(args: string[]): Promise<{ line: string; stdout: string[] }> {
  child = spawn(command[0] as string, [...command.slice(1), 'sim', 'sage300', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no ready line within 30 s')), 30_000);
    createInterface({ input: child?.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      stdout.push(line);
      if (line.startsWith('ready ')) {
        clearTimeout(timer);
        resolve({ line, stdout });
      }
    });
    child?.on('exit', (code) => reject(new Error(`exited ${code} before the ready line: ${stderr}`)));
  });
}

describe('ml-connector sim sage300', () => {
  it('prints the ready line, serves the API, stops cleanly on SIGTERM', async () => {
    const { line, stdout } = await start(['--port', '0', '--legacy-2022', '--page-size', '5']);
    const m = /^ready sage300 (http:\/\/127\.0\.0\.1:\d+\/Sage300WebApi\/v1\.0\/-\/SAMINC)$/.exec(line);
    expect(m).not.toBeNull();
    const base = m?.[1] as string;
    const auth = { authorization: `Basic ${Buffer.from('WEBAPI:WEBAPI').toString('base64')}` };
    const page = (await (
      await fetch(`${base}/OE/OEOrders?$select=OrderUniquifier`, { headers: auth })
    ).json()) as Record<string, unknown>;
    expect((page['value'] as unknown[]).length).toBe(5);
    expect(page['@odata.nextLink']).toContain('$skip=5');
    const patch = await fetch(`${base}/OE/OEOrders(1)`, {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(patch.status).toBe(405);
    const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toEqual([line]);
  });
});
