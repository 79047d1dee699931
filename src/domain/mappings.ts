/**
 * Mapping table entries: a Sage value (location code, ship-via code) and what it means in ShipStation.
 * `skip` = "not through ShipStation" (will-call, LTL freight): orders with it are skipped visibly, not failed.
 */
export type MappingKind = 'location' | 'ship_via' | 'inventory_location';

export interface WarehouseTarget {
  warehouseId: string;
  name: string;
}

export interface ServiceTarget {
  carrierCode: string;
  serviceCode: string;
  name: string;
}

export interface InventoryLocationTarget {
  inventoryWarehouseId: string;
  inventoryLocationId: string;
  name: string;
}

/** Only in suggestions: "not through ShipStation" proposed for a person to confirm. */
export interface SkipTarget {
  skip: true;
  name: string;
}

export type MappingTarget = WarehouseTarget | ServiceTarget | InventoryLocationTarget | SkipTarget;

export type MappingStatus = 'mapped' | 'skip' | 'suggested' | 'unmapped';

export interface Mapping {
  connectionId: number;
  kind: MappingKind;
  sageValue: string;
  /** Present when mapped or suggested. */
  target: MappingTarget | null;
  status: MappingStatus;
  /** Who decided: a person, `MAPPINGS_AUTO=accept`, or the suggestion engine. */
  source: 'user' | 'auto' | 'suggestion';
  updatedAt: string;
}

export const MAPPING_KINDS: readonly MappingKind[] = ['location', 'ship_via', 'inventory_location'];
