import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LAYER_RULES } from './layer-rules.js';
import { importsOf, sourceFiles, violations } from './layers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('layer rules (docs/architecture.md)', () => {
  const files = sourceFiles(root);
  const found = violations(
    files.flatMap((f) => importsOf(root, f)),
    LAYER_RULES,
  );

  it('reads the imports of every product file', () => {
    expect(files.length).toBeGreaterThan(250);
    expect(files).toContain('src/engine/ports.ts');
    expect(files.some((f) => f.endsWith('.test.ts'))).toBe(false);
  });

  it('no product file imports across a layer arrow', () => {
    expect(found, `imports that break a layer rule:\n${found.join('\n')}\n`).toEqual([]);
  });

  // Each rule against one import it must refuse and one it must allow, as the compiler reads the text.
  it.each([
    ['src/engine/orders/x.ts', "import { Db } from '../../store/db.js';", 'src/store/db.ts', 'engine imports only'],
    ['src/engine/x.ts', "import type { Kysely } from 'kysely';", 'kysely', 'engine imports only'],
    [
      'src/integrations/sage300/x.ts',
      "export { a } from '../../runtime/service.js';",
      'src/runtime/service.ts',
      'integrations never',
    ],
    ['src/integrations/x.ts', "const m = await import('../cli/main.js');", 'src/cli/main.ts', 'integrations never'],
    ['src/runtime/flows/x.ts', "import '../../http/server.js';", 'src/http/server.ts', 'runtime never imports http'],
    [
      'src/http/x.ts',
      "import { s } from '../simulators/sage300/server.js';",
      'src/simulators/sage300/server.ts',
      'only the demo',
    ],
    [
      'src/cli/commands/sync.ts',
      "import { w } from '../../testing/world.js';",
      'src/testing/world.ts',
      'product code never',
    ],
    ['src/demo/demo.ts', "import { w } from '../testing/world.js';", 'src/testing/world.ts', 'product code never'],
  ])('%s: refuses %s', (from, text, to, rule) => {
    const edges = importsOf(root, from, text);
    expect(edges).toEqual([{ from, to }]);
    expect(violations(edges, LAYER_RULES)).toEqual([expect.stringContaining(`${from} → ${to} (${rule}`)]);
  });

  it.each([
    ['src/engine/orders/x.ts', "import { a } from '../../domain/errors.js'; import { b } from '../../mapping/m.js';"],
    ['src/engine/x.ts', "import { DateTime } from 'luxon';"],
    ['src/cli/commands/sim-sage300.ts', "import { s } from '../../simulators/sage300/server.js';"],
    ['src/demo/demo.ts', "import { s } from '../simulators/sage300/server.js';"],
    ['src/runtime/x.ts', "import { a } from '../integrations/sage300/client.js';"],
  ])('%s: allows %s', (from, text) => {
    expect(violations(importsOf(root, from, text), LAYER_RULES)).toEqual([]);
  });
});
