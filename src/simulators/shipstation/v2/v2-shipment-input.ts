import { z } from 'zod';
import type { AccountState } from '../account-state.js';
import type { ItemFields, OrderFields } from '../order-writes.js';
import { parseV2Date } from '../pacific-time.js';
import type { CustomsItem, V2Extras } from '../records.js';
import { addressFromV2, carrierCodeOf, dimensionsFromV2, parseSeId, weightFromV2 } from './v2-convert.js';

/** V2 shipment request bodies (create_shipment_request / update, shipstation-v2.md §3.6, §3.8). */
const str = z.string().nullish();
const num = z.number().nullish();
const address = z.object({
  name: str,
  phone: str,
  email: str,
  company_name: str,
  address_line1: str,
  address_line2: str,
  address_line3: str,
  city_locality: str,
  state_province: str,
  postal_code: str,
  country_code: str,
  address_residential_indicator: z.enum(['unknown', 'yes', 'no']).nullish(),
  instructions: str,
});
const money = z.object({ currency: z.string(), amount: z.number() }).nullish();
const weight = z.object({ value: z.number().min(0), unit: z.enum(['pound', 'ounce', 'gram', 'kilogram']) });
const dimensions = z.object({
  unit: z.enum(['inch', 'centimeter']),
  length: z.number(),
  width: z.number(),
  height: z.number(),
});
const item = z.object({
  name: str,
  sku: str,
  quantity: z.number().int().min(0),
  unit_price: num,
  tax_amount: num,
  shipping_amount: num,
  external_order_id: str,
  external_order_item_id: str,
  image_url: str,
  weight: weight.nullish(),
  options: z.array(z.object({ name: z.string(), value: z.string().nullable() })).nullish(),
  fullfilment_sku: str,
  upc: str,
  inventory_location: str,
});
// packages[].products[] (the document's customs lines; `customs.customs_items` is deprecated for them).
const product = z.looseObject({
  description: str,
  quantity: z.number().int().min(0).nullish(),
  value: money,
  harmonized_tariff_code: str,
  country_of_origin: str,
  sku: str,
});
const pkg = z.looseObject({
  package_code: str,
  weight,
  dimensions: dimensions.nullish(),
  insured_value: money,
  products: z.array(product).nullish(),
});
// international_shipment_options: `contents` and `non_delivery` required, with the document's enums.
const customs = z.looseObject({
  contents: z.enum(['merchandise', 'documents', 'gift', 'returned_goods', 'sample', 'other']),
  non_delivery: z.enum(['return_to_sender', 'treat_as_abandoned']),
  customs_items: z
    .array(
      z.looseObject({
        description: str,
        quantity: z.number().int().min(0).nullish(),
        value: num,
        harmonized_tariff_code: str,
        country_of_origin: str,
        sku: str,
      }),
    )
    .nullish(),
});

const fields = {
  external_shipment_id: str,
  shipment_number: str,
  carrier_id: str,
  service_code: str,
  warehouse_id: str,
  ship_to: address,
  ship_from: address.nullish(),
  return_to: address.nullish(),
  ship_date: str,
  ship_by_date: str,
  hold_until_date: str,
  items: z.array(item).nullish(),
  packages: z.array(pkg).nullish(),
  amount_paid: money,
  shipping_paid: money,
  tax_paid: money,
  notes_from_buyer: str,
  notes_for_gift: str,
  is_gift: z.boolean().nullish(),
  internal_notes: str,
  requested_shipment_service: str,
  confirmation: z
    .enum([
      'none',
      'delivery',
      'signature',
      'adult_signature',
      'direct_signature',
      'delivery_mailed',
      'verbal_confirmation',
    ])
    .nullish(),
  insurance_provider: z.enum(['none', 'shipsurance', 'carrier', 'third_party']).nullish(),
  advanced_options: z.record(z.string(), z.unknown()).nullish(),
  customs: customs.nullish(),
  external_order_id: str,
  assigned_user: str,
  is_return: z.boolean().nullish(),
  validate_address: z.enum(['no_validation', 'validate_only', 'validate_and_clean']).nullish(),
};

export const createShipmentSchema = z.object({
  ...fields,
  create_sales_order: z.boolean().nullish(),
  store_id: z.union([z.string(), z.number()]).nullish(),
  tags: z.array(z.object({ name: z.string() })).nullish(),
  shipment_status: z.string().nullish(),
});
export type CreateShipmentBody = z.output<typeof createShipmentSchema>;

export const updateShipmentSchema = z.object({ ...fields, ship_to: address.nullish() }).partial();
export type UpdateShipmentBody = z.output<typeof updateShipmentSchema>;

const emptyAddress = () => addressFromV2(null);

function toItem(i: z.output<typeof item>): ItemFields {
  return {
    orderItemId: null,
    lineItemKey: i.external_order_item_id ?? null,
    sku: i.sku ?? null,
    name: i.name ?? null,
    imageUrl: i.image_url ?? null,
    weight: weightFromV2(i.weight),
    quantity: i.quantity,
    unitPrice: i.unit_price ?? null,
    taxAmount: i.tax_amount ?? null,
    shippingAmount: i.shipping_amount ?? null,
    warehouseLocation: i.inventory_location ?? null,
    options: (i.options ?? []).map((o) => ({ name: o.name, value: o.value ?? '' })),
    fulfillmentSku: i.fullfilment_sku ?? null,
    adjustment: false,
    upc: i.upc ?? null,
  };
}

function productToCustomsItem(p: z.output<typeof product>): CustomsItem {
  return {
    customsItemId: null,
    description: p.description ?? null,
    quantity: p.quantity ?? 0,
    value: p.value?.amount ?? null,
    harmonizedTariffCode: p.harmonized_tariff_code ?? null,
    countryOfOrigin: p.country_of_origin ?? null,
    sku: p.sku ?? null,
  };
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const flag = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback);

export type Applied = { ok: true; fields: OrderFields; v2: Partial<V2Extras> } | { ok: false; error: string };

type Body = UpdateShipmentBody & { store_id?: unknown };
type Has = (key: string) => boolean;

/**
 * Applies the keys present in a V2 body onto `base` (all keys for a create, the sent ones for a PUT, which
 * "provide only the fields you want to update"). Errors are the per-shipment messages V2 reports.
 */
export function applyV2Body(state: AccountState, base: OrderFields, body: Body): Applied {
  const f = structuredClone(base);
  const v2: Partial<V2Extras> = {};
  const has: Has = (key) => key in body && (body as Record<string, unknown>)[key] !== undefined;
  const error = applyParties(state, f, v2, body, has) ?? applyDates(f, body, has);
  if (error) return { ok: false, error };
  applyMoneyAndNotes(f, v2, body, has);
  applyOptions(f, body, has);
  return { ok: true, fields: f, v2 };
}

/** Who and where: number, addresses, items, carrier, service, warehouse, store, and the V2-only addresses. */
function applyParties(state: AccountState, f: OrderFields, v2: Partial<V2Extras>, body: Body, has: Has): string | null {
  if (has('shipment_number')) f.orderNumber = body.shipment_number ?? '';
  if (body.ship_to) {
    f.shipTo = addressFromV2(body.ship_to);
    f.customerEmail = body.ship_to.email ?? null;
    // V2 has no bill-to: a new sales order is billed to the ship-to name.
    if (!f.billTo.name) f.billTo = { ...emptyAddress(), name: f.shipTo.name };
  }
  if (has('items')) f.items = (body.items ?? []).map(toItem);
  if (has('carrier_id')) {
    f.carrierCode = body.carrier_id ? carrierCodeOf(state, body.carrier_id) : null;
    if (body.carrier_id && f.carrierCode === null) return `carrier_id '${body.carrier_id}' was not found.`;
  }
  if (has('service_code')) f.serviceCode = body.service_code ?? null;
  if (has('warehouse_id')) {
    const id = body.warehouse_id ? parseSeId(body.warehouse_id) : null;
    if (body.warehouse_id && (id === null || !state.warehouses.get(id)?.active)) {
      return `warehouse_id '${body.warehouse_id}' was not found.`;
    }
    f.advancedOptions.warehouseId = id;
  }
  if (has('store_id')) {
    // Seen as "se-2481946", "1582173" and 123456 in different places (§8.15): all three are accepted.
    const raw = String(body.store_id ?? '');
    f.advancedOptions.storeId = raw === '' ? null : (parseSeId(raw) ?? (/^\d+$/.test(raw) ? Number(raw) : -1));
  }
  if (has('ship_from')) v2.shipFrom = body.ship_from ?? null;
  if (has('return_to')) v2.returnTo = body.return_to ?? null;
  if (has('external_order_id')) v2.externalOrderId = body.external_order_id ?? null;
  if (has('is_return')) v2.isReturn = body.is_return ?? false;
  return null;
}

/** Date-only fields; a hold date puts the (V1) order on hold, clearing it releases the hold. */
function applyDates(f: OrderFields, body: Body, has: Has): string | null {
  for (const [key, target] of [
    ['ship_date', 'shipDate'],
    ['ship_by_date', 'shipByDate'],
    ['hold_until_date', 'holdUntilDate'],
  ] as const) {
    if (!has(key)) continue;
    const raw = body[key];
    const date = raw ? parseV2Date(raw) : null;
    if (raw && date === null) return `${key} '${raw}' is not a valid date.`;
    f[target] = date;
  }
  if (has('hold_until_date')) {
    f.orderStatus = f.holdUntilDate ? 'on_hold' : f.orderStatus === 'on_hold' ? 'awaiting_shipment' : f.orderStatus;
  }
  return null;
}

function applyMoneyAndNotes(f: OrderFields, v2: Partial<V2Extras>, body: Body, has: Has): void {
  if (has('packages')) {
    const first = body.packages?.[0];
    f.packageCode = first?.package_code ?? null;
    f.weight = weightFromV2(first?.weight);
    f.dimensions = dimensionsFromV2(first?.dimensions);
    // One declaration per order (V1's customsItems): every package's products, shown on the first package.
    const products = (body.packages ?? []).flatMap((p) => p.products ?? []);
    f.internationalOptions = {
      ...f.internationalOptions,
      customsItems: products.length > 0 ? products.map(productToCustomsItem) : null,
    };
    v2.packages = (body.packages ?? []).map(({ products: _p, ...p }) => p);
  }
  if (has('amount_paid')) {
    f.amountPaid = body.amount_paid?.amount ?? null;
    if (body.amount_paid) v2.currency = body.amount_paid.currency.toLowerCase();
  }
  if (has('shipping_paid')) f.shippingAmount = body.shipping_paid?.amount ?? null;
  if (has('tax_paid')) f.taxAmount = body.tax_paid?.amount ?? null;
  if (has('notes_from_buyer')) f.customerNotes = body.notes_from_buyer ?? null;
  if (has('notes_for_gift')) f.giftMessage = body.notes_for_gift ?? null;
  if (has('is_gift')) f.gift = body.is_gift ?? false;
  if (has('internal_notes')) f.internalNotes = body.internal_notes ?? null;
  if (has('requested_shipment_service')) f.requestedShippingService = body.requested_shipment_service ?? null;
  if (has('confirmation')) f.confirmation = body.confirmation ?? null;
  if (has('assigned_user')) f.userId = body.assigned_user ?? null;
}

function applyOptions(f: OrderFields, body: Body, has: Has): void {
  if (has('insurance_provider')) {
    const provider = body.insurance_provider ?? 'none';
    f.insuranceOptions = {
      ...f.insuranceOptions,
      provider: provider === 'none' ? null : provider,
      insureShipment: provider !== 'none',
    };
  }
  if (has('customs')) {
    const c = body.customs ?? null;
    // The deprecated customs_items still count when the body brings no products.
    const deprecated = c?.customs_items?.length && !f.internationalOptions.customsItems ? c.customs_items : null;
    f.internationalOptions = {
      contents: c?.contents ?? null,
      customsItems: deprecated
        ? deprecated.map((i) => productToCustomsItem({ ...i, value: { currency: 'usd', amount: i.value ?? 0 } }))
        : c
          ? f.internationalOptions.customsItems
          : null,
      nonDelivery: c?.non_delivery ?? null,
    };
  }
  const a = body.advanced_options;
  if (!a) return;
  const adv = f.advancedOptions;
  const pick = (key: string, current: string | null) => (key in a ? text(a[key]) : current);
  f.advancedOptions = {
    ...adv,
    customField1: pick('custom_field1', adv.customField1),
    customField2: pick('custom_field2', adv.customField2),
    customField3: pick('custom_field3', adv.customField3),
    containsAlcohol: flag(a['contains_alcohol'], adv.containsAlcohol),
    nonMachinable: flag(a['non_machinable'], adv.nonMachinable),
    saturdayDelivery: flag(a['saturday_delivery'], adv.saturdayDelivery),
    billToParty: pick('bill_to_party', adv.billToParty),
    billToAccount: pick('bill_to_account', adv.billToAccount),
    billToPostalCode: pick('bill_to_postal_code', adv.billToPostalCode),
    billToCountryCode: pick('bill_to_country_code', adv.billToCountryCode),
  };
}
