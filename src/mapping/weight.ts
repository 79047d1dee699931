import type { OutboundWeight } from '../domain/outbound-order.js';

/**
 * Sage's WeightUnitOfMeasure is free text (`lbs.` in Sage's own sample); ShipStation knows pounds,
 * ounces and grams. Returns null for a zero weight, 'unknown' when the unit cannot be read.
 */
export function toWeight(value: number, unitText: string): OutboundWeight | null | 'unknown' {
  if (!Number.isFinite(value) || value <= 0) return null;
  const unit = unitText.trim().toLowerCase().replace(/\.$/, '');
  if (['lb', 'lbs', 'pound', 'pounds', '#'].includes(unit)) return { value: round(value, 4), units: 'pounds' };
  if (['oz', 'ozs', 'ounce', 'ounces'].includes(unit)) return { value: round(value, 4), units: 'ounces' };
  if (['g', 'gr', 'gm', 'gms', 'gram', 'grams'].includes(unit)) return { value: round(value, 4), units: 'grams' };
  if (['kg', 'kgs', 'kilo', 'kilos', 'kilogram', 'kilograms'].includes(unit))
    return { value: round(value * 1000, 4), units: 'grams' };
  return 'unknown';
}

/** Sum of weights, in the first weight's units (converted through grams when they differ). */
export function sumWeights(parts: { weight: OutboundWeight; quantity: number }[]): OutboundWeight | null {
  if (parts.length === 0) return null;
  const target = parts[0]!.weight.units;
  const grams = parts.reduce((acc, p) => acc + toGrams(p.weight) * p.quantity, 0);
  if (grams <= 0) return null;
  return { value: round(fromGrams(grams, target), 4), units: target };
}

const GRAMS = { pounds: 453.59237, ounces: 28.349523125, grams: 1 } as const;

function toGrams(w: OutboundWeight): number {
  return w.value * GRAMS[w.units];
}

function fromGrams(g: number, units: OutboundWeight['units']): number {
  return g / GRAMS[units];
}

function round(n: number, places: number): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}
