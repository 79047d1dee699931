import { DEMO_CARRIERS, DEMO_LOCATIONS, DEMO_STORE } from '../demo-world.js';
import type { AccountState } from './account-state.js';
import type { Address } from './records.js';

export type SeedName = 'demo' | 'empty';

/** The account's users (`GET /users`); order assignment takes one of these GUIDs. */
export const SIM_USERS = [
  { userId: '6f1c9a52-3b1e-4c2d-9f7a-2d5e8b1c4a01', userName: 'warehouse.lead', name: 'Warehouse Lead' },
  { userId: '0b7d3e84-5a2f-4e6b-8c9d-7e1f2a3b4c02', userName: 'shipping.clerk', name: 'Shipping Clerk' },
] as const;

const DEMO_TAGS = [
  { name: 'Backorder', color: '#800080' },
  { name: 'Rush', color: '#FF0000' },
  { name: 'Fragile', color: '#FFA500' },
  { name: 'Wholesale', color: '#008000' },
];

function address(
  name: string,
  a: { street1: string; city: string; state: string; postalCode: string; country: string; phone: string },
): Address {
  return {
    name,
    company: 'Sample Inc.',
    street1: a.street1,
    street2: null,
    street3: null,
    city: a.city,
    state: a.state,
    postalCode: a.postalCode,
    country: a.country,
    phone: a.phone,
    residential: false,
    addressVerified: 'Address validated successfully',
  };
}

function addManualStore(state: AccountState, now: number): void {
  state.stores.set(DEMO_STORE.storeId, {
    storeId: DEMO_STORE.storeId,
    storeName: DEMO_STORE.storeName,
    marketplaceId: DEMO_STORE.marketplaceId,
    marketplaceName: DEMO_STORE.marketplaceName,
    active: true,
    createDate: now,
    modifyDate: now,
  });
}

/**
 * `demo`: the distributor shared with the Sage 300 simulator (src/simulators/demo-world.ts): three warehouses named
 * like the Sage locations, an inventory warehouse with one location for each, UPS/FedEx/USPS with services named
 * like the Sage ship-via descriptions, the manual store, a few tags. `empty`: what a new account has — one
 * default Ship From Location and the manual store.
 */
export function seedAccount(state: AccountState, seed: SeedName, now: number): void {
  addManualStore(state, now);
  if (seed === 'empty') {
    const warehouseId = state.nextId('warehouse');
    const origin = address('Default Warehouse', {
      street1: '100 Main St',
      city: 'Austin',
      state: 'TX',
      postalCode: '78701',
      country: 'US',
      phone: '512-555-0100',
    });
    state.warehouses.set(warehouseId, {
      warehouseId,
      warehouseName: 'Default Warehouse',
      originAddress: origin,
      returnAddress: origin,
      createDate: now,
      isDefault: true,
      active: true,
    });
    return;
  }
  DEMO_LOCATIONS.forEach((location, index) => {
    const warehouseId = state.nextId('warehouse');
    const origin = address(location.name, location.address);
    state.warehouses.set(warehouseId, {
      warehouseId,
      warehouseName: location.name,
      originAddress: origin,
      returnAddress: origin,
      createDate: now,
      isDefault: index === 0,
      active: true,
    });
    const inventoryWarehouseId = state.nextId('inventoryWarehouse');
    state.inventoryWarehouses.set(inventoryWarehouseId, {
      id: inventoryWarehouseId,
      name: location.name,
      warehouseId,
      createdAt: now,
      updatedAt: now,
    });
    const locationId = state.nextId('inventoryLocation');
    state.inventoryLocations.set(locationId, {
      id: locationId,
      name: location.inventoryLocationName,
      inventoryWarehouseId,
      createdAt: now,
      updatedAt: now,
    });
  });
  DEMO_CARRIERS.forEach((carrier, index) => {
    state.carriers.set(carrier.code, {
      shippingProviderId: state.nextId('carrier'),
      code: carrier.code,
      name: carrier.name,
      accountNumber: carrier.accountNumber,
      balance: 0,
      primary: index === 0,
      services: carrier.services.map((s) => ({
        code: s.serviceCode,
        name: s.serviceName,
        domestic: s.domestic,
        international: s.international,
      })),
      packages: carrier.packages.map((p) => ({ code: p.code, name: p.name, domestic: true, international: true })),
    });
  });
  for (const tag of DEMO_TAGS) {
    const tagId = state.nextId('tag');
    state.tags.set(tagId, { tagId, ...tag });
  }
}
