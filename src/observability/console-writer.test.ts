import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConsoleWriter } from './console-writer.js';
import { createLogger } from './logger.js';

function terminal(isTTY: boolean): { out: Writable & { isTTY?: boolean }; text: () => string } {
  let text = '';
  const out = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  }) as Writable & { isTTY?: boolean };
  out.isTTY = isTTY;
  return { out, text: () => text };
}

describe('the console writer', () => {
  it('on a terminal writes a line above the status line and draws the status again below it', () => {
    const t = terminal(true);
    const c = new ConsoleWriter(t.out);
    c.setStatus('sent: 1');
    c.line('a log line');
    c.setStatus('sent: 2');
    expect(t.text()).toBe('\r\x1b[2Ksent: 1\r\x1b[2Ka log line\nsent: 1\r\x1b[2Ksent: 2');
  });

  it('on a pipe writes every status as a line of its own', () => {
    const t = terminal(false);
    const c = new ConsoleWriter(t.out);
    c.setStatus('sent: 1');
    c.line('a log line');
    expect(t.text()).toBe('sent: 1\na log line\n');
  });

  it('the logger on a terminal writes pretty lines through it, JSON when asked', () => {
    const t = terminal(true);
    const c = new ConsoleWriter(t.out);
    c.setStatus('summary');
    createLogger({ console: c })
      .child({ connection: 'demo' })
      .warn({ connection: 'demo', flow: 'orders' }, 'lease lost');
    const shown = t.text().split('\n')[0]?.split('\r').pop() ?? '';
    expect(shown.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')).toMatch(
      /^\[\d\d:\d\d:\d\d\] WARN: lease lost \{"connection":"demo","flow":"orders"\}$/,
    );
    const j = terminal(true);
    createLogger({ console: new ConsoleWriter(j.out), format: 'json' })
      .child({ connection: 'demo' })
      .info({ connection: 'demo' }, 'x');
    const line = j.text().trim();
    expect(JSON.parse(line)).toMatchObject({ level: 30, msg: 'x', connection: 'demo' });
    expect(line.match(/"connection"/g)).toHaveLength(1);
  });
});
