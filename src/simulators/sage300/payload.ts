import { complexTypeOf, ENUMS, type EntityType, type PropertyType, qualifiedName } from './entity-model.js';
import { SageError, unknownProperty } from './sage-error.js';
import { type DayNumber, parseSageDate } from './values.js';

/**
 * Reads a write payload against the model, the way ASP.NET's JSON model binding does: an unknown property
 * is a 400 `InvalidPayload` with the real server's message ("The property 'X' does not exist on type
 * 'Sage.CA.SBS.ERP.Sage300.OE.WebApi.Models.Order'."); values convert leniently as Newtonsoft does
 * (`"false"` → false, `"8"` → 8, enum names case-insensitively); a value that cannot convert is a 400
 * `InvalidPayload` naming the path.
 */
export type PayloadValue = string | number | boolean | DayNumber | Payload[] | null;
export interface Payload {
  [name: string]: PayloadValue;
}

const CLR: Record<string, string> = {
  S: 'System.String',
  D: 'System.Decimal',
  I: 'System.Int32',
  B: 'System.Boolean',
  T: 'System.Nullable`1[System.DateTime]',
};

function conversionError(value: unknown, type: PropertyType, path: string): SageError {
  const clr = type.startsWith('E:') ? type.slice(2) : (CLR[type] ?? 'System.Object');
  return new SageError(
    400,
    'InvalidPayload',
    `Error converting value ${JSON.stringify(value)} to type '${clr}'. Path '${path}'.`,
  );
}

function coerce(type: PropertyType, value: unknown, path: string): PayloadValue {
  if (type.startsWith('C:')) {
    const inner = complexTypeOf(type);
    if (!Array.isArray(value) || !inner) throw conversionError(value, type, path);
    return value.map((v, i) => readPayload(v, inner, `${path}[${i}]`));
  }
  if (type.startsWith('E:')) {
    const members = ENUMS[type.slice(2)] ?? [];
    if (typeof value === 'number' && members[value] !== undefined) return members[value] as string;
    const hit = typeof value === 'string' ? members.find((m) => m.toLowerCase() === value.toLowerCase()) : undefined;
    if (hit === undefined) throw conversionError(value, type, path);
    return hit;
  }
  switch (type) {
    case 'S':
      if (value === null) return '';
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
      throw conversionError(value, type, path);
    case 'D':
    case 'I': {
      const n =
        typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n) || (type === 'I' && !Number.isInteger(n))) throw conversionError(value, type, path);
      return n;
    }
    case 'B':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      throw conversionError(value, type, path);
    default: {
      const day = parseSageDate(value);
      if (day === undefined) throw conversionError(value, type, path);
      return day;
    }
  }
}

export function readPayload(body: unknown, type: EntityType, path = ''): Payload {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new SageError(
      400,
      'InvalidPayload',
      `The request body must be a JSON object of type '${qualifiedName(type)}'.`,
    );
  }
  const out: Payload = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name.startsWith('@odata.')) continue;
    const t = type.properties.get(name);
    if (!t) throw unknownProperty(name, qualifiedName(type));
    out[name] = coerce(t, value, path ? `${path}.${name}` : name);
  }
  return out;
}

export const str = (p: Payload, name: string): string | undefined =>
  typeof p[name] === 'string' ? (p[name] as string) : undefined;
export const num = (p: Payload, name: string): number | undefined =>
  typeof p[name] === 'number' ? (p[name] as number) : undefined;
export const bool = (p: Payload, name: string): boolean | undefined =>
  typeof p[name] === 'boolean' ? (p[name] as boolean) : undefined;
export const list = (p: Payload, name: string): Payload[] => (Array.isArray(p[name]) ? (p[name] as Payload[]) : []);

/** Maximum lengths the view enforces on fields a shipping integration writes (AOM field sizes). */
export const MAX_LENGTH: Readonly<Record<string, number>> = {
  OrderNumber: 22,
  PurchaseOrderNumber: 22,
  OrderReference: 60,
  OrderDescription: 60,
  OrderComment: 250,
  ShipViaCode: 6,
  ShipToLocationCode: 6,
  ShipmentTrackingNumber: 36,
};

/**
 * Too long for the view's field: a 400 `InvalidPayload` (the generated models carry string-length
 * validation; INFERRED which of InvalidPayload/RecordInvalid the real server uses — recorded).
 */
export function checkLengths(p: Payload, modelType: string): void {
  for (const [name, max] of Object.entries(MAX_LENGTH)) {
    const v = p[name];
    if (typeof v === 'string' && v.length > max) {
      throw new SageError(
        400,
        'InvalidPayload',
        `The field ${name} of '${modelType}' must be a string with a maximum length of ${max}.`,
      );
    }
  }
}
