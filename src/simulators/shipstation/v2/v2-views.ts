import type { AccountState } from '../account-state.js';
import { formatV2Date, formatV2DateTime } from '../pacific-time.js';
import type {
  CustomsItem,
  FulfillmentRecord,
  OrderItem,
  OrderRecord,
  ShipmentRecord,
  WarehouseRecord,
} from '../records.js';
import {
  addressToV2,
  carrierIdOf,
  dimensionsToV2,
  labelPackageId,
  money,
  omitNulls,
  seId,
  v2Status,
  weightToV2,
} from './v2-convert.js';

/** V2 JSON of the account's records (shipstation-v2.md §3.3, §4.3, §7). */
function itemToV2(o: OrderRecord, i: OrderItem): Record<string, unknown> {
  return {
    sales_order_id: o.salesOrder ? seId(o.orderId) : null,
    sales_order_item_id: o.salesOrder ? seId(i.orderItemId) : null,
    quantity: i.quantity,
    sku: i.sku,
    name: i.name,
    bundle_sku: null,
    external_order_id: o.v2.externalOrderId,
    external_order_item_id: i.lineItemKey,
    asin: null,
    order_source_code: null,
    image_url: i.imageUrl,
    weight: weightToV2(i.weight),
    unit_price: i.unitPrice,
    tax_amount: i.taxAmount,
    shipping_amount: i.shippingAmount,
    inventory_location: i.warehouseLocation,
    options: i.options,
    product_id: i.productId === null ? null : String(i.productId),
    fullfilment_sku: i.fulfillmentSku,
    upc: i.upc,
  };
}

function warehouseAddress(state: AccountState, o: OrderRecord, kind: 'originAddress' | 'returnAddress') {
  const warehouse =
    o.advancedOptions.warehouseId === null ? undefined : state.warehouses.get(o.advancedOptions.warehouseId);
  return warehouse ? addressToV2(warehouse[kind]) : null;
}

/** The first package is V1's weight/dimensions/packageCode; further ones were written through V2. */
function packagesOf(state: AccountState, o: OrderRecord): Record<string, unknown>[] {
  const labels = state.shipmentsOf(o.orderId).filter((s) => !s.voided);
  const tracking = labels.at(-1)?.packages.map((p) => p.trackingNumber) ?? [];
  const first = {
    package_code: o.packageCode ?? 'package',
    weight: weightToV2(o.weight) ?? { value: 0, unit: 'ounce' },
    dimensions: dimensionsToV2(o.dimensions),
    // The order's one declaration (V1 customsItems) is the first package's products.
    products: (o.internationalOptions.customsItems ?? []).map((c) => productToV2(o, c)),
  };
  const extra = (o.v2.packages ?? []).slice(1) as Record<string, unknown>[];
  return ([first, ...extra] as Record<string, unknown>[]).map((p, index) => ({
    shipment_package_id: seId(o.orderId * 10 + index),
    package_id: null,
    package_name: null,
    insured_value: { currency: o.v2.currency, amount: 0 },
    label_messages: { reference1: '', reference2: '', reference3: '' },
    external_package_id: null,
    content_description: null,
    products: [],
    ...p,
    tracking_number: tracking[index] ?? null,
  }));
}

function productToV2(o: OrderRecord, c: CustomsItem): Record<string, unknown> {
  // Nulls go with the rest of the shipment's (shipmentToV2).
  return {
    description: c.description,
    quantity: c.quantity,
    value: c.value === null ? null : { currency: o.v2.currency, amount: c.value },
    harmonized_tariff_code: c.harmonizedTariffCode,
    country_of_origin: c.countryOfOrigin,
    sku: c.sku,
  };
}

export function shipmentToV2(state: AccountState, o: OrderRecord): Record<string, unknown> {
  return omitNulls(shipmentFields(state, o));
}

function shipmentFields(state: AccountState, o: OrderRecord): Record<string, unknown> {
  const a = o.advancedOptions;
  const packages = packagesOf(state, o);
  const total = packages.reduce((sum, p) => sum + ((p['weight'] as { value: number } | null)?.value ?? 0), 0);
  const unit = (packages[0]?.['weight'] as { unit: string } | undefined)?.unit ?? 'ounce';
  const insured = o.insuranceOptions.insureShipment ? (o.insuranceOptions.provider ?? 'carrier') : 'none';
  return {
    shipment_id: seId(o.orderId),
    carrier_id: carrierIdOf(state, o.carrierCode),
    service_code: o.serviceCode,
    requested_shipment_service: o.requestedShippingService,
    shipping_rule_id: null,
    external_order_id: o.v2.externalOrderId,
    hold_until_date: formatV2Date(o.holdUntilDate),
    ship_by_date: formatV2Date(o.shipByDate),
    retail_rate: null,
    store_id: seId(a.storeId),
    items: o.items.map((i) => itemToV2(o, i)),
    notes_from_buyer: o.customerNotes,
    notes_for_gift: o.giftMessage,
    is_gift: o.gift,
    assigned_user: o.userId,
    notes_to_buyer: null,
    internal_notes: o.internalNotes,
    amount_paid: money(o.amountPaid, o.v2.currency),
    shipping_paid: money(o.shippingAmount, o.v2.currency),
    tax_paid: money(o.taxAmount, o.v2.currency),
    zone: null,
    display_scheme: 'label',
    tax_identifiers: null,
    external_shipment_id: o.orderKey,
    shipment_number: o.orderNumber,
    ship_date: formatV2Date(o.shipDate),
    created_at: formatV2DateTime(o.createDate),
    modified_at: formatV2DateTime(o.modifyDate),
    shipment_status: v2Status(o.orderStatus),
    ship_to: addressToV2(o.shipTo, o.customerEmail),
    ship_from: o.v2.shipFrom ?? warehouseAddress(state, o, 'originAddress'),
    warehouse_id: a.warehouseId === null ? null : seId(a.warehouseId),
    return_to: o.v2.returnTo ?? warehouseAddress(state, o, 'returnAddress'),
    is_return: o.v2.isReturn,
    confirmation: o.confirmation ?? 'none',
    // V2's snake_case customs (the document: `contents` and `non_delivery` required), not V1's camelCase one.
    customs:
      o.internationalOptions.contents === null
        ? null
        : {
            contents: o.internationalOptions.contents,
            non_delivery: o.internationalOptions.nonDelivery ?? 'return_to_sender',
          },
    advanced_options: {
      bill_to_account: a.billToAccount,
      bill_to_country_code: a.billToCountryCode,
      bill_to_party: a.billToParty,
      bill_to_postal_code: a.billToPostalCode,
      contains_alcohol: a.containsAlcohol,
      delivered_duty_paid: false,
      non_machinable: a.nonMachinable,
      saturday_delivery: a.saturdayDelivery,
      dry_ice: false,
      dry_ice_weight: null,
      custom_field1: a.customField1,
      custom_field2: a.customField2,
      custom_field3: a.customField3,
      collect_on_delivery: null,
    },
    insurance_provider: insured,
    tags: o.tagIds.map((id) => ({ name: state.tags.get(id)?.name ?? String(id) })),
    order_source_code: null,
    packages,
    total_weight: { value: Math.round(total * 100) / 100, unit },
    comparison_rate_type: null,
  };
}

function trackingStatus(s: ShipmentRecord): string {
  const last = s.tracking.at(-1)?.statusCode;
  if (last === 'DE') return 'delivered';
  if (last === 'EX') return 'error';
  if (last === 'IT' || last === 'AC' || last === 'AT') return 'in_transit';
  return 'unknown';
}

export function labelToV2(state: AccountState, origin: string, s: ShipmentRecord): Record<string, unknown> {
  return omitNulls(labelFields(state, origin, s));
}

function labelFields(state: AccountState, origin: string, s: ShipmentRecord): Record<string, unknown> {
  const order = state.orders.get(s.orderId);
  const warehouse = s.warehouseId === null ? undefined : state.warehouses.get(s.warehouseId);
  const download = `${origin}/v2/downloads/10/${seId(s.shipmentId)}/label-${s.shipmentId}`;
  return {
    label_id: seId(s.shipmentId),
    status: s.voided ? 'voided' : 'completed',
    shipment_id: seId(s.orderId),
    external_shipment_id: order?.orderKey ?? null,
    external_order_id: order?.v2.externalOrderId ?? null,
    ship_date: formatV2Date(s.shipDate),
    created_at: formatV2DateTime(s.createDate),
    shipment_cost: { currency: 'usd', amount: s.shipmentCost },
    insurance_cost: { currency: 'usd', amount: s.insuranceCost },
    requested_comparison_amount: null,
    tracking_number: s.trackingNumber,
    is_return_label: s.isReturnLabel,
    rma_number: null,
    is_international: warehouse !== undefined && s.shipTo.country !== warehouse.originAddress.country,
    batch_id: seId(s.batchId),
    carrier_id: carrierIdOf(state, s.carrierCode),
    charge_event: 'carrier_default',
    service_code: s.serviceCode,
    package_code: s.packageCode,
    voided: s.voided,
    voided_at: formatV2DateTime(s.voidDate),
    label_format: 'pdf',
    display_scheme: 'label',
    label_layout: '4x6',
    trackable: true,
    label_image_id: null,
    carrier_code: s.carrierCode,
    confirmation: s.confirmation ?? 'none',
    tracking_status: trackingStatus(s),
    label_download: { href: `${download}.pdf`, pdf: `${download}.pdf`, png: `${download}.png`, zpl: `${download}.zpl` },
    form_download: null,
    qr_code_download: null,
    paperless_download: null,
    insurance_claim: null,
    packages: s.packages.map((p, index) => ({
      package_id: labelPackageId(s.shipmentId, index),
      package_code: s.packageCode,
      weight: weightToV2(p.weight),
      dimensions: dimensionsToV2(p.dimensions),
      insured_value: { currency: 'usd', amount: 0 },
      tracking_number: p.trackingNumber,
      label_messages: { reference1: '', reference2: '', reference3: '' },
      external_package_id: null,
      sequence: index + 1,
      alternative_identifiers: [],
    })),
    alternative_identifiers: [],
    rate_details: [],
    tracking_url: trackingUrl(s.carrierCode, s.trackingNumber),
    ship_to: addressToV2(s.shipTo),
  };
}

function trackingUrl(carrierCode: string, trackingNumber: string): string {
  if (carrierCode.startsWith('ups')) return `https://www.ups.com/track?tracknum=${trackingNumber}`;
  if (carrierCode.startsWith('fedex')) {
    return `https://www.fedex.com/fedextrack/?action=track&trackingnumber=${trackingNumber}`;
  }
  return `https://tools.usps.com/go/TrackConfirmAction.action?tLabels=${trackingNumber}`;
}

const STATUS_DESCRIPTIONS: Record<string, string> = {
  UN: 'Unknown',
  AC: 'Accepted',
  IT: 'In Transit',
  DE: 'Delivered',
  EX: 'Exception',
  AT: 'Delivery Attempt',
  NY: 'Not Yet In System',
  SP: 'Delivered To Service Point',
};

/** `GET /v2/labels/{id}/track` and the inline `data` of `track_event_v2` (shipstation-v2.md §4.4, §6.3). */
export function trackingInfo(state: AccountState, s: ShipmentRecord): Record<string, unknown> {
  const last = s.tracking.at(-1);
  const status = last?.statusCode ?? 'UN';
  const delivered = s.tracking.find((e) => e.statusCode === 'DE');
  return {
    tracking_number: s.trackingNumber,
    tracking_url: trackingUrl(s.carrierCode, s.trackingNumber),
    status_code: status,
    status_description: STATUS_DESCRIPTIONS[status] ?? status,
    carrier_code: s.carrierCode,
    carrier_id: state.carriers.get(s.carrierCode)?.shippingProviderId ?? null,
    carrier_status_code: status,
    carrier_status_description: last?.description ?? null,
    ship_date: `${s.shipDate}T00:00:00`,
    estimated_delivery_date: null,
    actual_delivery_date: delivered ? new Date(delivered.occurredAt).toISOString().slice(0, 19) : null,
    exception_description: status === 'EX' ? (last?.description ?? null) : null,
    events: s.tracking.map((e) => ({
      occurred_at: new Date(e.occurredAt).toISOString(),
      description: e.description,
      city_locality: e.city,
      state_province: e.state,
      country_code: e.country,
      event_code: e.statusCode,
      status_code: e.statusCode,
      status_description: STATUS_DESCRIPTIONS[e.statusCode] ?? e.statusCode,
    })),
  };
}

export function fulfillmentToV2(state: AccountState, f: FulfillmentRecord): Record<string, unknown> {
  const order = state.orders.get(f.orderId);
  return omitNulls({
    fulfillment_id: seId(f.fulfillmentId),
    shipment_id: seId(f.orderId),
    shipment_number: order?.orderNumber ?? null,
    user_id: f.userId,
    tracking_number: f.trackingNumber,
    created_at: formatV2DateTime(f.createDate),
    ship_date: formatV2Date(f.shipDate),
    voided_at: formatV2DateTime(f.voidDate),
    delivered_at: formatV2DateTime(f.deliveryDate),
    carrier_code: f.carrierCode,
    fulfillment_provider_code: f.provider?.code ?? null,
    fulfillment_service_code: f.provider?.serviceCode ?? null,
    fulfillment_fee: { currency: 'usd', amount: f.provider?.fee ?? 0 },
    void_requested: false,
    voided: f.voided,
    order_source_notified: f.notifySalesChannel,
    notification_error_message: null,
    ship_to: addressToV2(f.shipTo),
  });
}

export function warehouseToV2(w: WarehouseRecord): Record<string, unknown> {
  return omitNulls({
    warehouse_id: seId(w.warehouseId),
    is_default: w.isDefault,
    name: w.warehouseName,
    created_at: formatV2DateTime(w.createDate),
    origin_address: addressToV2(w.originAddress),
    return_address: addressToV2(w.returnAddress),
  });
}
