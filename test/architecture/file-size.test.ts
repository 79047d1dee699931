import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './layers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The limit of docs/architecture.md ("Rules that keep it so"); simulators mirror whole API sheets: 350. */
const limitOf = (path: string) => (path.startsWith('src/simulators/') ? 350 : 300);

/** Lines as `wc -l` counts them (newlines), so the figure in a failure is the one a shell shows. */
const linesOf = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

describe('file size (docs/architecture.md)', () => {
  it('no product file under src/ is over its limit (tests, test/ and bench/ are not counted)', () => {
    const files = sourceFiles(root);
    expect(files.length).toBeGreaterThan(250);
    const over = files
      .map((f) => ({ f, lines: linesOf(readFileSync(join(root, f), 'utf8')) }))
      .filter(({ f, lines }) => lines > limitOf(f))
      .map(({ f, lines }) => `${f}: ${lines} lines (limit ${limitOf(f)}): split it by what it does`);
    expect(over, `files over the limit:\n${over.join('\n')}\n`).toEqual([]);
  });

  it.each([
    ['src/engine/orders/x.ts', 300],
    ['src/simulators/shipstation/records.ts', 350],
  ])('%s may have %i lines', (path, limit) => {
    expect(limitOf(path)).toBe(limit);
  });
});
