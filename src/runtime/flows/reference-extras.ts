import type { Connection } from '../../domain/connection.js';
import type { FlowRunResult } from '../../engine/flow-runner.js';
import { createMissingShipVias } from '../../engine/inventory/create-missing-ship-vias.js';
import { syncProducts } from '../../engine/inventory/products-sync.js';
import type { FlowContext, FlowOutcome } from '../../engine/ports.js';
import { runReferencePass } from '../../engine/reference-flow.js';
import { Sage300ShipViaWriter } from '../../integrations/sage300/sage300-ship-via-writer.js';
import { Sage300StockSource } from '../../integrations/sage300/sage300-stock-source.js';
import { V1ProductCatalog } from '../../integrations/shipstation/products-catalog.js';
import { ShipStationReference } from '../../integrations/shipstation/shipping-reference.js';
import type { ConnectionRuntime } from '../connection-runtime.js';
import type { Connector, RunOptions } from '../connector.js';

/** Which optional parts of the reference flow a pass runs instead of a reference pass. */
export type ExtrasPart = 'extras' | 'ship-vias' | 'products';

export interface ExtrasOptions extends RunOptions {
  /** With `extras`: create missing ship-via codes even when the setting is off (a person asked for it now). */
  createShipVias?: boolean;
  /** With `extras`: keep products in step (default true; V1 only). */
  products?: boolean;
  /** When another process runs the reference flow (its daily pass at start), try again for this long. */
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
 * `extras` runs those the settings ask for; `ship-vias` and `products` run that part alone (a person asked).
 */
export function runReferenceParts(
  connector: Connector,
  connection: Connection,
  part: ExtrasPart,
  options: ExtrasOptions,
): Promise<FlowRunResult> {
  const config = connector.app.config;
  const steps: Step[] = [];
  if (part === 'ship-vias') steps.push(shipViaStep(connector));
  else if (part === 'products') steps.push(productsStep);
  else {
    const shipVias =
      options.createShipVias ?? connection.settings.createMissingShipVias ?? config.CREATE_MISSING_SHIP_VIAS;
    if (shipVias) steps.push(shipViaStep(connector));
    if (options.products !== false) steps.push(productsStep);
  }
  return runUnderReferenceLease(connector, connection, options, steps);
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
  options: ExtrasOptions,
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
