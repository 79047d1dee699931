import type { LayerRule } from './layers.js';

const under = (folder: string) => (path: string) => path.startsWith(`src/${folder}/`);
const isPackage = (to: string) => !to.startsWith('src/') && !to.startsWith('test/') && !to.startsWith('bench/');
/** Packages that are I/O adapters: the engine reaches them only through its ports. */
const ADAPTER_PACKAGES = ['kysely', 'pg', 'better-sqlite3', 'fastify', '@fastify/', 'pino', 'prom-client'];
const isAdapterPackage = (to: string) =>
  ADAPTER_PACKAGES.some((p) => to === p || (p.endsWith('/') && to.startsWith(p)));

/**
 * The arrows of docs/architecture.md, as rules over every import of every product file under src/ (tests,
 * `*.test.ts`, test/ and bench/ are not checked: they may reach anything).
 */
export const LAYER_RULES: readonly LayerRule[] = [
  {
    // The engine owns its ports (engine/ports.ts); adapters, the store and the runtime plug into them.
    name: 'engine imports only domain, mapping and the engine',
    files: under('engine'),
    forbids: (to) => {
      if (isPackage(to)) return isAdapterPackage(to) ? 'an I/O package: reach it through a port' : undefined;
      return ['src/domain/', 'src/mapping/', 'src/engine/'].some((p) => to.startsWith(p))
        ? undefined
        : 'outside domain/, mapping/ and engine/';
    },
  },
  {
    name: 'integrations never import runtime, http or cli',
    files: under('integrations'),
    forbids: (to) =>
      ['src/runtime/', 'src/http/', 'src/cli/'].some((p) => to.startsWith(p))
        ? 'an inner layer reaches out'
        : undefined,
  },
  {
    // HTTP assembly lives in the composition root (src/compose.ts), not in the runtime.
    name: 'runtime never imports http',
    files: under('runtime'),
    forbids: (to) => (to.startsWith('src/http/') ? 'the runtime must run without the web layer' : undefined),
  },
  {
    // The simulators stand in for Sage and ShipStation in tests, benchmarks and the demo only.
    name: 'only the demo, sim-* commands and testing/ import simulators/',
    files: (path) =>
      !path.startsWith('src/simulators/') &&
      !path.startsWith('src/demo/') &&
      !path.startsWith('src/testing/') &&
      !/^src\/cli\/commands\/sim-[^/]*\.ts$/.test(path),
    forbids: (to) => (to.startsWith('src/simulators/') ? 'product code must not depend on a simulator' : undefined),
  },
  {
    name: 'product code never imports testing/',
    files: (path) => !path.startsWith('src/testing/'),
    forbids: (to) => (to.startsWith('src/testing/') ? 'testing/ is for tests and the demo tooling' : undefined),
  },
];
