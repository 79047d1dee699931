import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A listening trap on 127.0.0.1 where a credential could go: it counts every request and those carrying a
 * credential (an Authorization or API-Key header, or any header or the body holding one of `secrets`).
 */
export interface Trap {
  url: string;
  origin: string;
  total(): number;
  withCredentials(): number;
  stop(): Promise<void>;
}

export async function startTrap(secrets: readonly string[] = []): Promise<Trap> {
  let total = 0;
  let credentialed = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      total++;
      const body = Buffer.concat(chunks).toString('utf8');
      if (carries(req, body, secrets)) credentialed++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const origin = await listen(server);
  return {
    url: `${origin}/trap`,
    origin,
    total: () => total,
    withCredentials: () => credentialed,
    stop: () => close(server),
  };
}

function carries(req: IncomingMessage, body: string, secrets: readonly string[]): boolean {
  if (req.headers.authorization || req.headers['api-key']) return true;
  const texts = [body, req.url ?? '', ...Object.values(req.headers).flat().map(String)].map((t) => t.toUpperCase());
  return secrets.some((s) => s && texts.some((t) => t.includes(s.toUpperCase())));
}

/** Answers every request with `status` and a Location on `target` (same path), like a moved server. */
export async function startRedirector(
  status: number,
  target: string,
  only?: (req: IncomingMessage) => boolean,
  pass?: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void,
): Promise<{ origin: string; hits(): number; stop(): Promise<void> }> {
  let hits = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (only && !only(req) && pass) return pass(req, res, Buffer.concat(chunks));
      hits++;
      res.writeHead(status, { location: `${target}${req.url ?? '/'}` }).end();
    });
  });
  const origin = await listen(server);
  return { origin, hits: () => hits, stop: () => close(server) };
}

/** Forwards a request to `upstream` as is (headers included) and pipes the answer back. */
export function forwardTo(upstream: string) {
  return (req: IncomingMessage, res: ServerResponse, body: Buffer): void => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host') headers.set(k, v);
    fetch(`${upstream}${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers,
      ...(body.length > 0 ? { body } : {}),
      redirect: 'manual',
    })
      .then(async (r) => {
        const text = await r.text();
        const out: Record<string, string> = {};
        r.headers.forEach((v, k) => {
          if (k !== 'content-encoding' && k !== 'content-length' && k !== 'transfer-encoding') out[k] = v;
        });
        res.writeHead(r.status, out).end(text);
      })
      .catch(() => res.writeHead(502).end());
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
