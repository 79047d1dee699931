import type { Sage300Simulator } from '../../src/simulators/sage300/server.js';

/** Raw HTTP against the simulator, for protocol-level tests (the client has its own contract tests). */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely, by the sheet's property names
  json: any;
}

export const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export async function sage(
  sim: Sage300Simulator,
  path: string,
  init: { method?: string; body?: unknown; auth?: string | null; contentType?: string | null } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  if (init.auth !== null) headers['authorization'] = init.auth ?? basic('WEBAPI', 'WEBAPI');
  if (init.body !== undefined && init.contentType !== null)
    headers['content-type'] = init.contentType ?? 'application/json';
  const url = /^https?:/.test(path) ? path : `${sim.baseUrl}${path}`;
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export async function admin(sim: Sage300Simulator, method: string, path: string, body?: unknown): Promise<RawResponse> {
  const response = await fetch(`${sim.origin}/_sim${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}
