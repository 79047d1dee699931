/**
 * What the connector reads and writes in Sage 300, resource by resource. `ping` checks `$metadata` against
 * this list (sheet §6: "the available properties vary by version/installed modules ... feature-detect via
 * $metadata"); the flows `$select` from it.
 */
export interface RequiredResource {
  module: 'OE' | 'AR' | 'IC';
  resource: string;
  properties: readonly string[];
  /** Complex type of a detail collection and the properties needed in it. */
  details?: { type: string; properties: readonly string[] };
  /** Optional resources only turn a feature off when missing (warn instead of fail). */
  optional?: { feature: string };
}

export const SAGE300_REQUIRED: readonly RequiredResource[] = [
  {
    module: 'OE',
    resource: 'OEOrders',
    properties: [
      'OrderUniquifier',
      'OrderNumber',
      'CustomerNumber',
      'OrderType',
      'OrderDate',
      'PurchaseOrderNumber',
      'OrderComment',
      'ShipViaCode',
      'ShipToName',
      'ShipToAddressLine1',
      'ShipToCity',
      'ShipToStateProvince',
      'ShipToZipPostalCode',
      'OnHold',
      'OrderCompleted',
      'LastShipmentNumber',
      'ShipmentTrackingNumber',
      'ShipmentDate',
      'OrderDetails',
    ],
    details: {
      type: 'OrderDetail',
      properties: ['LineNumber', 'Item', 'Location', 'QuantityOrdered', 'QuantityShipped', 'QuantityShippedtodate'],
    },
  },
  { module: 'OE', resource: 'OEShipViaCodes', properties: ['Code', 'Name'] },
  { module: 'AR', resource: 'ARCustomers', properties: ['CustomerNumber', 'CustomerName', 'Email', 'PhoneNumber'] },
  {
    module: 'IC',
    resource: 'ICItems',
    properties: ['UnformattedItemNumber', 'ItemNumber', 'Description', 'UnitWeight', 'WeightUnitOfMeasure'],
  },
  { module: 'IC', resource: 'ICLocations', properties: ['LocationKey', 'Name'] },
  {
    module: 'IC',
    resource: 'ICLocationDetails',
    properties: ['ItemNumber', 'Location', 'QuantityOnHand'],
    optional: { feature: 'the inventory flow (Sage stock → ShipStation)' },
  },
];

/** A cheap read per module to test the Web API right: one row, key only. */
export const RIGHTS_PROBES: Readonly<Record<'OE' | 'AR' | 'IC', { resource: string; key: string }>> = {
  OE: { resource: 'OEShipViaCodes', key: 'Code' },
  AR: { resource: 'ARCustomers', key: 'CustomerNumber' },
  IC: { resource: 'ICLocations', key: 'LocationKey' },
};
