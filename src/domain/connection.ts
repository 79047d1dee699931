/**
 * A connection: one Sage 300 company paired with one ShipStation account (domain.md, "Words").
 * Secrets are not part of this type; they live sealed in the store and are opened only where used.
 */
export interface Sage300Settings {
  /** Web API base including the company segment, e.g. https://erp.example.com/Sage300WebApi/v1.0/-/SAMINC */
  url: string;
  company: string;
  /** Send credentials as typed instead of upper-cased (servers that compare passwords as stored). */
  keepCase: boolean;
}

export interface ShipStationSettings {
  v1Url: string;
  v2Url: string;
  /** Which API carries orders; null = V1 when V1 credentials exist, else V2. */
  ordersApi: 'v1' | 'v2' | null;
}

/** Per-connection knobs of the flows; every field optional, defaults come from the service config. */
export interface ConnectionSettings {
  timezone?: string;
  lookbackDays?: number;
  startDate?: string;
  ordersPollSeconds?: number;
  ordersEditsPollSeconds?: number;
  shipmentsPollSeconds?: number;
  inventoryPollSeconds?: number;
  referencePollSeconds?: number;
  /** Cron expressions override the interval of a flow when set, e.g. { reconcile: '30 2 * * *' }. */
  cron?: Partial<Record<string, string>>;
  inventoryQuantity?: 'on_hand' | 'available';
  skuField?: 'formatted' | 'unformatted';
  createMissingShipVias?: boolean;
  /** User filters: only these Sage locations / ship-via codes / customers (empty = all). */
  filters?: { locations?: string[]; shipVias?: string[]; customers?: string[]; excludeCustomers?: string[] };
}

export interface Connection {
  id: number;
  name: string;
  sage300: Sage300Settings | null;
  shipstation: ShipStationSettings | null;
  settings: ConnectionSettings;
  /** Where it was defined: the `connect` command, the environment, or the dashboard. */
  source: 'cli' | 'env' | 'dashboard';
  createdAt: string;
  updatedAt: string;
}

export type CredentialKind =
  | 'sage300.user'
  | 'sage300.password'
  | 'shipstation.v1.key'
  | 'shipstation.v1.secret'
  | 'shipstation.v2.key'
  | 'webhook.token';

export const CREDENTIAL_KINDS: readonly CredentialKind[] = [
  'sage300.user',
  'sage300.password',
  'shipstation.v1.key',
  'shipstation.v1.secret',
  'shipstation.v2.key',
  'webhook.token',
];

export const DEFAULT_V1_URL = 'https://ssapi.shipstation.com';
export const DEFAULT_V2_URL = 'https://api.shipstation.com/v2';

/** Reads the company (org ID) from a Web API base URL: the segment after `/v1.0/{tenant}/`. */
export function companyFromSage300Url(url: string): string | null {
  const match = /\/v1\.0\/[^/]+\/([^/?#]+)\/?$/i.exec(new URL(url).pathname);
  return match?.[1] ? decodeURIComponent(match[1]).toUpperCase() : null;
}
