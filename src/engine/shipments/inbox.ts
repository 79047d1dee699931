import { ConnectorError, isConnectionFault } from '../../domain/errors.js';
import { count } from '../tally.js';
import { recordObserved } from './ingest.js';
import type { ShipmentsRun } from './shipments-run.js';

export interface InboxResult {
  /** The shipment events the deliveries pointed at (new or seen before), in the order they came. */
  observed: string[];
  /** A retryable failure stopped it (the API is in trouble): the rest waits for the next pass. */
  troubled: boolean;
}

/**
 * Webhook deliveries recorded by the HTTP handler (design rule 11), processed here: the pointer is fetched
 * (allow-listed: a refused URL is recorded and never requested), what it lists is recorded as shipment
 * events. A retryable failure leaves the delivery pending (with its error) for the next pass.
 */
export async function processInbox(run: ShipmentsRun): Promise<InboxResult> {
  const id = run.connection.id;
  const observed: string[] = [];
  const result = (troubled: boolean): InboxResult => ({ observed, troubled });
  for (;;) {
    const batch = await run.store.inbox.pending(id, 50);
    if (batch.length === 0 || run.signal.aborted) return result(false);
    for (const item of batch) {
      if (run.signal.aborted) return result(false);
      if (!item.resourceUrl) {
        await run.store.inbox.finish(item.id, 'refused', 'no resource_url');
        continue;
      }
      try {
        const found = await run.source.fetchResource(item.api, item.resourceUrl, item.resourceType);
        count(run, 'webhooks', 1);
        await recordObserved(run, found);
        for (const o of found) observed.push(o.sourceId);
        if (!run.dryRun) await run.store.inbox.finish(item.id, 'done');
      } catch (error) {
        const e = error instanceof ConnectorError ? error : new ConnectorError('unexpected', String(error));
        // The connection's fault (a redirect): the delivery stays pending and the pass fails saying so.
        if (isConnectionFault(e)) throw e;
        if (e.code === 'resource_url_refused') {
          count(run, 'refused_urls');
          if (!run.dryRun) await run.store.inbox.finish(item.id, 'refused', e.message);
        } else if (e.retryable) {
          if (!run.dryRun) await run.store.inbox.retryLater(item.id, e.message);
          count(run, 'webhook_retries');
          return result(true); // the API is in trouble: the rest waits for the next pass
        } else {
          if (!run.dryRun) await run.store.inbox.finish(item.id, 'failed', e.message);
          count(run, 'webhook_failures');
        }
      }
    }
    if (run.dryRun) return result(false);
  }
}
