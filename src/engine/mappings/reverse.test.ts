import { describe, expect, it } from 'vitest';
import type { Mapping } from '../../domain/mappings.js';
import type { ReferenceItem } from '../../domain/reference-item.js';
import { unmappedShipStation } from './reverse.js';

const item = (system: ReferenceItem['system'], kind: string, value: string, label: string): ReferenceItem => ({
  system,
  kind,
  value,
  label,
  data: {},
});

describe('ShipStation values nothing maps to', () => {
  it('lists new warehouses, services and inventory locations with the closest Sage value', () => {
    const snapshot = [
      item('sage300', 'location', '1', 'Seattle Warehouse'),
      item('sage300', 'location', '4', 'Denver Warehouse'),
      item('sage300', 'ship_via', 'UPSGND', 'UPS Ground'),
      item('shipstation', 'warehouse', '101', 'Seattle Warehouse'),
      item('shipstation', 'warehouse', '104', 'Denver Warehouse'),
      item('shipstation', 'service', 'ups:ups_ground', 'UPS® Ground'),
      item('shipstation', 'service', 'ups:ups_ground_saver', 'UPS® Ground Saver'),
      item('shipstation', 'inventory_location', 'se-11', 'Seattle Warehouse / Main'),
      item('shipstation', 'store', '310001', 'Manual'),
    ];
    const mappings: Mapping[] = [
      {
        connectionId: 1,
        kind: 'location',
        sageValue: '1',
        status: 'mapped',
        source: 'user',
        updatedAt: '',
        target: { warehouseId: '101', name: 'Seattle Warehouse' },
      },
      {
        connectionId: 1,
        kind: 'ship_via',
        sageValue: 'UPSGND',
        status: 'suggested',
        source: 'suggestion',
        updatedAt: '',
        target: { carrierCode: 'ups', serviceCode: 'ups_ground', name: 'UPS® Ground' },
      },
    ];
    const r = unmappedShipStation(snapshot, mappings);
    expect(r.map((x) => [x.kind, x.value, x.suggestion?.sageValue ?? null])).toEqual([
      ['warehouse', '104', '4'],
      ['service', 'ups:ups_ground_saver', 'UPSGND'],
      ['inventory_location', 'se-11', '1'],
    ]);
  });
});
