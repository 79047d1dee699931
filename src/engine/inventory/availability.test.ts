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
    const a = decideAvailability({ connectionName: 'acme', hasV2Key: false, addOn: undefined, mappings: [] });
    expect(a).toMatchObject({ on: false, code: 'no_v2_key' });
    expect(!a.on && a.reason).toContain(NEEDS);
    expect(!a.on && a.reason).toContain('ml-connector connect shipstation --name acme --v2-api-key');
  });

  it('is off without the add-on, and without a mapped location', () => {
    expect(decideAvailability({ connectionName: 'a', hasV2Key: true, addOn: false, mappings: [] })).toMatchObject({
      on: false,
      code: 'no_inventory_addon',
    });
    const suggested = [mapping('1', 'suggested', seattle), mapping('2', 'skip', null)];
    expect(decideAvailability({ connectionName: 'a', hasV2Key: true, addOn: true, mappings: suggested })).toMatchObject(
      {
        on: false,
        code: 'no_mapped_location',
      },
    );
  });

  it('is on for the mapped locations only', () => {
    const a = decideAvailability({
      connectionName: 'a',
      hasV2Key: true,
      addOn: true,
      mappings: [mapping('1', 'mapped', seattle), mapping('2', 'suggested', seattle), mapping('3', 'skip', null)],
    });
    expect(a).toEqual({
      on: true,
      targets: [
        { sageLocation: '1', inventoryWarehouseId: 'se-1', inventoryLocationId: 'se-11', name: 'Seattle / Main' },
      ],
    });
  });
});
