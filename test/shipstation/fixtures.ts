import { formatPacificTimestamp } from '../../src/integrations/shipstation/pacific-time.js';
import type { V1OrderInput } from '../../src/integrations/shipstation/v1-types.js';
import type { V2ShipmentInput } from '../../src/integrations/shipstation/v2-types.js';

/** A run-unique prefix so tests sharing an account (or a real one) never collide on keys or numbers. */
export function runPrefix(tag: string): string {
  return `T${tag}${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1296)
    .toString(36)
    .toUpperCase()}`;
}

const shipTo = {
  name: 'Amanda Miller',
  company: 'Miller Hardware',
  street1: '525 S Winchester Blvd',
  street2: null,
  city: 'San Jose',
  state: 'CA',
  postalCode: '95128',
  country: 'US',
  phone: '408-555-0100',
  residential: false,
};

/** A V1 order as the mapping layer would build it from a Sage order. */
export function v1Order(prefix: string, n: number, extra: Partial<V1OrderInput> = {}): V1OrderInput {
  return {
    orderKey: `${prefix}-${n}-1`,
    orderNumber: `${prefix}${String(n).padStart(5, '0')}`,
    orderDate: formatPacificTimestamp(new Date(Date.UTC(2026, 10, 20, 20, 0, 0))),
    orderStatus: 'awaiting_shipment',
    customerUsername: 'MILLER01',
    customerEmail: 'amanda@example.com',
    billTo: { ...shipTo },
    shipTo: { ...shipTo },
    items: [
      {
        lineItemKey: '32',
        sku: 'A1-105/0',
        name: 'Steel bracket',
        quantity: 2,
        unitPrice: 12.5,
        weight: { value: 10, units: 'ounces' },
      },
    ],
    amountPaid: 27.06,
    taxAmount: 2.06,
    shippingAmount: 0,
    requestedShippingService: 'UPS Ground',
    carrierCode: 'ups',
    serviceCode: 'ups_ground',
    advancedOptions: { customField1: 'PO-1', customField2: `${n}` },
    ...extra,
  };
}

/** A V2 shipment with a sales order, as the mapping layer would build it for a V2-only account. */
export function v2Shipment(
  prefix: string,
  n: number,
  warehouseId: string,
  extra: Partial<V2ShipmentInput> = {},
): V2ShipmentInput {
  return {
    external_shipment_id: `${prefix}-${n}-1`,
    shipment_number: `${prefix}${String(n).padStart(5, '0')}`,
    create_sales_order: true,
    warehouse_id: warehouseId,
    ship_to: {
      name: 'Amanda Miller',
      phone: '408-555-0100',
      company_name: 'Miller Hardware',
      address_line1: '525 S Winchester Blvd',
      city_locality: 'San Jose',
      state_province: 'CA',
      postal_code: '95128',
      country_code: 'US',
      address_residential_indicator: 'no',
    },
    items: [{ name: 'Steel bracket', sku: 'A1-105/0', quantity: 2, unit_price: 12.5, external_order_item_id: '32' }],
    packages: [{ package_code: 'package', weight: { value: 20, unit: 'ounce' } }],
    amount_paid: { currency: 'usd', amount: 27.06 },
    ...extra,
  };
}
