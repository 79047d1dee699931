import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliArgs, spawnCli } from '../helpers/cli.js';

/**
 * Issue 16, point 1: a console for people, logs for machines. `start` (the demo) under a pseudo-terminal
 * (util-linux `script`) shows short pretty log lines written above the live summary line, never into it;
 * without a terminal the same run logs JSON lines.
 */
const hasScript = spawnSync('script', ['--version']).status === 0;
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
const SUMMARY = /entered in Sage: \d+ \| sent to ShipStation: \d+/;
const PRETTY = /^\[\d\d:\d\d:\d\d\] (TRACE|DEBUG|INFO|WARN|ERROR|FATAL): /;
const FAST = { ORDERS_POLL_SECONDS: '2', SHIPMENTS_POLL_SECONDS: '5' };

/** What a terminal shows of each line: the text after the last carriage return (each redraw clears the line). */
function visibleLines(raw: string): string[] {
  return raw.split('\n').map((l) =>
    (
      l
        .split('\r')
        .filter((part) => part.replace(ANSI, '') !== '')
        .pop() ?? ''
    ).replace(ANSI, ''),
  );
}

async function until(condition: () => boolean, ms: number): Promise<void> {
  const started = Date.now();
  while (!condition() && Date.now() - started < ms) await new Promise((r) => setTimeout(r, 250));
}

describe('the console', () => {
  it.skipIf(!hasScript)(
    'on a terminal: pretty log lines above the summary line, never merged with it',
    async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'mlc-pty-'));
      const { command, args } = cliArgs(['start']);
      const quoted = [command, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
      const child = spawn('script', ['-qfec', quoted, '/dev/null'], {
        cwd,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: process.env['HOME'] ?? '/tmp',
          PORT: '0',
          LOG_LEVEL: 'debug',
          TERM: 'xterm',
          ...FAST,
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let raw = '';
      child.stdout.on('data', (d: Buffer) => {
        raw += d.toString();
      });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        // Log lines written after the summary line first appeared are the ones that could have merged with it.
        await until(() => {
          const at = raw.search(SUMMARY);
          return at >= 0 && visibleLines(raw.slice(at)).filter((l) => PRETTY.test(l)).length >= 3;
        }, 60_000);
      } finally {
        child.kill('SIGTERM');
        await exited;
      }
      const lines = visibleLines(raw);
      const after = visibleLines(raw.slice(raw.search(SUMMARY)));
      expect(after.filter((l) => PRETTY.test(l)).length, raw).toBeGreaterThanOrEqual(3);
      // Each visible line is either a summary or a log line, never both; no raw JSON on a terminal.
      expect(
        lines.filter((l) => SUMMARY.test(l) && (PRETTY.test(l) || /\[\d\d:\d\d:\d\d\]/.test(l) || l.includes('{"'))),
        raw,
      ).toEqual([]);
      expect(
        lines.filter((l) => l.startsWith('{"level"')),
        raw,
      ).toEqual([]);
      expect(lines.filter((l) => /^\[\d\d:\d\d:\d\d\]/.test(l) && !PRETTY.test(l))).toEqual([]);
      // The summary is drawn in place: the terminal shows it last, below the log lines.
      expect(raw.replace(ANSI, '')).toMatch(/\r(\x1b\[2K)?entered in Sage: /);
      // Printed once: the webhook line is a log line, not also a text line.
      expect(lines.filter((l) => l.includes('V1 SHIP_NOTIFY: subscribed.')).length, raw).toBe(1);
    },
    90_000,
  );

  it('without a terminal: JSON lines, one object each, no key twice', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'mlc-json-'));
    const run = spawnCli(['start'], { cwd, env: { PORT: '0', LOG_LEVEL: 'debug', ...FAST } });
    try {
      await until(
        () =>
          (run.output().match(/"msg":"orders pass finished|sent to ShipStation: /g) ?? []).length > 0 &&
          run
            .output()
            .split('\n')
            .filter((l) => l.startsWith('{')).length >= 20,
        60_000,
      );
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
    const lines = run.output().split('\n');
    const logs = lines.filter((l) => l.startsWith('{'));
    expect(logs.length, run.output()).toBeGreaterThanOrEqual(20);
    for (const line of logs) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(typeof parsed['level']).toBe('number');
      // JSON.parse keeps the last of a repeated key: count the keys as written.
      const keys = [...line.matchAll(/[{,]"([^"]+)":/g)].map((m) => m[1]);
      const top = Object.keys(parsed);
      expect(top.length, line).toBeLessThanOrEqual(new Set(keys).size);
      expect(keys.filter((k) => k === 'connection').length, line).toBeLessThanOrEqual(1);
    }
    expect(lines.filter((l) => PRETTY.test(l))).toEqual([]);
    expect(lines.filter((l) => l.includes('V1 SHIP_NOTIFY: subscribed.')).length, run.output()).toBe(1);
  }, 90_000);
});
