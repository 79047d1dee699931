import { z } from 'zod';

/**
 * Zod schemas of V2 responses (sheet §3–§7, real captures in §3.10 and §6.3). Unknown fields pass through,
 * nullable fields may be null or absent, dates stay ISO 8601 UTC strings as sent. Ids are `se-` strings
 * except where the platform uses numbers (webhook `store_id`, tracking `carrier_id`): those accept both.
 */
const str = z.string().nullish();
const num = z.number().nullish();
const bool = z.boolean().nullish();
const idish = z.union([z.string(), z.number()]).nullish();

export const v2MoneySchema = z.looseObject({ currency: z.string(), amount: z.number() });
export const v2WeightSchema = z.looseObject({ value: z.number(), unit: z.string() });

export const v2AddressSchema = z.looseObject({
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
  address_residential_indicator: str,
});

export const v2ShipmentItemSchema = z.looseObject({
  name: str,
  sku: str,
  quantity: z.number(),
  unit_price: num,
  external_order_id: str,
  external_order_item_id: str,
  sales_order_id: str,
  sales_order_item_id: str,
  product_id: idish,
});

export const v2PackageSchema = z.looseObject({
  shipment_package_id: str,
  package_id: idish,
  package_code: str,
  weight: v2WeightSchema.nullish(),
  tracking_number: str,
});

export const v2ShipmentSchema = z.looseObject({
  shipment_id: z.string(),
  carrier_id: str,
  service_code: str,
  requested_shipment_service: str,
  external_shipment_id: str,
  shipment_number: str,
  ship_date: str,
  created_at: z.string(),
  modified_at: z.string(),
  shipment_status: z.string(),
  ship_to: v2AddressSchema.nullish(),
  ship_from: v2AddressSchema.nullish(),
  warehouse_id: str,
  store_id: idish,
  hold_until_date: str,
  items: z.array(v2ShipmentItemSchema).nullish(),
  packages: z.array(v2PackageSchema).nullish(),
  tags: z.array(z.looseObject({ name: z.string() })).nullish(),
  amount_paid: v2MoneySchema.nullish(),
  internal_notes: str,
});
export type V2Shipment = z.infer<typeof v2ShipmentSchema>;

/** An item of the bulk-create answer: a shipment plus its own errors (strings, or objects on some accounts). */
export const v2CreatedShipmentSchema = z.looseObject({
  shipment_id: str,
  external_shipment_id: str,
  shipment_number: str,
  created_at: str,
  modified_at: str,
  shipment_status: str,
  errors: z.array(z.union([z.string(), z.looseObject({ message: str, error_code: str })])).nullish(),
});
export const v2CreateShipmentsResultSchema = z.looseObject({
  has_errors: z.boolean(),
  shipments: z.array(v2CreatedShipmentSchema),
});

export const v2LabelSchema = z.looseObject({
  label_id: z.string(),
  status: z.string(),
  shipment_id: z.string(),
  external_shipment_id: str,
  ship_date: str,
  created_at: z.string(),
  shipment_cost: v2MoneySchema.nullish(),
  tracking_number: str,
  is_return_label: bool,
  carrier_id: str,
  carrier_code: str,
  service_code: str,
  package_code: str,
  voided: z.boolean(),
  voided_at: str,
  tracking_status: str,
  packages: z.array(v2PackageSchema).nullish(),
});
export type V2Label = z.infer<typeof v2LabelSchema>;

export const v2VoidResultSchema = z.looseObject({ approved: z.boolean(), message: str, reason_code: str });
export type V2VoidResult = z.infer<typeof v2VoidResultSchema>;

export const v2FulfillmentSchema = z.looseObject({
  fulfillment_id: z.string(),
  shipment_id: str,
  shipment_number: str,
  tracking_number: str,
  carrier_code: str,
  ship_date: str,
  created_at: str,
  voided: bool,
});
export type V2Fulfillment = z.infer<typeof v2FulfillmentSchema>;

export const v2CreateFulfillmentsResultSchema = z.looseObject({
  has_errors: z.boolean(),
  fulfillments: z.array(z.looseObject({ shipment_id: str, shipment_number: str, error_message: str })),
});

export const v2WarehouseSchema = z.looseObject({
  warehouse_id: z.string(),
  is_default: bool,
  name: z.string(),
  created_at: str,
  origin_address: v2AddressSchema.nullish(),
  return_address: v2AddressSchema.nullish(),
});
export type V2Warehouse = z.infer<typeof v2WarehouseSchema>;

export const v2ServiceSchema = z.looseObject({
  carrier_id: str,
  carrier_code: str,
  service_code: z.string(),
  name: str,
  domestic: bool,
  international: bool,
});
export const v2CarrierSchema = z.looseObject({
  carrier_id: z.string(),
  carrier_code: z.string(),
  account_number: str,
  nickname: str,
  friendly_name: str,
  primary: bool,
  // A number in both published documents; an object `{currency, amount}` on some answers: both are read.
  balance: z.union([z.number(), v2MoneySchema]).nullish(),
  services: z.array(v2ServiceSchema).nullish(),
});
export type V2Carrier = z.infer<typeof v2CarrierSchema>;

export const v2InventorySchema = z.looseObject({
  sku: z.string(),
  on_hand: z.number(),
  allocated: num,
  available: num,
  average_cost: v2MoneySchema.nullish(),
  inventory_warehouse_id: str,
  inventory_location_id: str,
});
export type V2InventoryLevel = z.infer<typeof v2InventorySchema>;

export const v2InventoryWarehouseSchema = z.looseObject({
  inventory_warehouse_id: z.string(),
  name: z.string(),
  created_at: str,
  updated_at: str,
});
export type V2InventoryWarehouse = z.infer<typeof v2InventoryWarehouseSchema>;

export const v2InventoryLocationSchema = z.looseObject({
  inventory_location_id: z.string(),
  inventory_warehouse_id: str,
  name: z.string(),
  created_at: str,
  updated_at: str,
});
export type V2InventoryLocation = z.infer<typeof v2InventoryLocationSchema>;

export const v2WebhookSchema = z.looseObject({
  webhook_id: z.string(),
  url: z.string(),
  event: z.string(),
  name: str,
  store_id: idish,
  headers: z.array(z.looseObject({ key: z.string(), value: z.string() })).nullish(),
});
export type V2Webhook = z.infer<typeof v2WebhookSchema>;
