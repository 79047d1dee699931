import { randomBytes } from 'node:crypto';
import type { Config } from '../config/schema.js';
import {
  type Connection,
  type CredentialKind,
  companyFromSage300Url,
  DEFAULT_V1_URL,
  DEFAULT_V2_URL,
} from '../domain/connection.js';
import { ConnectorError } from '../domain/errors.js';
import { originAccepts, originOf } from '../integrations/credential-origins.js';
import type { Store } from '../store/store.js';

export interface ConnectSage300Input {
  name: string;
  url: string;
  user: string;
  password: string;
  keepCase?: boolean;
  source: Connection['source'];
}

export interface ConnectResult {
  connection: Connection;
  /** Things the person should know (e.g. that credentials are sent upper-cased). */
  notes: string[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

function checkName(name: string): void {
  if (!NAME.test(name)) {
    throw new ConnectorError(
      'invalid_name',
      `"${name}" cannot be a connection name: use letters, digits, dot, dash or underscore (up to 63), starting with a letter or digit.`,
    );
  }
}

export function normaliseUrl(url: string, what: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConnectorError('invalid_url', `${what} "${url}" is not a URL (it must start with http:// or https://).`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new ConnectorError('invalid_url', `${what} must start with http:// or https://.`);
  }
  if (u.username || u.password) {
    throw new ConnectorError('invalid_url', `${what} must not contain a user name or password; give them as options.`);
  }
  return u.toString().replace(/\/+$/, '');
}

/**
 * Stores the Sage 300 half of a connection. Contacts no server (that is `ping`'s job).
 * User and password are stored as typed, whatever keepCase: the client upper-cases them when it sends
 * (Sage 300's documented rule) unless keepCase, and ping can then try the typed case when Sage refuses the
 * upper-cased one, and the keepCase setting can change without the password being entered again.
 */
export async function connectSage300(store: Store, input: ConnectSage300Input): Promise<ConnectResult> {
  checkName(input.name);
  const url = normaliseUrl(input.url, 'The Sage 300 URL');
  const company = companyFromSage300Url(url);
  if (!company) {
    throw new ConnectorError(
      'invalid_url',
      `The Sage 300 URL must be the Web API base including the company, e.g. https://erp.example.com/Sage300WebApi/v1.0/-/SAMINC (got ${url}).`,
    );
  }
  if (!input.user) throw new ConnectorError('missing_user', 'A Sage 300 user is required (--user).');
  const keepCase = input.keepCase ?? false;
  const notes: string[] = [];
  if (!keepCase && (input.user !== input.user.toUpperCase() || input.password !== input.password.toUpperCase())) {
    notes.push(
      'Note: the user and password are stored as typed and sent in upper case, as Sage 300 expects. ' +
        'If your server compares passwords as typed, run the command again with --keep-case.',
    );
  }
  const connection = await storeSage300(
    store,
    input.name,
    { url, company, keepCase },
    input.user,
    input.password,
    input.source,
  );
  return { connection, notes };
}

/** Stores exactly what it is given: as typed (the client decides the letter case it sends). */
async function storeSage300(
  store: Store,
  name: string,
  sage300: NonNullable<Connection['sage300']>,
  user: string,
  password: string,
  source: Connection['source'],
): Promise<Connection> {
  const connection = await store.connections.upsert({ name, sage300, source });
  await store.connections.setCredential(connection.id, 'sage300.user', user);
  await store.connections.setCredential(connection.id, 'sage300.password', password);
  await ensureWebhookToken(store, connection.id);
  return connection;
}

export interface ConnectShipStationInput {
  name: string;
  apiKey?: string | undefined;
  apiSecret?: string | undefined;
  v2ApiKey?: string | undefined;
  v1Url?: string | undefined;
  v2Url?: string | undefined;
  ordersApi?: 'v1' | 'v2' | null | undefined;
  source: Connection['source'];
}

/** Stores the ShipStation half (V1 key+secret and/or V2 key). Contacts no server. */
export async function connectShipStation(store: Store, input: ConnectShipStationInput): Promise<ConnectResult> {
  checkName(input.name);
  if (!!input.apiKey !== !!input.apiSecret) {
    throw new ConnectorError(
      'incomplete_v1',
      'The V1 API needs both --api-key and --api-secret (or --api-secret-stdin).',
    );
  }
  const existing = await store.connections.getByName(input.name);
  const v1Url = normaliseUrl(input.v1Url ?? existing?.shipstation?.v1Url ?? DEFAULT_V1_URL, 'The ShipStation V1 URL');
  const v2Url = normaliseUrl(input.v2Url ?? existing?.shipstation?.v2Url ?? DEFAULT_V2_URL, 'The ShipStation V2 URL');
  if (existing && !input.apiKey)
    await assertSameOrigin(store, existing, 'shipstation.v1.key', v1Url, 'The V1 URL', '--api-key and --api-secret');
  if (existing && !input.v2ApiKey)
    await assertSameOrigin(store, existing, 'shipstation.v2.key', v2Url, 'The V2 URL', '--v2-api-key');
  const hasV1 =
    !!input.apiKey || (existing ? !!(await store.connections.getCredential(existing.id, 'shipstation.v1.key')) : false);
  const hasV2 =
    !!input.v2ApiKey ||
    (existing ? !!(await store.connections.getCredential(existing.id, 'shipstation.v2.key')) : false);
  if (!hasV1 && !hasV2) {
    throw new ConnectorError(
      'missing_keys',
      'Give ShipStation credentials: --api-key with --api-secret (V1), and/or --v2-api-key (V2).',
    );
  }
  if (input.ordersApi === 'v1' && !hasV1)
    throw new ConnectorError('missing_keys', '--orders-api v1 needs V1 credentials.');
  if (input.ordersApi === 'v2' && !hasV2)
    throw new ConnectorError('missing_keys', '--orders-api v2 needs a V2 API key.');
  const connection = await store.connections.upsert({
    name: input.name,
    shipstation: {
      v1Url,
      v2Url,
      ordersApi: input.ordersApi === undefined ? (existing?.shipstation?.ordersApi ?? null) : input.ordersApi,
    },
    source: input.source,
  });
  if (input.apiKey && input.apiSecret) {
    await store.connections.setCredential(connection.id, 'shipstation.v1.key', input.apiKey);
    await store.connections.setCredential(connection.id, 'shipstation.v1.secret', input.apiSecret);
  }
  if (input.v2ApiKey) await store.connections.setCredential(connection.id, 'shipstation.v2.key', input.v2ApiKey);
  await ensureWebhookToken(store, connection.id);
  const notes: string[] = [];
  const api = connection.shipstation?.ordersApi ?? (hasV1 ? 'v1' : 'v2');
  notes.push(`Orders will be sent through ShipStation ${api.toUpperCase()}.`);
  if (!hasV2)
    notes.push('Inventory sync needs a V2 API key and the Inventory add-on; it stays off until one is given.');
  return { connection, notes };
}

/**
 * Stored secrets go only to the origin they were entered for (issue 13): moving a URL to another scheme,
 * host or port while keeping a stored secret is refused with what to give again. A path change on the same
 * origin (another Sage company on the same server) keeps them.
 */
export async function assertSameOrigin(
  store: Store,
  existing: Connection,
  kind: CredentialKind,
  newUrl: string,
  what: string,
  give: string,
): Promise<void> {
  const entered = await store.connections.credentialOrigin(existing.id, kind);
  if (entered === undefined) return;
  const target = originOf(newUrl);
  if (entered !== null && target !== null && originAccepts(entered, target)) return;
  throw new ConnectorError(
    'secrets_needed_for_new_origin',
    `${what} now points at ${target ?? newUrl} but the stored secrets were entered for ${entered ?? 'another address'}: ` +
      `stored secrets are only sent to the server they were entered for, so give ${give} again.`,
  );
}

/** The unguessable last segment of the connection's webhook URLs (V1 deliveries carry no signature). */
export async function ensureWebhookToken(store: Store, connectionId: number): Promise<string> {
  const existing = await store.connections.getCredential(connectionId, 'webhook.token').catch(() => undefined);
  if (existing) return existing;
  const token = randomBytes(24).toString('base64url');
  await store.connections.setCredential(connectionId, 'webhook.token', token);
  return token;
}

/**
 * The environment contract (SAGE300_URL, SHIPSTATION_API_KEY, ...) defines a connection named `default`,
 * stored like any other. Credentials are re-sealed only when they changed.
 */
export async function applyEnvironmentConnection(store: Store, config: Config): Promise<Connection | undefined> {
  const hasSage = !!config.SAGE300_URL;
  const hasShip = !!config.SHIPSTATION_API_KEY || !!config.SHIPSTATION_V2_API_KEY;
  if (!hasSage && !hasShip) return undefined;
  const name = 'default';
  if (hasSage && config.SAGE300_URL && config.SAGE300_USER) {
    // As typed, like `connect sage300`: the client upper-cases at send unless SAGE300_KEEP_CASE.
    const keep = config.SAGE300_KEEP_CASE;
    const user = config.SAGE300_USER;
    const password = config.SAGE300_PASSWORD ?? '';
    const url = normaliseUrl(config.SAGE300_URL, 'SAGE300_URL');
    const company = companyFromSage300Url(url);
    const existing = await store.connections.getByName(name);
    const same =
      existing?.sage300?.url === url &&
      existing.sage300.keepCase === keep &&
      (await safeGet(store, existing.id, 'sage300.user')) === user &&
      (await safeGet(store, existing.id, 'sage300.password')) === password;
    if (!same && company) await storeSage300(store, name, { url, company, keepCase: keep }, user, password, 'env');
  }
  if (hasShip) {
    const existing = await store.connections.getByName(name);
    const same =
      !!existing?.shipstation &&
      existing.shipstation.v1Url === normaliseUrl(config.SHIPSTATION_V1_URL, 'SHIPSTATION_V1_URL') &&
      existing.shipstation.v2Url === normaliseUrl(config.SHIPSTATION_V2_URL, 'SHIPSTATION_V2_URL') &&
      existing.shipstation.ordersApi === (config.SHIPSTATION_ORDERS_API ?? null) &&
      (await safeGet(store, existing.id, 'shipstation.v1.key')) === config.SHIPSTATION_API_KEY &&
      (await safeGet(store, existing.id, 'shipstation.v1.secret')) === config.SHIPSTATION_API_SECRET &&
      (await safeGet(store, existing.id, 'shipstation.v2.key')) === config.SHIPSTATION_V2_API_KEY;
    if (!same) {
      await connectShipStation(store, {
        name,
        apiKey: config.SHIPSTATION_API_KEY,
        apiSecret: config.SHIPSTATION_API_SECRET,
        v2ApiKey: config.SHIPSTATION_V2_API_KEY,
        v1Url: config.SHIPSTATION_V1_URL,
        v2Url: config.SHIPSTATION_V2_URL,
        ordersApi: config.SHIPSTATION_ORDERS_API ?? null,
        source: 'env',
      });
    }
  }
  return store.connections.getByName(name);
}

async function safeGet(
  store: Store,
  id: number,
  kind: Parameters<Store['connections']['getCredential']>[1],
): Promise<string | undefined> {
  try {
    return await store.connections.getCredential(id, kind);
  } catch {
    return undefined;
  }
}
