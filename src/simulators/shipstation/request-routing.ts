import type { ApiName } from './stats.js';

/** A body that is not JSON; V1 answers ModelState, V2 its envelope. */
export class BodyParseError extends Error {}

/** Which API a path belongs to: `/v2/...` is V2 (downloads excepted: label files need no key), `/_sim` and `/jwks` none. */
export function apiOf(path: string): ApiName | null {
  if (/^\/(_sim|jwks)(\/|$)/i.test(path)) return null;
  if (/^\/v2\/downloads\//.test(path)) return null;
  return /^\/v2(\/|$)/.test(path) ? 'v2' : 'v1';
}

export const pathOf = (url: string): string => url.split('?')[0] ?? url;

/**
 * ASP.NET routes are case-insensitive (clients call `/Orders/CreateOrder`, V1 sheet §1): V1 paths are lower-cased
 * before routing. V2, admin and /jwks keep their case (V2 path parameters such as external_shipment_id are data).
 */
export function rewriteUrl(url: string): string {
  const index = url.indexOf('?');
  const path = index < 0 ? url : url.slice(0, index);
  if (apiOf(path) !== 'v1') return url;
  return path.toLowerCase() + (index < 0 ? '' : url.slice(index));
}

/** Strict JSON bodies whatever the content type (clients are not all careful with it); empty → no body. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BodyParseError(error instanceof Error ? error.message : String(error));
  }
}
