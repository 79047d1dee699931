import { describe, expect, it } from 'vitest';
import { heapSizedByOperator } from './heap-growth.js';

describe('heapSizedByOperator', () => {
  it.each([
    [[], '', false],
    [['--enable-source-maps'], '--require ./x.cjs', false],
    [['--max-old-space-size=512'], '', true],
    [['--max_old_space_size=512'], '', true],
    [['--heap-growing-percent=100'], '', true],
    [[], '--max-old-space-size=300 --enable-source-maps', true],
    [[], '--max-heap-size=400', true],
    [['--max-semi-space-size=8'], '', false],
  ] as const)('%j with NODE_OPTIONS %j → %s', (execArgv, nodeOptions, expected) => {
    expect(heapSizedByOperator(execArgv, nodeOptions)).toBe(expected);
  });
});
