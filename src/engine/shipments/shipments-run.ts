import type { Mapping } from '../../domain/mappings.js';
import type { FlowContext } from '../ports.js';
import type { Serial } from '../serial.js';
import type { Tally } from '../tally.js';
import type { ObservedShipment, SageOrderWriter, ShipmentSource } from './ports.js';

/** Everything one shipments pass works with, plus its running tallies. */
export interface ShipmentsRun extends FlowContext, Tally {
  source: ShipmentSource;
  sage: SageOrderWriter;
  /** The ship-via mappings (read once per pass: ship-via back from carrier and service). */
  mappings: Mapping[];
  /** Set once Sage answered 405 to a PATCH in this pass: the rest are queued without asking again. */
  updatesRefused: string | null;
  /** Dry run: what polls and webhooks found, not recorded, planned as if it were. */
  dryObserved: ObservedShipment[];
  /**
   * The pass's turn-taking for store writes of events: the webhook lane runs beside the poll and the
   * backlog (webhook-lane.ts), and each records or processes one event at a time through here.
   */
  serial: Serial;
  /** Events this pass has already taken as far as it could (by the webhook lane or the backlog). */
  handled: Set<string>;
}
