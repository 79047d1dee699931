import type { FieldMappingSettings } from './field-mapping.js';

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

/** Customs declarations of international orders (docs/mapping.md, "Customs"); every field optional. */
export interface CustomsSettings {
  /** Off: no declaration is sent and nothing is held for customs (default on). */
  enabled?: boolean;
  /** I/C item optional field holding the tariff (HS) code (default HSCODE). */
  tariffCodeField?: string;
  /** I/C item optional field holding the country of origin (default COUNTRYORIG). */
  countryOfOriginField?: string;
  /** ShipStation's contents type (default merchandise). */
  contents?: 'merchandise' | 'documents' | 'gift' | 'returned_goods' | 'sample';
  /** What the carrier does when it cannot deliver (default return_to_sender). */
  nonDelivery?: 'return_to_sender' | 'treat_as_abandoned';
  /** Country the warehouses ship from, ISO alpha-2 (default US). */
  shipFromCountry?: string;
  /** Per ShipStation warehouse id (as mapped), where one ships from another country than `shipFromCountry`. */
  warehouseCountries?: Record<string, string>;
}

/** Customs settings with their defaults filled in (runtime/flow-settings.ts). */
export type ResolvedCustomsSettings = Required<Omit<CustomsSettings, 'warehouseCountries'>> &
  Pick<CustomsSettings, 'warehouseCountries'>;

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
  customs?: CustomsSettings;
  /** The field mapping a person chose (docs/mapping.md, "Field mapping"); absent targets keep the defaults. */
  fields?: FieldMappingSettings;
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
