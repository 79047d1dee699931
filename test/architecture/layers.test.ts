import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LAYER_RULES } from './layer-rules.js';
import { importsOf, sourceFiles, violations } from './layers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Today's known violations, `file → import`: the engine still takes the store's row types (ShipmentEvent,
 * WriteIntent, Lease, AuditInput, ReferenceItem), the lease-lost error and the Logger type from outside
 * domain/ (issue 11, point 3). The list may only shrink: an entry that is no longer a violation fails the
 * test too, so whoever fixes one deletes its line. Empty it once the domain types have moved.
 */
const KNOWN_VIOLATIONS: readonly string[] = [
  'src/engine/flow-runner.ts → src/observability/logger.ts',
  'src/engine/flow-runner.ts → src/store/lease-lost-error.ts',
  'src/engine/flow-runner.ts → src/store/leases-repo.ts',
  'src/engine/inventory/push-levels.ts → src/store/audit-repo.ts',
  'src/engine/mappings/resolve-target.ts → src/store/mappings-repo.ts',
  'src/engine/mappings/reverse.ts → src/store/mappings-repo.ts',
  'src/engine/ports.ts → src/observability/logger.ts',
  'src/engine/ports.ts → src/store/leases-repo.ts',
  'src/engine/ports.ts → src/store/store.ts',
  'src/engine/reference-flow.ts → src/store/mappings-repo.ts',
  'src/engine/scheduler.ts → src/observability/logger.ts',
  'src/engine/shipments/event-data.ts → src/store/shipment-events-repo.ts',
  'src/engine/shipments/open-intents.ts → src/store/write-intents-repo.ts',
  'src/engine/shipments/process-event.ts → src/store/shipment-events-repo.ts',
  'src/engine/shipments/target-written.ts → src/store/shipment-events-repo.ts',
  'src/engine/shipments/target-written.ts → src/store/write-intents-repo.ts',
  'src/engine/shipments/write-target.ts → src/store/write-intents-repo.ts',
];

const edgeOf = (violation: string) => violation.replace(/ \(.*\)$/, '');

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

  it('no product file imports across a layer arrow (beyond the known, shrinking list)', () => {
    const known = new Set(KNOWN_VIOLATIONS);
    const fresh = found.filter((v) => !known.has(edgeOf(v)));
    expect(fresh, `imports that break a layer rule:\n${fresh.join('\n')}\n`).toEqual([]);
  });

  it('every known violation still exists (delete the line of one you fixed)', () => {
    const now = new Set(found.map(edgeOf));
    const gone = KNOWN_VIOLATIONS.filter((v) => !now.has(v));
    expect(gone, `no longer violations, remove them from KNOWN_VIOLATIONS:\n${gone.join('\n')}\n`).toEqual([]);
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
