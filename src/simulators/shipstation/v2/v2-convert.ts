import type { AccountState } from '../account-state.js';
import type { Address, Dimensions, OrderStatus, Weight } from '../records.js';

/** Small two-way conversions between the account's (V1-shaped) values and V2's snake_case ones. */
export const seId = (n: number): string => `se-${n}`;

/** `se-123` → 123; anything else → null (a V2 id the account cannot have issued). */
export function parseSeId(value: string | undefined | null): number | null {
  const match = /^se-(\d+)$/.exec(value ?? '');
  return match ? Number(match[1]) : null;
}

/**
 * V1 status → V2 `shipment_status` (INFERRED mapping, fidelity doc): the open V1 statuses are all `pending`,
 * shipped is `label_purchased` (also when shipped by mark-as-shipped), cancelled is `cancelled`.
 */
export function v2Status(status: OrderStatus): 'pending' | 'label_purchased' | 'cancelled' {
  if (status === 'shipped') return 'label_purchased';
  if (status === 'cancelled') return 'cancelled';
  return 'pending';
}

/** The V1 statuses a V2 `shipment_status` filter selects. */
export function v1StatusesFor(status: string): ReadonlySet<OrderStatus> {
  switch (status) {
    case 'pending':
      return new Set([
        'awaiting_payment',
        'awaiting_shipment',
        'pending_fulfillment',
        'on_hold',
        'rejected_fulfillment',
      ]);
    case 'label_purchased':
      return new Set(['shipped']);
    case 'cancelled':
      return new Set(['cancelled']);
    default:
      return new Set();
  }
}

const RESIDENTIAL_OUT = (r: boolean | null) => (r === true ? 'yes' : r === false ? 'no' : 'unknown');

export function addressToV2(a: Address, email: string | null = null): Record<string, unknown> {
  return {
    name: a.name,
    phone: a.phone,
    email,
    company_name: a.company,
    address_line1: a.street1,
    address_line2: a.street2,
    address_line3: a.street3,
    city_locality: a.city,
    state_province: a.state,
    postal_code: a.postalCode,
    country_code: a.country,
    address_residential_indicator: RESIDENTIAL_OUT(a.residential),
  };
}

export interface V2AddressInput {
  name?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  company_name?: string | null | undefined;
  address_line1?: string | null | undefined;
  address_line2?: string | null | undefined;
  address_line3?: string | null | undefined;
  city_locality?: string | null | undefined;
  state_province?: string | null | undefined;
  postal_code?: string | null | undefined;
  country_code?: string | null | undefined;
  address_residential_indicator?: string | null | undefined;
}

export function addressFromV2(a: V2AddressInput | null | undefined): Address {
  const r = a?.address_residential_indicator;
  return {
    name: a?.name ?? null,
    company: a?.company_name ?? null,
    street1: a?.address_line1 ?? null,
    street2: a?.address_line2 ?? null,
    street3: a?.address_line3 ?? null,
    city: a?.city_locality ?? null,
    state: a?.state_province ?? null,
    postalCode: a?.postal_code ?? null,
    country: a?.country_code ?? null,
    phone: a?.phone ?? null,
    residential: r === 'yes' ? true : r === 'no' ? false : null,
    addressVerified: null,
  };
}

const WEIGHT_UNIT_OUT = { ounces: 'ounce', pounds: 'pound', grams: 'gram' } as const;

export function weightToV2(w: Weight | null): { value: number; unit: string } | null {
  return w === null ? null : { value: w.value, unit: WEIGHT_UNIT_OUT[w.units] };
}

export function weightFromV2(w: { value: number; unit: string } | null | undefined): Weight | null {
  if (!w) return null;
  if (w.unit === 'kilogram') return { value: w.value * 1000, units: 'grams' };
  const units = ({ ounce: 'ounces', pound: 'pounds', gram: 'grams' } as const)[w.unit as 'ounce'];
  return units ? { value: w.value, units } : null;
}

export function dimensionsToV2(d: Dimensions | null): Record<string, unknown> | null {
  if (d === null) return null;
  return {
    unit: d.units === 'centimeters' ? 'centimeter' : 'inch',
    length: d.length,
    width: d.width,
    height: d.height,
  };
}

export function dimensionsFromV2(
  d: { unit: string; length: number; width: number; height: number } | null | undefined,
): Dimensions | null {
  if (!d) return null;
  return {
    units: d.unit === 'centimeter' ? 'centimeters' : 'inches',
    length: d.length,
    width: d.width,
    height: d.height,
  };
}

export function money(amount: number | null, currency = 'usd'): { currency: string; amount: number } | null {
  return amount === null ? null : { currency, amount };
}

export function carrierIdOf(state: AccountState, carrierCode: string | null): string | null {
  if (carrierCode === null) return null;
  const carrier = state.carriers.get(carrierCode);
  return carrier ? seId(carrier.shippingProviderId) : null;
}

export function carrierCodeOf(state: AccountState, carrierId: string | null | undefined): string | null {
  const id = parseSeId(carrierId);
  if (id === null) return null;
  for (const c of state.carriers.values()) if (c.shippingProviderId === id) return c.code;
  return null;
}

/**
 * Drops `null` properties, deep (array elements stay): ShipStation's V2 document marks few properties
 * nullable, and real captures omit what has no value (docs/simulator-fidelity.md, "V2 answers and the document").
 */
export function omitNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(omitNulls) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) if (child !== null) out[key] = omitNulls(child);
  return out as T;
}

/**
 * A label package's numeric id within int32 (the document's format; captures show 9-digit ids): label ids are
 * 9 digits here, so the id folds them into 2·10^8 slots of 10 packages.
 */
export const labelPackageId = (labelId: number, index: number): number => (labelId % 200_000_000) * 10 + index;
