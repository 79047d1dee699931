import { describe, expect, it } from 'vitest';
import type { SageItem } from '../../domain/sage.js';
import { productChange, productFromItem } from './products-sync.js';

const item = (unitWeight: number, weightUnit: string, description = 'Fluorescent Desk Lamp'): SageItem => ({
  unformatted: 'A11050',
  formatted: 'A1-105/0',
  description,
  unitWeight,
  weightUnit,
  stockingUnit: 'Ea.',
  active: true,
});
const product = { id: '1', sku: 'A1-105/0', name: 'Fluorescent Desk Lamp', weightOz: 40, active: true };

describe('a ShipStation product from its Sage item', () => {
  it.each([
    [2.5, 'lbs.', 40],
    [1, 'kg', 35.27],
    [12, 'oz', 12],
    [0, 'lbs.', null],
    [3, 'stone', null],
  ])('%s %s → %s oz', (weight, unit, oz) => {
    expect(productFromItem(item(weight, unit)).weightOz).toBe(oz);
  });

  it('changes nothing when name and weight already agree (within a hundredth of an ounce)', () => {
    expect(productChange(product, { name: 'Fluorescent Desk Lamp', weightOz: 40.004 })).toBeNull();
  });

  it('changes the name, the weight, or both; a missing Sage weight or name keeps ShipStation’s', () => {
    expect(productChange(product, { name: 'Desk Lamp', weightOz: 40 })).toEqual({ name: 'Desk Lamp', weightOz: 40 });
    expect(productChange(product, { name: 'Fluorescent Desk Lamp', weightOz: 41 })).toEqual({
      name: 'Fluorescent Desk Lamp',
      weightOz: 41,
    });
    expect(productChange(product, { name: 'Fluorescent Desk Lamp', weightOz: null })).toBeNull();
    expect(productChange(product, { name: '', weightOz: 40 })).toBeNull();
    expect(productChange({ ...product, weightOz: null }, { name: product.name, weightOz: 3 })).toEqual({
      name: product.name,
      weightOz: 3,
    });
  });
});
