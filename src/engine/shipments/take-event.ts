import type { ShipmentEvent } from '../../domain/shipment-event.js';
import { processEvent } from './process-event.js';
import type { ShipmentsRun } from './shipments-run.js';

/**
 * Takes one shipment event as far as it goes (`processEvent`), at most once per pass and only while it is
 * still in one of `states`: the event is read again in its turn, because the webhook lane or the backlog may
 * have written it while this caller waited (a stale copy would overwrite what they recorded).
 */
export function takeEvent(
  run: ShipmentsRun,
  sourceId: string,
  states: readonly ShipmentEvent['state'][],
): Promise<boolean> {
  return run.serial.run(async () => {
    if (run.handled.has(sourceId) || run.signal.aborted) return false;
    const event = await run.store.shipmentEvents.get(run.connection.id, sourceId);
    if (!event || !states.includes(event.state)) return false;
    run.handled.add(sourceId);
    await processEvent(run, event);
    return true;
  });
}
