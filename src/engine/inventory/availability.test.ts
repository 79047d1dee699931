import { describe, expect, it } from 'vitest';
import type { Mapping } from '../../domain/mappings.js';
import { decideAvailability, NEEDS } from './availability.js';

const mapping = (sageValue: string, status: Mapping['status'], target: Mapping['target']): Mapping => ({
  connectionId: 1,
  kind: 'inventory_location',
  sageValue,
  target,
  status,
  source: 'user',
  updatedAt: '',
});
const seattle = { inventoryWarehouseId: 'se-1', inventoryLocationId: 'se-11', name: 'Seattle / Main' };

describe('whether the inventory flow runs', () => {
  it('is off without a V2 key, saying it needs a V2 key and the Inventory add-on and how to add one', () => {
    const a = decideAvailability({ connectionName: 'acme', hasV2Key: false, locations: undefined, mappings: [] });
    expect(a).toMatchObject({ on: false, code: 'no_v2_key' });
    expect(!a.on && a.reason).toContain(NEEDS);
    expect(!a.on && a.reason).toContain('ml-connector connect shipstation --name acme --v2-api-key');
  });

  it('is off without the add-on, and without a mapped location', () => {
    expect(decideAvailability({ connectionName: 'a', hasV2Key: true, locations: null, mappings: [] })).toMatchObject({
      on: false,
      code: 'no_inventory_addon',
    });
    const suggested = [mapping('1', 'suggested', seattle), mapping('2', 'skip', null)];
    expect(
      decideAvailability({ connectionName: 'a', hasV2Key: true, locations: new Set(['se-11']), mappings: suggested }),
    ).toMatchObject({
      on: false,
      code: 'no_mapped_location',
    });
  });

  it('is on for the mapped locations only', () => {
    const a = decideAvailability({
      connectionName: 'a',
      hasV2Key: true,
      locations: new Set(['se-11']),
      mappings: [mapping('1', 'mapped', seattle), mapping('2', 'suggested', seattle), mapping('3', 'skip', null)],
    });
    expect(a).toEqual({
      on: true,
      targets: [
        { sageLocation: '1', inventoryWarehouseId: 'se-1', inventoryLocationId: 'se-11', name: 'Seattle / Main' },
      ],
      stale: [],
    });
  });

  it('skips mapped locations ShipStation no longer has, and cannot run when none is left', () => {
    const gone = { inventoryWarehouseId: 'se-3', inventoryLocationId: 'se-33', name: 'Atlanta / Main' };
    const some = decideAvailability({
      connectionName: 'a',
      hasV2Key: true,
      locations: new Set(['se-11']),
      mappings: [mapping('1', 'mapped', seattle), mapping('3', 'mapped', gone)],
    });
    expect(some).toMatchObject({ on: true, targets: [{ sageLocation: '1' }], stale: [{ sageLocation: '3' }] });
    const none = decideAvailability({
      connectionName: 'a',
      hasV2Key: true,
      locations: new Set(['se-11']),
      mappings: [mapping('3', 'mapped', gone)],
    });
    expect(none).toMatchObject({ on: false, code: 'stale_mapping' });
    expect(!none.on && none.reason).toContain(
      'Sage location 3 is mapped to Atlanta / Main (se-33), which ShipStation no longer has',
    );
  });
});
