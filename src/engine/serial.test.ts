import { describe, expect, it } from 'vitest';
import { Serial } from './serial.js';

describe('Serial', () => {
  it('runs one function at a time, in the order they came, whatever each one awaits', async () => {
    const serial = new Serial();
    const log: string[] = [];
    let inside = 0;
    let most = 0;
    const job = (name: string, waits: number) =>
      serial.run(async () => {
        inside += 1;
        most = Math.max(most, inside);
        log.push(`${name}:start`);
        for (let i = 0; i < waits; i++) await Promise.resolve();
        log.push(`${name}:end`);
        inside -= 1;
        return name;
      });
    const results = await Promise.all([job('a', 5), job('b', 0), job('c', 3)]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
    expect(most).toBe(1);
  });

  it('goes on after a function fails, and hands the failure to its caller only', async () => {
    const serial = new Serial();
    const failed = serial.run(async () => {
      throw new Error('boom');
    });
    const next = serial.run(async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });
});
