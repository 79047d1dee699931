import type { ConnectorError } from '../../domain/errors.js';
import type { V2Shipment } from './v2-schemas.js';

/**
 * What the engine sends to V2 and how it filters. Request bodies are V2's own snake_case
 * (`create_shipment_request`, sheet §3.6); filter instants are `Date`s sent as ISO 8601 UTC.
 */
export interface V2AddressInput {
  name: string;
  phone: string;
  email?: string | null;
  company_name?: string | null;
  address_line1: string;
  address_line2?: string | null;
  address_line3?: string | null;
  city_locality: string;
  state_province: string;
  postal_code: string;
  country_code: string;
  address_residential_indicator: 'unknown' | 'yes' | 'no';
}

/** A customs line of a package (`packages[].products[]`, the document's replacement of `customs_items`). */
export interface V2ProductInput {
  description: string;
  quantity: number;
  /** "The declared value of each item" (monetary_value). */
  value: { currency: string; amount: number };
  harmonized_tariff_code: string;
  country_of_origin: string;
  sku?: string;
}

/** `customs` (international_shipment_options): `contents` and `non_delivery` required by the document. */
export interface V2CustomsInput {
  contents: string;
  non_delivery: string;
  [field: string]: unknown;
}

export interface V2ShipmentInput {
  /** Required here: the identity that makes a lost answer recoverable (GET by external id). ≤ 50 chars. */
  external_shipment_id: string;
  shipment_number?: string;
  create_sales_order?: boolean;
  store_id?: string | number;
  warehouse_id?: string | null;
  carrier_id?: string | null;
  service_code?: string | null;
  requested_shipment_service?: string | null;
  ship_date?: string;
  ship_to: V2AddressInput;
  ship_from?: V2AddressInput;
  items?: {
    name: string;
    sku?: string | null;
    quantity: number;
    unit_price?: number | null;
    external_order_id?: string | null;
    external_order_item_id?: string | null;
    [field: string]: unknown;
  }[];
  packages?: {
    package_code?: string;
    weight: { value: number; unit: string };
    products?: V2ProductInput[];
    [field: string]: unknown;
  }[];
  customs?: V2CustomsInput | null;
  amount_paid?: { currency: string; amount: number };
  shipping_paid?: { currency: string; amount: number };
  tax_paid?: { currency: string; amount: number };
  notes_from_buyer?: string | null;
  internal_notes?: string | null;
  advanced_options?: Record<string, unknown>;
  validate_address?: 'no_validation' | 'validate_only' | 'validate_and_clean';
  [field: string]: unknown;
}

/** A PUT body: only the fields to change (sheet §3.8). */
export type V2ShipmentUpdate = Partial<Omit<V2ShipmentInput, 'create_sales_order'>>;

/** Per-item outcome of createShipments, in input order. */
export type V2CreateShipmentResult =
  | { ok: true; externalShipmentId: string; shipmentId: string; shipment: Record<string, unknown> }
  | {
      ok: false;
      externalShipmentId: string;
      /** The external id is already taken: the shipment exists; re-link with getShipmentByExternalId. */
      duplicate: boolean;
      errors: string[];
      /** Set when the whole call for this item's batch failed (outcome unknown on a lost answer). */
      error?: ConnectorError;
    };

export interface V2ShipmentFilters {
  shipment_status?: 'pending' | 'processing' | 'label_purchased' | 'cancelled';
  shipment_number?: string;
  external_shipment_id?: string;
  store_id?: string;
  batch_id?: string;
  sales_order_id?: string;
  tag?: string;
  createdFrom?: Date;
  createdTo?: Date;
  modifiedFrom?: Date;
  modifiedTo?: Date;
  sort_by?: 'modified_at' | 'created_at';
  sort_dir?: 'asc' | 'desc';
}

export interface V2LabelFilters {
  label_status?: 'processing' | 'completed' | 'error' | 'voided';
  shipment_id?: string;
  carrier_id?: string;
  service_code?: string;
  tracking_number?: string;
  batch_id?: string;
  warehouse_id?: string;
  createdFrom?: Date;
  createdTo?: Date;
  sort_by?: 'modified_at' | 'created_at';
  sort_dir?: 'asc' | 'desc';
}

export interface V2FulfillmentFilters {
  shipment_id?: string;
  shipment_number?: string;
  fulfillment_id?: string;
  tracking_number?: string;
  createdFrom?: Date;
  createdTo?: Date;
  shipDateFrom?: Date;
  shipDateTo?: Date;
  sort_by?: 'created_at' | 'modified_at' | 'shipped_at';
  sort_dir?: 'asc' | 'desc';
}

export interface V2InventoryFilters {
  sku?: string;
  inventory_warehouse_id?: string;
  inventory_location_id?: string;
  group_by?: 'warehouse' | 'location';
}

/** One inventory transaction (`POST /v2/inventory`, one SKU and location per call, 204). */
export interface V2InventoryTransaction {
  transaction_type: 'increment' | 'decrement' | 'adjust' | 'modify';
  sku: string;
  quantity: number;
  inventory_location_id: string;
  condition?: 'sellable' | 'damaged' | 'expired' | 'qa_hold';
  cost?: { amount: number; currency: string };
  reason?: string;
  notes?: string;
  effective_at?: string;
  new_inventory_location_id?: string;
  [field: string]: unknown;
}

export interface V2FulfillmentInput {
  shipment_id: string;
  tracking_number: string;
  carrier_code: string;
  ship_date?: string;
  notify_customer?: boolean;
  notify_order_source?: boolean;
}

export type V2WebhookEvent =
  | 'shipment_created_v2'
  | 'label_created_v2'
  | 'fulfillment_shipped_v2'
  | 'fulfillment_rejected_v2'
  | 'track_event_v2'
  | 'batch_processed_v2'
  | (string & {});

/** Records found by fetching a V2 webhook's resource_url. */
export interface V2Resource {
  shipments: V2Shipment[];
  labels: import('./v2-schemas.js').V2Label[];
  fulfillments: import('./v2-schemas.js').V2Fulfillment[];
  /** Anything else the URL returned (e.g. `/v2/labels/{id}/track`), validated only as an object. */
  other: Record<string, unknown> | undefined;
}
