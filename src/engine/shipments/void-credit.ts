import type { IntentRequest } from './sage-snapshot.js';
import type { ShipmentsRun } from './shipments-run.js';

/**
 * Quantity already written to a Sage order by labels since voided, per line (order units): a re-label of
 * the same goods takes it instead of shipping again. Worked out from durable facts only — written intents and
 * the void flags of their events — so a crash can never spend it twice:
 *   credit = Σ over voided written labels (shipped + credited) − Σ over all written labels credited.
 */
export async function voidCredit(run: ShipmentsRun, uniquifier: string): Promise<Map<number, number>> {
  const id = run.connection.id;
  const written = (await run.store.intents.forSageOrder(id, uniquifier)).filter(
    (i) => i.state === 'applied' || i.state === 'exported',
  );
  const credit = new Map<number, number>();
  const add = (line: number, q: number) => credit.set(line, (credit.get(line) ?? 0) + q);
  const voided = new Map<string, boolean>();
  for (const intent of written) {
    if (!voided.has(intent.sourceId)) {
      voided.set(intent.sourceId, (await run.store.shipmentEvents.get(id, intent.sourceId))?.voided ?? false);
    }
    for (const l of (intent.request as IntentRequest).lines ?? []) {
      if (voided.get(intent.sourceId)) add(l.lineNumber, l.quantity + l.credited);
      add(l.lineNumber, -l.credited);
    }
  }
  for (const [line, q] of credit) if (q <= 1e-9) credit.delete(line);
  return credit;
}
