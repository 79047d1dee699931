import type { SageItem, SageShipVia, SageStockLevel } from '../../domain/sage.js';
import type { FlowOutcome, FlowProgress } from '../ports.js';

/**
 * The inventory, products and ship-via flows' ports (design rule 1): only what they call, in domain
 * words. Adapters: integrations/sage300/sage300-stock-source.ts, sage300-ship-via-writer.ts,
 * integrations/shipstation/v2-inventory-sink.ts, products-catalog.ts.
 */

/** Sage 300 stock (ICLocationDetails) and item master (ICItems). */
export interface StockSource {
  /** Stock of every item at one Sage location, a page at a time. */
  stockLevels(location: string, signal?: AbortSignal): AsyncIterable<SageStockLevel[]>;
  /** Every item, a page at a time. */
  items(signal?: AbortSignal): AsyncIterable<SageItem[]>;
}

/** Sage 300 ship-via codes (OEShipViaCodes), read and created. */
export interface ShipViaWriter {
  shipVias(): Promise<SageShipVia[]>;
  /** POST one code; `exists` when Sage answers that the code is taken (409 RecordDuplicate). */
  createShipVia(code: string, name: string): Promise<'created' | 'exists'>;
}

/** One SKU's on-hand quantity at one ShipStation inventory location. */
export interface ShippingLevel {
  sku: string;
  onHand: number;
}

/** ShipStation V2 inventory: levels per location and the one write it offers per SKU and location. */
export interface InventorySink {
  /** The account's inventory location ids; null when it refuses the inventory endpoints (no add-on). */
  locations(signal?: AbortSignal): Promise<Set<string> | null>;
  /** `skus`: the ones the caller needs; a sink whose list reads were cut short reads these one by one. */
  levels(inventoryLocationId: string, signal?: AbortSignal, skus?: readonly string[]): AsyncIterable<ShippingLevel[]>;
  /** Sets on-hand (an `adjust`: idempotent, so a lost answer may be sent again). */
  setOnHand(level: { sku: string; inventoryLocationId: string; quantity: number }, signal?: AbortSignal): Promise<void>;
}

/** A ShipStation product (V1: no create or delete, a full-replace PUT). */
export interface CatalogProduct {
  id: string;
  sku: string;
  name: string;
  weightOz: number | null;
  active: boolean;
}

export interface ProductCatalog {
  products(signal?: AbortSignal): AsyncIterable<CatalogProduct[]>;
  /** Reads the whole product again and sends it back with these fields changed (nothing else is wiped). */
  update(
    product: CatalogProduct,
    change: { name: string; weightOz: number | null },
    signal?: AbortSignal,
  ): Promise<void>;
}

/** A Sage location whose stock goes to a ShipStation inventory location (a mapped `inventory_location`). */
export interface InventoryTarget {
  sageLocation: string;
  inventoryWarehouseId: string;
  inventoryLocationId: string;
  /** `Warehouse / Location`, for people. */
  name: string;
}

/** Progress of a push, with an estimate of the time left (the first push of 10,000 SKUs takes ~50 min). */
export interface InventoryProgress extends FlowProgress {
  etaMs?: number;
  /** True while pushing to a location for the first time. */
  first?: boolean;
}

/** One SKU at one inventory location where ShipStation differs from Sage. */
export interface DriftEntry {
  sku: string;
  inventoryLocationId: string;
  locationName: string;
  sageLocations: string[];
  /** What ShipStation should show (Sage's quantity as pushed: on hand or available, whole, not negative). */
  sage: number;
  /** What ShipStation shows (null: no level there). */
  shipstation: number | null;
}

export interface DriftReport {
  /** SKU × location pairs compared. */
  checked: number;
  drift: DriftEntry[];
  /** SKUs ShipStation holds at a mapped location that Sage does not list there (reported, never changed). */
  onlyInShipStation: { sku: string; inventoryLocationId: string; locationName: string; onHand: number }[];
  fixed: number;
  failed: number;
}

/** What an inventory run returns: the usual outcome, plus why it did nothing, or the drift report. */
export interface InventoryOutcome extends FlowOutcome {
  /** Set when the flow is off for this connection: the reason, for people. */
  off?: string;
  report?: DriftReport;
}
