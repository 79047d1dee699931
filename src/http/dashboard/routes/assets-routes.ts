import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/**
 * The dashboard's two static files, read once at start: the stylesheet (plain CSS, next to this code in
 * src/; the compiled dist/ has no copy, so the source path is tried too) and htmx from node_modules.
 */
function readStylesheet(): string {
  const candidates = [
    new URL('../static/dashboard.css', import.meta.url),
    // dist/src/http/dashboard/routes → src/http/dashboard/static
    new URL('../../../../../src/http/dashboard/static/dashboard.css', import.meta.url),
  ];
  for (const url of candidates) {
    try {
      return readFileSync(fileURLToPath(url), 'utf8');
    } catch {
      // try the next place
    }
  }
  throw new Error('dashboard.css not found next to the dashboard code');
}

function readHtmx(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve('htmx.org/dist/htmx.min.js'), 'utf8');
}

export function assetsRoutes(f: FastifyInstance): void {
  const css = readStylesheet();
  const htmx = readHtmx();
  const cache = 'public, max-age=3600';
  f.get('/assets/dashboard.css', { config: { public: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', cache).send(css),
  );
  f.get('/assets/htmx.min.js', { config: { public: true } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', cache).send(htmx),
  );
}
