import { z } from 'zod';

/**
 * Zod schemas of V1 responses (sheet §6–§10, example bodies §13). They accept what the real API sends:
 * unknown fields pass through (a full replace must send back what it read), most fields may be null,
 * dates stay the strings V1 sends (Pacific, no offset: read them with pacific-time.ts). Only what the
 * connector relies on is required.
 */
const str = z.string().nullish();
const num = z.number().nullish();
const bool = z.boolean().nullish();

export const v1AddressSchema = z.looseObject({
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
  addressVerified: str,
});

export const v1WeightSchema = z.looseObject({ value: z.number(), units: z.string() });
export const v1DimensionsSchema = z.looseObject({ units: str, length: num, width: num, height: num });
const optionSchema = z.looseObject({ name: str, value: str });

export const v1OrderItemSchema = z.looseObject({
  orderItemId: num,
  lineItemKey: str,
  sku: str,
  name: str,
  imageUrl: str,
  weight: v1WeightSchema.nullish(),
  quantity: z.number(),
  unitPrice: num,
  taxAmount: num,
  shippingAmount: num,
  warehouseLocation: str,
  options: z.array(optionSchema).nullish(),
  productId: num,
  fulfillmentSku: str,
  adjustment: bool,
  upc: str,
  createDate: str,
  modifyDate: str,
});

export const v1AdvancedOptionsSchema = z.looseObject({
  warehouseId: num,
  nonMachinable: bool,
  saturdayDelivery: bool,
  containsAlcohol: bool,
  mergedOrSplit: bool,
  mergedIds: z.array(z.number()).nullish(),
  parentId: num,
  storeId: num,
  customField1: str,
  customField2: str,
  customField3: str,
  source: str,
  billToParty: str,
  billToAccount: str,
  billToPostalCode: str,
  billToCountryCode: str,
  billToMyOtherAccount: z.unknown().optional(),
});

export const v1OrderSchema = z.looseObject({
  orderId: z.number(),
  orderNumber: z.string(),
  orderKey: z.string(),
  orderDate: str,
  createDate: z.string(),
  modifyDate: z.string(),
  paymentDate: str,
  shipByDate: str,
  orderStatus: z.string(),
  customerId: num,
  customerUsername: str,
  customerEmail: str,
  billTo: v1AddressSchema.nullish(),
  shipTo: v1AddressSchema.nullish(),
  items: z.array(v1OrderItemSchema).nullish(),
  orderTotal: num,
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
  weight: v1WeightSchema.nullish(),
  dimensions: v1DimensionsSchema.nullish(),
  insuranceOptions: z.looseObject({}).nullish(),
  internationalOptions: z
    .looseObject({
      contents: str,
      nonDelivery: str,
      customsItems: z
        .array(z.looseObject({ customsItemId: z.union([z.number(), z.string()]).nullish(), description: str }))
        .nullish(),
    })
    .nullish(),
  advancedOptions: v1AdvancedOptionsSchema.nullish(),
  tagIds: z.array(z.number()).nullish(),
  userId: str,
  externallyFulfilled: bool,
  externallyFulfilledBy: str,
});
export type V1Order = z.infer<typeof v1OrderSchema>;

export const v1ShipmentItemSchema = z.looseObject({
  orderItemId: num,
  lineItemKey: str,
  sku: str,
  name: str,
  quantity: z.number(),
  unitPrice: num,
  productId: num,
  fulfillmentSku: str,
});

export const v1ShipmentSchema = z.looseObject({
  shipmentId: z.number(),
  orderId: z.number(),
  orderKey: str,
  orderNumber: str,
  userId: str,
  customerEmail: str,
  createDate: z.string(),
  shipDate: str,
  shipmentCost: num,
  insuranceCost: num,
  trackingNumber: str,
  isReturnLabel: bool,
  batchNumber: str,
  carrierCode: str,
  serviceCode: str,
  packageCode: str,
  confirmation: str,
  warehouseId: num,
  voided: z.boolean(),
  voidDate: str,
  marketplaceNotified: bool,
  notifyErrorMessage: str,
  shipTo: v1AddressSchema.nullish(),
  weight: v1WeightSchema.nullish(),
  dimensions: v1DimensionsSchema.nullish(),
  advancedOptions: z.looseObject({ storeId: num }).nullish(),
  shipmentItems: z.array(v1ShipmentItemSchema).nullish(),
  labelData: str,
  formData: str,
});
export type V1Shipment = z.infer<typeof v1ShipmentSchema>;

export const v1FulfillmentSchema = z.looseObject({
  fulfillmentId: z.number(),
  orderId: z.number(),
  orderNumber: str,
  userId: str,
  customerEmail: str,
  trackingNumber: str,
  createDate: z.string(),
  shipDate: str,
  voidDate: str,
  deliveryDate: str,
  carrierCode: str,
  sellerFillProviderId: num,
  sellerFillProviderName: str,
  fulfillmentServiceCode: str,
  fulfillmentProviderCode: str,
  fulfillmentFee: num,
  voidRequested: bool,
  voided: bool,
  marketplaceNotified: bool,
  notifyErrorMessage: str,
  shipTo: v1AddressSchema.nullish(),
});
export type V1Fulfillment = z.infer<typeof v1FulfillmentSchema>;

export const v1WarehouseSchema = z.looseObject({
  warehouseId: z.number(),
  warehouseName: str,
  originAddress: v1AddressSchema.nullish(),
  returnAddress: v1AddressSchema.nullish(),
  createDate: str,
  isDefault: bool,
});
export type V1Warehouse = z.infer<typeof v1WarehouseSchema>;

export const v1StoreSchema = z.looseObject({
  storeId: z.number(),
  storeName: str,
  marketplaceId: num,
  marketplaceName: str,
  active: bool,
});
export type V1Store = z.infer<typeof v1StoreSchema>;

export const v1CarrierSchema = z.looseObject({
  name: str,
  code: z.string(),
  accountNumber: str,
  requiresFundedAccount: bool,
  balance: num,
  nickname: str,
  shippingProviderId: num,
  primary: bool,
});
export type V1Carrier = z.infer<typeof v1CarrierSchema>;

/** `/carriers/listservices` and `/carriers/listpackages` share this shape. */
export const v1CarrierServiceSchema = z.looseObject({
  carrierCode: z.string(),
  code: z.string(),
  name: str,
  domestic: bool,
  international: bool,
});
export type V1CarrierService = z.infer<typeof v1CarrierServiceSchema>;
export type V1CarrierPackage = V1CarrierService;

export const v1ProductSchema = z.looseObject({
  productId: z.number(),
  sku: str,
  name: str,
  price: num,
  defaultCost: num,
  weightOz: num,
  warehouseLocation: str,
  fulfillmentSku: str,
  active: bool,
  createDate: str,
  modifyDate: str,
});
export type V1Product = z.infer<typeof v1ProductSchema>;

export const v1TagSchema = z.looseObject({ tagId: z.number(), name: z.string(), color: str });
export type V1Tag = z.infer<typeof v1TagSchema>;

/** `GET /webhooks` is the one PascalCase body of V1 (sheet §9.1). */
export const v1WebhookSchema = z.looseObject({
  WebHookID: z.number(),
  HookType: z.string(),
  Url: z.string(),
  Name: str,
  StoreID: num,
  Active: bool,
  IsLabelAPIHook: bool,
});
export type V1Webhook = z.infer<typeof v1WebhookSchema>;
export const v1WebhookListSchema = z.looseObject({ webhooks: z.array(v1WebhookSchema) });
export const v1SubscribeResultSchema = z.looseObject({ id: z.number() });

export const v1CreateOrdersResultSchema = z.looseObject({
  hasErrors: z.boolean(),
  results: z.array(
    z.looseObject({
      orderId: num,
      orderNumber: str,
      orderKey: str,
      success: z.boolean(),
      errorMessage: str,
    }),
  ),
});

export const v1SuccessSchema = z.looseObject({ success: z.boolean(), message: str });
export const v1MarkShippedResultSchema = z.looseObject({ orderId: z.number(), orderNumber: str });
export const v1LabelResultSchema = z.looseObject({
  shipmentId: z.number(),
  shipmentCost: num,
  insuranceCost: num,
  trackingNumber: str,
  labelData: str,
  formData: str,
});
export type V1LabelResult = z.infer<typeof v1LabelResultSchema>;
export const v1VoidResultSchema = z.looseObject({ approved: z.boolean(), message: str });
