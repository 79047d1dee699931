import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The dashboard's static files, read once at start (and its icon, below): the stylesheet (plain CSS, next to this code in
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

/** The dashboard's icon: a page without one costs every browser a 404 for /favicon.ico on every visit. */
const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#245"/>' +
  '<path d="M3 11V5l3 3 3-3v6M11 5v6h3" stroke="#fff" fill="none"/></svg>';

/**
 * Rewrites every <time datetime=… data-local> (written in UTC, saying so) in the browser's own time zone, on
 * load and after each htmx swap, and tells the server the browser's zone for the charts. The page's CSP
 * allows scripts from here only, hence a file and not inline.
 * (dateStyle/timeStyle cannot be combined with timeZoneName: the parts are spelled out.)
 */
const LOCAL_TIME_JS = `(() => {
  const localise = (root) => {
    for (const t of root.querySelectorAll('time[data-local]')) {
      const at = new Date(t.getAttribute('datetime'));
      if (Number.isNaN(at.getTime())) continue;
      t.title = t.getAttribute('datetime');
      t.textContent = at.toLocaleString(undefined, {
        year: 'numeric', month: 'short', day: 'numeric',
        hour: 'numeric', minute: '2-digit', second: '2-digit', timeZoneName: 'short',
      });
    }
  };
  // The charts are drawn in the browser's zone: the server learns it from this cookie (page loads) and
  // from the tz parameter added to the charts' own requests.
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  document.cookie = 'mlc_tz=' + encodeURIComponent(zone) + '; path=/; max-age=31536000; SameSite=Strict';
  document.addEventListener('htmx:configRequest', (e) => {
    if (e.detail.verb === 'get' && e.detail.path.startsWith('/live/charts')) e.detail.parameters['tz'] = zone;
  });
  document.addEventListener('DOMContentLoaded', () => localise(document));
  document.addEventListener('htmx:afterSwap', (e) => localise(e.target.parentNode || document));
})();
`;

export function assetsRoutes(f: FastifyInstance): void {
  const css = readStylesheet();
  const htmx = readHtmx();
  const cache = 'public, max-age=3600';
  f.get('/assets/dashboard.css', { config: { public: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', cache).send(css),
  );
  const icon = async (_req: unknown, reply: FastifyReply) =>
    reply.type('image/svg+xml').header('cache-control', cache).send(ICON_SVG);
  f.get('/assets/icon.svg', { config: { public: true } }, icon);
  // Browsers and tools that ignore the page's <link rel="icon"> still ask for this one.
  f.get('/favicon.ico', { config: { public: true } }, icon);
  f.get('/assets/local-time.js', { config: { public: true } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', cache).send(LOCAL_TIME_JS),
  );
  f.get('/assets/htmx.min.js', { config: { public: true } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', cache).send(htmx),
  );
}
