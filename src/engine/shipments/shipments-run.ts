import type { Mapping } from '../../domain/mappings.js';
import type { FlowContext, FlowOutcome, PlannedWrite } from '../ports.js';
import type { ObservedShipment, SageOrderWriter, ShipmentSource } from './ports.js';

/** Everything one shipments pass works with, plus its running tallies. */
export interface ShipmentsRun extends FlowContext {
  source: ShipmentSource;
  sage: SageOrderWriter;
  /** The ship-via mappings (read once per pass: ship-via back from carrier and service). */
  mappings: Mapping[];
  counts: Record<string, number>;
  planned: PlannedWrite[];
  /** Set once Sage answered 405 to a PATCH in this pass: the rest are queued without asking again. */
  updatesRefused: string | null;
  /** Dry run: what polls and webhooks found, not recorded, planned as if it were. */
  dryObserved: ObservedShipment[];
}

export function count(run: ShipmentsRun, key: string, n = 1): void {
  run.counts[key] = (run.counts[key] ?? 0) + n;
}

export function outcome(run: ShipmentsRun): FlowOutcome {
  return { counts: run.counts, planned: run.planned };
}
