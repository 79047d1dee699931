import { ConnectorError } from '../../domain/errors.js';
import type { ShippingReference } from '../../engine/ports.js';
import type { V1Client } from './v1-client.js';
import type { V2Client } from './v2-client.js';

/**
 * Reference data from whichever API the account has: V1 first for warehouses, services and stores (its
 * numeric ids map to V2's as `se-` + number), V2 for inventory warehouses and locations (V1 has none).
 */
export class ShipStationReference implements ShippingReference {
  constructor(
    private readonly v1: V1Client | null,
    private readonly v2: V2Client | null,
  ) {}

  async warehouses(): Promise<{ id: string; name: string; isDefault: boolean; country: string | null }[]> {
    if (this.v1) {
      return (await this.v1.listWarehouses()).map((w) => ({
        id: String(w.warehouseId),
        name: w.warehouseName ?? String(w.warehouseId),
        isDefault: !!w.isDefault,
        country: w.originAddress?.country ?? null,
      }));
    }
    return (await this.v2!.listWarehouses()).map((w) => ({
      id: w.warehouse_id,
      name: w.name,
      isDefault: !!w.is_default,
      country: w.origin_address?.country_code ?? null,
    }));
  }

  async services(): Promise<{ carrierCode: string; serviceCode: string; name: string; carrierName: string }[]> {
    if (this.v1) {
      const out: { carrierCode: string; serviceCode: string; name: string; carrierName: string }[] = [];
      const carriers = await this.v1.listCarriers();
      for (const code of [...new Set(carriers.map((c) => c.code).filter((c): c is string => !!c))]) {
        const carrierName = carriers.find((c) => c.code === code)?.name ?? code;
        for (const s of await this.v1.listServices(code))
          out.push({ carrierCode: s.carrierCode, serviceCode: s.code, name: s.name ?? s.code, carrierName });
      }
      return out;
    }
    const carriers = await this.v2!.listCarriers();
    return carriers.flatMap((c) =>
      (c.services ?? []).map((s) => ({
        carrierCode: s.carrier_code ?? c.carrier_code,
        serviceCode: s.service_code,
        name: s.name ?? s.service_code,
        carrierName: c.friendly_name ?? c.nickname ?? c.carrier_code,
      })),
    );
  }

  async stores(): Promise<{ id: string; name: string }[]> {
    if (!this.v1) return [];
    return (await this.v1.listStores()).map((s) => ({ id: String(s.storeId), name: s.storeName ?? String(s.storeId) }));
  }

  async inventoryLocations() {
    if (!this.v2) return null;
    try {
      const warehouses = new Map<string, string>();
      for await (const w of this.v2.listInventoryWarehouses()) warehouses.set(w.inventory_warehouse_id, w.name);
      const out: { inventoryWarehouseId: string; inventoryLocationId: string; warehouseName: string; name: string }[] =
        [];
      for await (const l of this.v2.listInventoryLocations()) {
        const wid = l.inventory_warehouse_id ?? '';
        out.push({
          inventoryWarehouseId: wid,
          inventoryLocationId: l.inventory_location_id,
          warehouseName: warehouses.get(wid) ?? '',
          name: l.name,
        });
      }
      return out;
    } catch (error) {
      // Without the Inventory add-on the endpoints refuse: inventory is simply not available.
      if (error instanceof ConnectorError && !error.retryable) return null;
      throw error;
    }
  }
}
