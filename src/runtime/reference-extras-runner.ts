import type { Connection } from '../domain/connection.js';
import type { FlowRunResult } from '../engine/flow-runner.js';
import { createMissingShipVias } from '../engine/inventory/create-missing-ship-vias.js';
import { syncProducts } from '../engine/inventory/products-sync.js';
import type { FlowContext, FlowOutcome } from '../engine/ports.js';
import { runReferencePass } from '../engine/reference-flow.js';
import { Sage300ShipViaWriter } from '../integrations/sage300/sage300-ship-via-writer.js';
import { Sage300StockSource } from '../integrations/sage300/sage300-stock-source.js';
import { V1ProductCatalog } from '../integrations/shipstation/products-catalog.js';
import { ShipStationReference } from '../integrations/shipstation/shipping-reference.js';
import type { ConnectionRuntime } from './connection-runtime.js';
import type { Connector, RunOptions } from './connector.js';
import type { JobFactory } from './service.js';

export interface ReferenceExtrasOptions extends RunOptions {
  /** Create missing ship-via codes even when the setting is off (a person asked for it now). */
  createShipVias?: boolean;
  /** Keep products in step (default true when the connection has V1 credentials). */
  products?: boolean;
  /** When the reference flow is busy (its daily pass at start), try again for this long. */
  waitIfBusyMs?: number;
}

type Step = (ctx: FlowContext, rt: ConnectionRuntime) => Promise<FlowOutcome>;

/**
 * The reference flow's optional parts, run under the reference flow's lease (they read and write the
 * same mapping table, so never at the same time as the reference pass):
 * - creating missing Sage ship-via codes for ShipStation services (CREATE_MISSING_SHIP_VIAS or the
 *   connection's `createMissingShipVias`; off by default), followed by a reference pass so the snapshot
 *   and suggestions include them;
 * - keeping ShipStation products in step with Sage items (V1 only: V2 has no product writes).
 */
export async function runReferenceExtras(
  connector: Connector,
  connection: Connection,
  options: ReferenceExtrasOptions = {},
): Promise<FlowRunResult> {
  const config = connector.app.config;
  const shipVias =
    options.createShipVias ?? connection.settings.createMissingShipVias ?? config.CREATE_MISSING_SHIP_VIAS;
  const steps: Step[] = [];
  if (shipVias) steps.push(shipViaStep(connector));
  if (options.products !== false) steps.push(productsStep);
  return runUnderReferenceLease(connector, connection, options, steps);
}

/** `mappings create-ship-vias`: only the ship-via part, whatever the setting says (a person asked). */
export function runCreateMissingShipVias(
  connector: Connector,
  connection: Connection,
  options: RunOptions & { waitIfBusyMs?: number } = {},
): Promise<FlowRunResult> {
  return runUnderReferenceLease(connector, connection, options, [shipViaStep(connector)]);
}

/** Only the products part. */
export function runProductsSync(
  connector: Connector,
  connection: Connection,
  options: RunOptions & { waitIfBusyMs?: number } = {},
): Promise<FlowRunResult> {
  return runUnderReferenceLease(connector, connection, options, [productsStep]);
}

function shipViaStep(connector: Connector): Step {
  return async (ctx, rt) => {
    const reference = new ShipStationReference(rt.v1, rt.v2);
    const made = await createMissingShipVias(ctx, { writer: new Sage300ShipViaWriter(rt.sageClient), reference });
    const counts = prefix('ship_vias', made.counts);
    if (!ctx.dryRun && made.created.length > 0) {
      const pass = await runReferencePass(
        ctx,
        { sage: rt.sage, reference },
        { autoAccept: connector.app.config.MAPPINGS_AUTO === 'accept' },
      );
      Object.assign(counts, prefix('reference', pass.counts));
    }
    return { counts, planned: made.planned };
  };
}

const productsStep: Step = async (ctx, rt) => {
  if (!rt.v1) return { counts: { products_off_no_v1: 1 }, planned: [] };
  const outcome = await syncProducts(ctx, {
    stock: new Sage300StockSource(rt.sageClient),
    catalog: new V1ProductCatalog(rt.v1),
  });
  return { counts: prefix('products', outcome.counts), planned: outcome.planned };
};

async function runUnderReferenceLease(
  connector: Connector,
  connection: Connection,
  options: RunOptions & { waitIfBusyMs?: number },
  steps: Step[],
): Promise<FlowRunResult> {
  const app = connector.app;
  const deadline = app.clock.now() + (options.waitIfBusyMs ?? 0);
  for (;;) {
    const result = await connector.runUnderLease(connection, 'reference', options, async (ctx, rt) => {
      const out: FlowOutcome = { counts: {}, planned: [] };
      for (const step of steps) {
        const r = await step(ctx, rt);
        Object.assign(out.counts, r.counts);
        out.planned.push(...r.planned);
      }
      return out;
    });
    if (result.status !== 'busy' || app.clock.now() >= deadline || options.signal?.aborted) return result;
    await app.clock.sleep(2000, options.signal).catch(() => {});
  }
}

function prefix(name: string, counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [`${name}_${k}`, v]));
}

/**
 * The extras on the reference cadence (REFERENCE_POLL_SECONDS, daily by default), first at start — after
 * the reference pass that also runs at start (it waits up to two minutes for that pass's lease).
 */
export const referenceExtrasJobs: JobFactory = (service, connection) => [
  {
    key: `${connection.id}:reference-extras`,
    connectionId: connection.id,
    connectionName: connection.name,
    flow: 'reference',
    everyMs: (connection.settings.referencePollSeconds ?? service.app.config.REFERENCE_POLL_SECONDS) * 1000,
    runAtStart: true,
    run: (signal) =>
      runReferenceExtras(service.connector, service.current(connection), { signal, waitIfBusyMs: 120_000 }),
    onResult: (result, nextAt) => service.recordRun(connection, 'reference', result, nextAt),
  },
];
