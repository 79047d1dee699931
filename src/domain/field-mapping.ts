/**
 * The field mapping a person chooses per connection (docs/mapping.md, "Field mapping"): which Sage 300 value
 * fills each ShipStation field that has no fixed meaning — custom fields 1–3, notes, gift, tags and the
 * third-party billing instructions. Kept in the connection's JSON settings (`settings.fields`).
 */
export const FIELD_TARGETS = [
  'customField1',
  'customField2',
  'customField3',
  'internalNotes',
  'customerNotes',
  'gift',
  'giftMessage',
  'tags',
  'billToParty',
  'billToAccount',
  'billToPostalCode',
  'billToCountry',
] as const;

export type FieldTarget = (typeof FIELD_TARGETS)[number];

/**
 * Where a value comes from: an order header property (`OEOrders`), an order optional field
 * (`OrderOptionalFields`), a customer property (`ARCustomers`), a customer optional field
 * (`CustomerOptionalFieldValues`), or fixed text.
 */
export type FieldSourceKind = 'order' | 'order_optional' | 'customer' | 'customer_optional' | 'text';

export interface FieldSource {
  from: FieldSourceKind;
  /** The property or optional field name; for `text`, the text itself. */
  name: string;
}

/** Per target: a source, or null for "send nothing"; an absent target keeps its default. */
export type FieldMappingSettings = Partial<Record<FieldTarget, FieldSource | null>>;

/** Every target with its source (defaults filled in). */
export type ResolvedFieldMapping = Readonly<Record<FieldTarget, FieldSource | null>>;

/** Today's choices (domain.md, "Field decisions"): nothing changes for a connection that never sets one. */
export const DEFAULT_FIELD_MAPPING: ResolvedFieldMapping = {
  customField1: { from: 'order', name: 'PurchaseOrderNumber' },
  customField2: { from: 'order', name: 'OrderNumber' },
  customField3: { from: 'order', name: 'CustomerNumber' },
  internalNotes: { from: 'order', name: 'OrderComment' },
  customerNotes: null,
  gift: null,
  giftMessage: null,
  tags: null,
  billToParty: null,
  billToAccount: null,
  billToPostalCode: null,
  billToCountry: null,
};

/** Who pays the freight when it is not the shipper (ShipStation `billToParty` / V2 `bill_to_party`). */
export type BillToParty = 'third_party' | 'recipient';

/** Third-party or recipient billing instructions, as the order carries them. */
export interface OutboundBilling {
  party: BillToParty;
  account: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
}
