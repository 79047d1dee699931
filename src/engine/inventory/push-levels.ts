import type { AuditInput } from '../../domain/audit-event.js';
import { ConnectorError, isConnectionFault, toConnectorError } from '../../domain/errors.js';
import type { FlowContext } from '../ports.js';
import type { DesiredLevel } from './desired-levels.js';
import { INVENTORY_HASH_KIND } from './level-key.js';
import type { InventoryProgress, InventorySink } from './ports.js';
import { formatDuration, PushEstimator } from './push-estimator.js';

export interface PushLevelsOptions {
  /** Requests in flight at once. The budget decides the pace; a few in flight hide the latency. */
  concurrency?: number;
  expectedPerMs?: number;
  /** What was last pushed (key → quantity), for the audit trail's "was". */
  previous: ReadonlyMap<string, string>;
  /** A first push (no history at these locations): progress says so and the audit trail gets a summary. */
  first: boolean;
  phase: string;
}

export interface PushLevelsResult {
  pushed: number;
  failed: number;
  failures: { sku: string; location: string; error: string }[];
}

const FLUSH_EVERY = 100;
/** This many failures in a row means ShipStation itself is failing: stop and let the next run go on. */
const GIVE_UP_AFTER = 25;
const FATAL = new Set(['unauthorized', 'forbidden']);

/**
 * Sends levels one `adjust` per SKU and location (the only write V2 has) through the account's budget, and
 * records each success as "last pushed" in batches, so a crash or a lost lease mid-push resumes where it
 * stopped (an `adjust` sent twice sets the same quantity). One SKU failing parks only that SKU: it is not
 * recorded, so the next run sends it again.
 */
export async function pushLevels(
  ctx: FlowContext,
  sink: InventorySink,
  changes: readonly DesiredLevel[],
  options: PushLevelsOptions,
): Promise<PushLevelsResult> {
  const id = ctx.connection.id;
  const total = changes.length;
  const estimator = new PushEstimator(total, ctx.clock.now(), options.expectedPerMs);
  const result: PushLevelsResult = { pushed: 0, failed: 0, failures: [] };
  if (total === 0) return result;
  let next = 0;
  let done = 0;
  let inARow = 0;
  let fatal: ConnectorError | undefined;
  let hashes: [string, string][] = [];
  let audit: AuditInput[] = [];
  let writing = Promise.resolve();
  const flush = () => {
    const h = hashes;
    const a = audit;
    hashes = [];
    audit = [];
    writing = writing.then(async () => {
      if (h.length > 0) await ctx.store.hashes.setMany(id, INVENTORY_HASH_KIND, h);
      if (a.length > 0) await ctx.store.audit.append(a);
    });
    return writing;
  };
  const progress = progressReporter(ctx, estimator, total, options);
  const stop = new AbortController();
  const onAbort = () => stop.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', onAbort, { once: true });

  const worker = async () => {
    while (!stop.signal.aborted && next < total) {
      const level = changes[next++]!;
      try {
        await sink.setOnHand(
          { sku: level.sku, inventoryLocationId: level.inventoryLocationId, quantity: level.quantity },
          stop.signal,
        );
        inARow = 0;
        result.pushed++;
        hashes.push([level.key, String(level.quantity)]);
        if (!options.first) audit.push(setEvent(id, level, options.previous.get(level.key)));
        if (hashes.length >= FLUSH_EVERY) await flush();
      } catch (thrown) {
        if (stop.signal.aborted) break;
        const error = toConnectorError(thrown, 'shipstation-v2');
        result.failed++;
        inARow++;
        if (result.failures.length < 100)
          result.failures.push({ sku: level.sku, location: level.locationName, error: error.message });
        audit.push(failedEvent(id, level, error));
        ctx.logger.warn({ sku: level.sku, location: level.inventoryLocationId, err: error }, 'inventory level not set');
        if (FATAL.has(error.code) || isConnectionFault(error) || inARow >= GIVE_UP_AFTER) {
          fatal =
            inARow >= GIVE_UP_AFTER && !FATAL.has(error.code) && !isConnectionFault(error)
              ? new ConnectorError(
                  'inventory_push_failing',
                  `ShipStation failed ${inARow} inventory updates in a row (last: ${error.message}); stopped, the next run goes on from here.`,
                  { cause: error, retryable: true, context: { system: 'shipstation-v2' } },
                )
              : error;
          stop.abort(fatal);
        }
      }
      done++;
      progress(done);
    }
  };
  try {
    const n = Math.max(1, Math.min(options.concurrency ?? 4, total));
    await Promise.all(Array.from({ length: n }, worker));
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    await flush();
  }
  progress(done, true);
  if (fatal) throw fatal;
  ctx.signal.throwIfAborted();
  return result;
}

/** Progress for the caller (throttled to ~2 a second) and the log (every tenth of a big push). */
function progressReporter(
  ctx: FlowContext,
  estimator: PushEstimator,
  total: number,
  options: PushLevelsOptions,
): (done: number, final?: boolean) => void {
  let lastAt = Number.NEGATIVE_INFINITY;
  let lastTenth = 0;
  return (done, final = false) => {
    const now = ctx.clock.now();
    const etaMs = estimator.etaMs(done, now);
    if (final || done === total || now - lastAt >= 500) {
      lastAt = now;
      const p: InventoryProgress = {
        phase: options.phase,
        done,
        total,
        first: options.first,
        ...(etaMs === undefined ? {} : { etaMs }),
      };
      ctx.onProgress?.(p);
    }
    const tenth = total >= 100 ? Math.floor((done * 10) / total) : 0;
    if (tenth > lastTenth) {
      lastTenth = tenth;
      ctx.logger.info(
        { done, total, etaSeconds: etaMs === undefined ? undefined : Math.round(etaMs / 1000), first: options.first },
        `${options.phase}: ${done} of ${total}${etaMs ? `, about ${formatDuration(etaMs)} left` : ''}`,
      );
    }
  };
}

function setEvent(connectionId: number, level: DesiredLevel, was: string | undefined): AuditInput {
  return {
    connectionId,
    recordKind: 'inventory',
    recordKey: `${level.sku}@${level.inventoryLocationId}`,
    display: level.sku,
    event: 'inventory_set',
    message: `On hand of ${level.sku} at ${level.locationName} set to ${level.quantity}${was === undefined ? '' : ` (was ${was})`} from Sage location ${level.sageLocations.join(' + ')}.`,
    data: { quantity: level.quantity, was: was === undefined ? null : Number(was), sageLocations: level.sageLocations },
  };
}

function failedEvent(connectionId: number, level: DesiredLevel, error: ConnectorError): AuditInput {
  return {
    connectionId,
    recordKind: 'inventory',
    recordKey: `${level.sku}@${level.inventoryLocationId}`,
    display: level.sku,
    event: 'inventory_failed',
    message: `On hand of ${level.sku} at ${level.locationName} could not be set to ${level.quantity}: ${error.message}`,
    data: { quantity: level.quantity, error: error.toJSON() },
  };
}
