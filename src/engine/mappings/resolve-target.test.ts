import { describe, expect, it } from 'vitest';
import type { ReferenceItem } from '../../domain/reference-item.js';
import { resolveTarget } from './resolve-target.js';

const snapshot: ReferenceItem[] = [
  { system: 'shipstation', kind: 'warehouse', value: '101', label: 'Seattle Warehouse', data: {} },
  { system: 'shipstation', kind: 'warehouse', value: '102', label: 'Chicago Warehouse', data: {} },
  { system: 'shipstation', kind: 'service', value: 'ups:ups_ground', label: 'UPS® Ground', data: {} },
  { system: 'shipstation', kind: 'service', value: 'fedex:fedex_ground', label: 'FedEx Ground®', data: {} },
  {
    system: 'shipstation',
    kind: 'inventory_location',
    value: 'se-11',
    label: 'Seattle Warehouse / Main Floor',
    data: {
      inventoryWarehouseId: 'se-1',
      inventoryLocationId: 'se-11',
      warehouseName: 'Seattle Warehouse',
      name: 'Main Floor',
    },
  },
  {
    system: 'shipstation',
    kind: 'inventory_location',
    value: 'se-21',
    label: 'Chicago Warehouse / Dock',
    data: {
      inventoryWarehouseId: 'se-2',
      inventoryLocationId: 'se-21',
      warehouseName: 'Chicago Warehouse',
      name: 'Dock',
    },
  },
  {
    system: 'shipstation',
    kind: 'inventory_location',
    value: 'se-22',
    label: 'Chicago Warehouse / Mezzanine',
    data: {
      inventoryWarehouseId: 'se-2',
      inventoryLocationId: 'se-22',
      warehouseName: 'Chicago Warehouse',
      name: 'Mezzanine',
    },
  },
];

describe('resolving what a person named in "mappings set"', () => {
  it.each([
    ['location', { warehouse: '102' }, { warehouseId: '102', name: 'Chicago Warehouse' }],
    ['location', { warehouse: 'seattle warehouse' }, { warehouseId: '101', name: 'Seattle Warehouse' }],
    ['ship_via', { service: 'ups:ups_ground' }, { carrierCode: 'ups', serviceCode: 'ups_ground', name: 'UPS® Ground' }],
    [
      'ship_via',
      { service: 'FedEx Ground' },
      { carrierCode: 'fedex', serviceCode: 'fedex_ground', name: 'FedEx Ground®' },
    ],
    [
      'inventory_location',
      { inventoryLocation: 'Seattle Warehouse' },
      { inventoryWarehouseId: 'se-1', inventoryLocationId: 'se-11', name: 'Seattle Warehouse / Main Floor' },
    ],
    [
      'inventory_location',
      { inventoryLocation: 'Dock' },
      { inventoryWarehouseId: 'se-2', inventoryLocationId: 'se-21', name: 'Chicago Warehouse / Dock' },
    ],
  ] as const)('%s %j', (kind, query, target) => {
    expect(resolveTarget(kind, query, snapshot)).toEqual({ ok: true, target });
  });

  it('says what exists when nothing matches, and asks for the id when several do', () => {
    const none = resolveTarget('location', { warehouse: 'Denver' }, snapshot);
    expect(none).toMatchObject({ ok: false, reason: 'not_found' });
    expect(!none.ok && none.message).toContain('101 (Seattle Warehouse), 102 (Chicago Warehouse)');
    const two = resolveTarget('inventory_location', { inventoryLocation: 'Chicago Warehouse' }, snapshot);
    expect(two).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(!two.ok && two.message).toContain('se-21 (Chicago Warehouse / Dock), se-22 (Chicago Warehouse / Mezzanine)');
  });

  it('refuses an option of the wrong kind', () => {
    expect(resolveTarget('ship_via', { warehouse: '101' }, snapshot)).toMatchObject({
      ok: false,
      reason: 'wrong_option',
    });
  });
});
