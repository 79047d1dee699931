import type { V2FulfillmentFilters, V2InventoryFilters, V2LabelFilters, V2ShipmentFilters } from './v2-types.js';

/** Filters → V2 query parameters; instants go as ISO 8601 UTC (V2 is UTC throughout, sheet §2). */
type Query = Record<string, string | undefined>;

const iso = (d: Date | undefined) => d?.toISOString();
const day = (d: Date | undefined) => d?.toISOString().slice(0, 10);

export function shipmentQuery(f: V2ShipmentFilters): Query {
  const { createdFrom, createdTo, modifiedFrom, modifiedTo, ...plain } = f;
  return {
    ...plain,
    created_at_start: iso(createdFrom),
    created_at_end: iso(createdTo),
    modified_at_start: iso(modifiedFrom),
    modified_at_end: iso(modifiedTo),
  };
}

export function labelQuery(f: V2LabelFilters): Query {
  const { createdFrom, createdTo, ...plain } = f;
  return { ...plain, created_at_start: iso(createdFrom), created_at_end: iso(createdTo) };
}

export function fulfillmentQuery(f: V2FulfillmentFilters): Query {
  const { createdFrom, createdTo, shipDateFrom, shipDateTo, ...plain } = f;
  return {
    ...plain,
    create_date_start: iso(createdFrom),
    create_date_end: iso(createdTo),
    ship_date_start: day(shipDateFrom),
    ship_date_end: day(shipDateTo),
  };
}

export function inventoryQuery(f: V2InventoryFilters): Query {
  return { ...f };
}
