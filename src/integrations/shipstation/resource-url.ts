import { ConnectorError, type SystemName } from '../../domain/errors.js';

/**
 * Webhook payloads are pointers (`resource_url`) that we fetch WITH the account's credentials, and
 * anyone who can reach our webhook URL can post one. So a URL is fetched only when it belongs to the
 * configured API: same scheme, same host, same port, under the same path prefix, no userinfo.
 *
 * One exception, and only for the real default V1 base: ShipStation's own payloads point at sharded
 * hosts (`https://ssapi4.shipstation.com/shipments?...`, docs write `ssapiX`; V1 sheet §1, §9.2), so
 * `ssapiN.shipstation.com` (N digits) belongs to `https://ssapi.shipstation.com`. A custom base (a
 * proxy, the simulator) gets no such widening.
 */
export const DEFAULT_V1_BASE_URL = 'https://ssapi.shipstation.com';
export const DEFAULT_V2_BASE_URL = 'https://api.shipstation.com/v2';

const V1_SHARD_HOST = /^ssapi\d+\.shipstation\.com$/;

export function isAllowedResourceUrl(candidate: string, apiBase: string): boolean {
  let url: URL;
  let base: URL;
  try {
    url = new URL(candidate);
    base = new URL(apiBase);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol !== base.protocol) return false;
  if (url.port !== base.port) return false;
  if (url.hostname !== base.hostname && !(isRealV1Base(base) && V1_SHARD_HOST.test(url.hostname))) return false;
  // The WHATWG parser has already resolved `..`, `%2e%2e` and backslashes, so a prefix check is sound.
  const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return url.pathname.startsWith(prefix) || url.pathname === base.pathname;
}

function isRealV1Base(base: URL): boolean {
  return (
    base.protocol === 'https:' && base.hostname === 'ssapi.shipstation.com' && base.port === '' && isRootPath(base)
  );
}

function isRootPath(base: URL): boolean {
  return base.pathname === '/' || base.pathname === '';
}

/**
 * Throws a permanent `resource_url_refused` error for a URL outside the API. The message names the
 * host only (a refused URL may be an attacker's, and its query is not ours to log).
 */
export function assertAllowedResourceUrl(candidate: string, apiBase: string, system: SystemName): URL {
  if (!isAllowedResourceUrl(candidate, apiBase)) {
    throw new ConnectorError(
      'resource_url_refused',
      `Refused to fetch a webhook resource_url outside the configured API (${hostOf(candidate)}); no credentials were sent`,
      { context: { system } },
    );
  }
  return new URL(candidate);
}

function hostOf(candidate: string): string {
  try {
    return new URL(candidate).host || 'no host';
  } catch {
    return 'not a URL';
  }
}

/** A V1 shipments URL asking for the items (`includeShipmentItems=True`, whatever case the pointer used). */
export function withShipmentItems(resourceUrl: string): string {
  const url = new URL(resourceUrl);
  if (!/\/shipments\/?$/i.test(url.pathname)) return resourceUrl;
  for (const key of [...url.searchParams.keys()])
    if (key.toLowerCase() === 'includeshipmentitems') url.searchParams.delete(key);
  url.searchParams.set('includeShipmentItems', 'True');
  return url.toString();
}
