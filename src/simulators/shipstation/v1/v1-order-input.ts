import { z } from 'zod';
import type { ItemFields, OrderFields } from '../order-writes.js';
import { parseV1Date, parseV1DateTime } from '../pacific-time.js';
import { type Address, type CustomsItem, ORDER_STATUSES, type OrderStatus } from '../records.js';

/**
 * Model binding of a V1 Order body, as ASP.NET does it: wrong JSON types fail the whole request with ModelState
 * (e.g. a non-integer quantity, `"gift": 0`); unknown and read-only fields are ignored; absent fields are null.
 */
const str = z.string().nullish();
const num = z.number().nullish();
const bool = z.boolean().nullish();

const address = z
  .object({
    name: str,
    company: str,
    street1: str,
    street2: str,
    street3: str,
    city: str,
    state: str,
    postalCode: str,
    country: str,
    phone: str,
    residential: bool,
  })
  .nullish();
const weight = z.object({ value: z.number(), units: z.enum(['pounds', 'ounces', 'grams']) }).nullish();
const dimensions = z
  .object({ units: z.enum(['inches', 'centimeters']), length: z.number(), width: z.number(), height: z.number() })
  .nullish();

const item = z.object({
  orderItemId: z.number().int().nullish(),
  lineItemKey: str,
  sku: str,
  name: str,
  imageUrl: str,
  weight,
  quantity: z.number().int(),
  unitPrice: num,
  taxAmount: num,
  shippingAmount: num,
  warehouseLocation: str,
  options: z.array(z.object({ name: z.string(), value: z.string().nullable() })).nullish(),
  fulfillmentSku: str,
  adjustment: bool,
  upc: str,
});

// V1 Customs Item Model: customsItemId (read-only: sent back, it names the line to update), description,
// quantity, value ("in USD"), harmonizedTariffCode, countryOfOrigin (two-letter ISO).
const customsItem = z.object({
  customsItemId: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]).nullish(),
  description: str,
  quantity: z.number().int(),
  value: num,
  harmonizedTariffCode: str,
  countryOfOrigin: str,
});

export const v1OrderSchema = z.object({
  orderId: z.number().int().nullish(),
  orderNumber: str,
  orderKey: str,
  orderDate: str,
  paymentDate: str,
  shipByDate: str,
  orderStatus: str,
  customerUsername: str,
  customerEmail: str,
  billTo: address,
  shipTo: address,
  items: z.array(item).nullish(),
  amountPaid: num,
  taxAmount: num,
  shippingAmount: num,
  customerNotes: str,
  internalNotes: str,
  gift: bool,
  giftMessage: str,
  paymentMethod: str,
  requestedShippingService: str,
  carrierCode: str,
  serviceCode: str,
  packageCode: str,
  confirmation: str,
  shipDate: str,
  holdUntilDate: str,
  weight,
  dimensions,
  insuranceOptions: z.object({ provider: str, insureShipment: bool, insuredValue: num }).nullish(),
  // The docs example sends `[]` here; it binds as "no options".
  internationalOptions: z
    .union([
      z.object({ contents: str, customsItems: z.array(customsItem).nullish(), nonDelivery: str }),
      z.array(z.unknown()),
    ])
    .nullish(),
  advancedOptions: z
    .object({
      warehouseId: z.number().int().nullish(),
      nonMachinable: bool,
      saturdayDelivery: bool,
      containsAlcohol: bool,
      storeId: z.number().int().nullish(),
      customField1: str,
      customField2: str,
      customField3: str,
      source: str,
      billToParty: str,
      billToAccount: str,
      billToPostalCode: str,
      billToCountryCode: str,
      billToMyOtherAccount: str,
    })
    .nullish(),
  tagIds: z.array(z.number().int()).nullish(),
});

export type V1OrderBody = z.output<typeof v1OrderSchema>;

export type BindResult = { ok: true; body: V1OrderBody } | { ok: false; modelState: Record<string, string[]> };

/** Binds one order; `prefix` is the action parameter path (`apiOrder`, `apiOrders[3]`). */
export function bindV1Order(raw: unknown, prefix: string): BindResult {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const kind = Array.isArray(raw) ? 'JSON array (e.g. [1,2,3])' : 'value';
    return {
      ok: false,
      modelState: {
        [prefix]: [
          `Cannot deserialize the current ${kind} into type 'SS.OpenApi.Models.Orders.Order' because the type requires a JSON object (e.g. {"name":"value"}) to deserialize correctly. Path '', line 1, position 1.`,
        ],
      },
    };
  }
  const parsed = v1OrderSchema.safeParse(raw);
  if (parsed.success) return { ok: true, body: parsed.data };
  const modelState: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    const key = `${prefix}${path}`;
    const value = valueAt(raw, issue.path);
    modelState[key] = [
      ...(modelState[key] ?? []),
      `Error converting value ${JSON.stringify(value)}: ${issue.message}. Path '${path.slice(1)}'.`,
    ];
  }
  return { ok: false, modelState };
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = raw;
  for (const p of path) current = (current as Record<PropertyKey, unknown> | undefined)?.[p];
  return current;
}

export type ConvertResult = { ok: true; fields: OrderFields } | { ok: false; error: string };

const emptyAddress = (): Address => ({
  name: null,
  company: null,
  street1: null,
  street2: null,
  street3: null,
  city: null,
  state: null,
  postalCode: null,
  country: null,
  phone: null,
  residential: null,
  addressVerified: null,
});

function toAddress(a: NonNullable<V1OrderBody['shipTo']>, verified: boolean): Address {
  const out = emptyAddress();
  for (const key of Object.keys(out) as (keyof Address)[]) {
    if (key in a) (out as unknown as Record<string, unknown>)[key] = (a as Record<string, unknown>)[key] ?? null;
  }
  // INFERRED: the simulator "validates" every complete ship-to (the real one calls an address service).
  out.addressVerified = verified && out.street1 && out.city && out.country ? 'Address validated successfully' : null;
  return out;
}

/** Turns a bound body into the account's writable fields; required-field and value errors are business errors. */
export function toOrderFields(b: V1OrderBody): ConvertResult {
  if (!b.orderNumber) return { ok: false, error: 'The orderNumber field is required.' };
  if (!b.orderStatus) return { ok: false, error: 'The orderStatus field is required.' };
  if (!ORDER_STATUSES.includes(b.orderStatus as OrderStatus)) {
    return { ok: false, error: `'${b.orderStatus}' is not a valid orderStatus.` };
  }
  if (!b.orderDate) return { ok: false, error: 'The orderDate field is required.' };
  if (!b.billTo) return { ok: false, error: 'The billTo field is required.' };
  if (!b.shipTo) return { ok: false, error: 'The shipTo field is required.' };
  const dates: Record<string, number | null> = {};
  for (const key of ['orderDate', 'paymentDate'] as const) {
    const raw = b[key];
    dates[key] = raw ? parseV1DateTime(raw) : null;
    if (raw && dates[key] === null) return { ok: false, error: `'${raw}' is not a valid date for ${key}.` };
  }
  const dayFields: Record<string, string | null> = {};
  for (const key of ['shipByDate', 'shipDate', 'holdUntilDate'] as const) {
    const raw = b[key];
    dayFields[key] = raw ? parseV1Date(raw) : null;
    if (raw && dayFields[key] === null) return { ok: false, error: `'${raw}' is not a valid date for ${key}.` };
  }
  const a = b.advancedOptions;
  const intl = b.internationalOptions && !Array.isArray(b.internationalOptions) ? b.internationalOptions : null;
  const fields: OrderFields = {
    orderNumber: b.orderNumber,
    orderDate: dates['orderDate'] ?? null,
    paymentDate: dates['paymentDate'] ?? null,
    shipByDate: dayFields['shipByDate'] ?? null,
    orderStatus: b.orderStatus as OrderStatus,
    customerUsername: b.customerUsername ?? null,
    customerEmail: b.customerEmail ?? null,
    billTo: toAddress(b.billTo, false),
    shipTo: toAddress(b.shipTo, true),
    items: (b.items ?? []).map(toItem),
    amountPaid: b.amountPaid ?? null,
    taxAmount: b.taxAmount ?? null,
    shippingAmount: b.shippingAmount ?? null,
    customerNotes: b.customerNotes ?? null,
    internalNotes: b.internalNotes ?? null,
    gift: b.gift ?? false,
    giftMessage: b.giftMessage ?? null,
    paymentMethod: b.paymentMethod ?? null,
    requestedShippingService: b.requestedShippingService ?? null,
    carrierCode: b.carrierCode ?? null,
    serviceCode: b.serviceCode ?? null,
    packageCode: b.packageCode ?? null,
    confirmation: b.confirmation ?? null,
    shipDate: dayFields['shipDate'] ?? null,
    holdUntilDate: dayFields['holdUntilDate'] ?? null,
    weight: b.weight ?? null,
    dimensions: b.dimensions ?? null,
    insuranceOptions: {
      provider: b.insuranceOptions?.provider ?? null,
      insureShipment: b.insuranceOptions?.insureShipment ?? false,
      insuredValue: b.insuranceOptions?.insuredValue ?? 0,
    },
    internationalOptions: {
      contents: intl?.contents ?? null,
      customsItems: intl?.customsItems ? intl.customsItems.map(toCustomsItem) : null,
      nonDelivery: intl?.nonDelivery ?? null,
    },
    advancedOptions: {
      warehouseId: a?.warehouseId ?? null,
      nonMachinable: a?.nonMachinable ?? false,
      saturdayDelivery: a?.saturdayDelivery ?? false,
      containsAlcohol: a?.containsAlcohol ?? false,
      storeId: a?.storeId ?? null,
      customField1: a?.customField1 ?? null,
      customField2: a?.customField2 ?? null,
      customField3: a?.customField3 ?? null,
      source: a?.source ?? null,
      billToParty: a?.billToParty ?? null,
      billToAccount: a?.billToAccount ?? null,
      billToPostalCode: a?.billToPostalCode ?? null,
      billToCountryCode: a?.billToCountryCode ?? null,
      billToMyOtherAccount: a?.billToMyOtherAccount ?? null,
    },
    tagIds: b.tagIds ?? [],
    userId: null,
  };
  return { ok: true, fields };
}

function toCustomsItem(c: z.output<typeof customsItem>): CustomsItem {
  return {
    customsItemId: c.customsItemId ?? null,
    description: c.description ?? null,
    quantity: c.quantity,
    value: c.value ?? null,
    harmonizedTariffCode: c.harmonizedTariffCode ?? null,
    countryOfOrigin: c.countryOfOrigin ?? null,
    sku: null,
  };
}

function toItem(i: NonNullable<V1OrderBody['items']>[number]): ItemFields {
  return {
    orderItemId: i.orderItemId ?? null,
    lineItemKey: i.lineItemKey ?? null,
    sku: i.sku ?? null,
    name: i.name ?? null,
    imageUrl: i.imageUrl ?? null,
    weight: i.weight ?? null,
    quantity: i.quantity,
    unitPrice: i.unitPrice ?? null,
    taxAmount: i.taxAmount ?? null,
    shippingAmount: i.shippingAmount ?? null,
    warehouseLocation: i.warehouseLocation ?? null,
    options: (i.options ?? []).map((o) => ({ name: o.name, value: o.value ?? '' })),
    fulfillmentSku: i.fulfillmentSku ?? null,
    adjustment: i.adjustment ?? false,
    upc: i.upc ?? null,
  };
}
