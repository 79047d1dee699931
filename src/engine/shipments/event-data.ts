import type { ShipmentEvent } from '../../domain/shipment-event.js';
import type { ShippedItem } from '../../domain/shipped-item.js';
import type { ObservedShipment } from './ports.js';

/** One Sage order a shipment writes to (several when ShipStation merged orders). */
export interface WriteTarget {
  /** The link's key (`{COMPANY}-{OrderNumber}-{seq}`). */
  orderKey: string;
  uniquifier: string;
  orderNumber: string;
  /** Stocking units per Sage line number. */
  lines: [number, number][];
  /** Items that matched no line of the link: a conflict for a person. */
  unmatched: ShippedItem[];
  /** The ShipStation order of this link is shipped by this event (not so for a split-off part). */
  shipsOrder: boolean;
}

/** What a target came to; kept on the event so a later pass does not redo it. */
export interface TargetResult {
  state: 'written' | 'exported' | 'conflict';
  sageShipment: string | null;
  at: string;
  /** Exported: Sage now shows the shipment (the file was imported). Until then the event stays pending. */
  imported?: boolean;
  file?: string;
}

/** The event's `data` column. */
export interface EventData {
  observed: ObservedShipment;
  targets?: WriteTarget[];
  results?: Record<string, TargetResult>;
  /** Definite refusals (400, 404, 429) so far: retried a few times, then a person looks. */
  attempts?: number;
}

export function eventData(e: ShipmentEvent): EventData {
  return e.data as unknown as EventData;
}

export function asRecord(d: EventData): Record<string, unknown> {
  return d as unknown as Record<string, unknown>;
}
