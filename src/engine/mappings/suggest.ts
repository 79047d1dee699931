import type {
  InventoryLocationTarget,
  MappingKind,
  MappingTarget,
  ServiceTarget,
  WarehouseTarget,
} from '../../domain/mappings.js';
import { similarity } from './similarity.js';

export interface Candidate<T extends MappingTarget> {
  target: T;
  /** The ShipStation name compared with the Sage name. */
  name: string;
}

export interface Suggestion {
  kind: MappingKind;
  sageValue: string;
  sageName: string;
  /** The best candidate, or `skip` for "not through ShipStation", or null when nothing fits. */
  target: MappingTarget | 'skip' | null;
  score: number;
  /** True when the best candidate is good and clearly ahead of the next: safe to accept unattended. */
  unambiguous: boolean;
  alternatives: { name: string; score: number }[];
}

const ACCEPT = 0.75;
const LEAD = 0.08;
/** Ship-via names that mean the goods do not leave through a parcel carrier. */
const NOT_THROUGH_SHIPSTATION =
  /will\s*-?\s*call|pick\s*-?\s*up|\bltl\b|freight|truck(ing)?|our own|courier|local delivery/i;

/**
 * Pre-fills the mapping table by name similarity (domain.md, reference): each Sage value against every
 * ShipStation candidate of its kind. Pure; the caller stores the suggestions and a person confirms them
 * (or MAPPINGS_AUTO=accept takes the unambiguous ones).
 */
export function suggest<T extends MappingTarget>(
  kind: MappingKind,
  sage: readonly { value: string; name: string }[],
  candidates: readonly Candidate<T>[],
): Suggestion[] {
  return sage.map((s) => {
    const scored = candidates
      .map((c) => ({ c, score: Math.max(similarity(s.name, c.name), similarity(s.value, c.name)) }))
      .sort((a, b) => b.score - a.score);
    const best = scored[0];
    const second = scored[1]?.score ?? 0;
    const alternatives = scored.slice(0, 3).map((x) => ({ name: x.c.name, score: round(x.score) }));
    if (kind === 'ship_via' && (!best || best.score < ACCEPT) && NOT_THROUGH_SHIPSTATION.test(s.name)) {
      return { kind, sageValue: s.value, sageName: s.name, target: 'skip', score: 1, unambiguous: true, alternatives };
    }
    if (!best || best.score < 0.4) {
      return {
        kind,
        sageValue: s.value,
        sageName: s.name,
        target: null,
        score: round(best?.score ?? 0),
        unambiguous: false,
        alternatives,
      };
    }
    return {
      kind,
      sageValue: s.value,
      sageName: s.name,
      target: best.c.target,
      score: round(best.score),
      unambiguous: best.score >= ACCEPT && best.score - second >= LEAD,
      alternatives,
    };
  });
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export type { InventoryLocationTarget, ServiceTarget, WarehouseTarget };
