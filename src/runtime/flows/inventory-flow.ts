import type { Connection } from '../../domain/connection.js';
import { ConnectorError } from '../../domain/errors.js';
import type { SageStockLevel } from '../../domain/sage.js';
import type { FlowRunResult } from '../../engine/flow-runner.js';
import { decideAvailability, type InventoryAvailability, staleText } from '../../engine/inventory/availability.js';
import { runInventoryPush } from '../../engine/inventory/inventory-push.js';
import { runInventoryReconcile } from '../../engine/inventory/inventory-reconcile.js';
import type { InventoryOutcome, StockSource } from '../../engine/inventory/ports.js';
import type { FlowContext } from '../../engine/ports.js';
import type { Sage300Client } from '../../integrations/sage300/client.js';
import { Sage300StockSource } from '../../integrations/sage300/sage300-stock-source.js';
import { V2InventorySink } from '../../integrations/shipstation/v2-inventory-sink.js';
import type { ConnectionRuntime } from '../connection-runtime.js';
import type { Connector, RunOptions } from '../connector.js';
import type { FlowModule } from './flow.js';
import { runPass } from './run-pass.js';

export interface InventoryRequest extends RunOptions {
  /** `push` (default): send what changed since the last push. `reconcile`: compare both sides in full. */
  mode?: 'push' | 'reconcile';
  /** With `reconcile`: set ShipStation to Sage's quantity wherever they differ. */
  fix?: boolean;
  /** Inventory requests in flight at once (default 4; the account's budget sets the pace). */
  concurrency?: number;
}

/** One stock source per Sage client, so `$metadata` is read once per connection, not once per run. */
const stockSources = new WeakMap<Sage300Client, Sage300StockSource>();

/**
 * Sage 300 stock to ShipStation V2 inventory, through the connection's V2 client (so through the account's
 * one budget): a push every INVENTORY_POLL_SECONDS (default 15 min; the connection's `inventoryPollSeconds`
 * or `cron.inventory` win), first at start; and the nightly reconcile (RECONCILE_CRON, or the connection's
 * `cron.reconcile`) that compares both sides in full and puts ShipStation back to Sage's quantities — it
 * catches what pushes cannot see, such as stock edited in ShipStation.
 *
 * A connection without a V2 key, or whose account lacks the Inventory add-on, or with no Sage location
 * mapped to an inventory location, is "off": the run succeeds, does nothing, and records the reason in
 * the flow state (status `off`) each time, so `status` and the dashboard say what is needed. Scheduled
 * for every connection, V1-only ones included.
 */
export const inventoryFlow: FlowModule<InventoryRequest> = {
  name: 'inventory',
  run: async (connector, connection, request) => {
    const result = await connector.runUnderLease(connection, 'inventory', request, (ctx, rt) =>
      inventoryPass(connector, connection, request, ctx, rt),
    );
    const off = inventoryOutcome(result)?.off;
    if (off && !request.dryRun) await connector.app.store.flows.off(connection.id, 'inventory', off);
    return result;
  },
  byHand: () => [{}],
  offReason: (result) => inventoryOutcome(result)?.off,
  jobs: [
    {
      name: 'inventory',
      timing: { every: { setting: 'inventoryPollSeconds', config: 'INVENTORY_POLL_SECONDS' }, cron: 'INVENTORY_CRON' },
      runAtStart: true,
      request: {},
    },
    {
      name: 'inventory-reconcile',
      timing: { cron: 'RECONCILE_CRON', cronAlso: 'reconcile' },
      request: { mode: 'reconcile', fix: true },
    },
  ],
};

async function inventoryPass(
  connector: Connector,
  connection: Connection,
  request: InventoryRequest,
  ctx: FlowContext,
  rt: ConnectionRuntime,
): Promise<InventoryOutcome> {
  const app = connector.app;
  const { signal } = ctx;
  const sink = rt.v2 ? new V2InventorySink(rt.v2, { clock: app.clock, logger: ctx.logger }) : null;
  const availability = await availabilityOf(connector, connection, ctx, sink);
  if (!availability.on || !sink) {
    const reason = availability.on ? 'no V2 key' : availability.reason;
    ctx.logger.info({ flow: 'inventory', reason }, 'inventory flow is off');
    return { counts: { off: 1 }, planned: [], off: reason };
  }
  const stock = stockSourceOf(rt.sageClient);
  const skuOf = ctx.settings.skuField === 'unformatted' ? await unformattedSkus(stock, signal) : undefined;
  const base = {
    targets: availability.targets,
    expectedPerMs: app.config.SHIPSTATION_V2_RATE_LIMIT / app.config.SHIPSTATION_RATE_WINDOW_MS,
    ...(skuOf ? { skuOf } : {}),
    ...(request.concurrency ? { concurrency: request.concurrency } : {}),
  };
  const ports = { stock, sink };
  const outcome =
    request.mode === 'reconcile'
      ? await runInventoryReconcile(ctx, ports, { ...base, fix: !!request.fix })
      : await runInventoryPush(ctx, ports, base);
  if (availability.stale.length > 0) outcome.counts['stale_locations'] = availability.stale.length;
  return outcome;
}

/** Whether the flow is on for the connection, and where to; stale mappings are said (or fail the run). */
async function availabilityOf(
  connector: Connector,
  connection: Connection,
  ctx: FlowContext,
  sink: V2InventorySink | null,
): Promise<InventoryAvailability> {
  const availability = decideAvailability({
    connectionName: connection.name,
    hasV2Key: !!sink,
    locations: sink ? await sink.locations(ctx.signal) : undefined,
    mappings: await connector.app.store.mappings.list(connection.id, 'inventory_location'),
  });
  // Every mapped location gone from ShipStation: a person must map again, so the run fails visibly.
  if (!availability.on && availability.code === 'stale_mapping') {
    throw new ConnectorError('inventory_mapping_stale', availability.reason, { context: { system: 'mapping' } });
  }
  if (availability.on && availability.stale.length > 0) {
    // The others still go: a location deleted in ShipStation must not stop the rest of the stock.
    ctx.logger.warn({ flow: 'inventory', stale: availability.stale }, `${staleText(availability.stale)}: skipped`);
  }
  return availability;
}

function stockSourceOf(client: Sage300Client): Sage300StockSource {
  let stock = stockSources.get(client);
  if (!stock) {
    stock = new Sage300StockSource(client);
    stockSources.set(client, stock);
  }
  return stock;
}

/** The inventory outcome of a run (counts, `off` reason, drift report), when it ran. */
export function inventoryOutcome(result: FlowRunResult): InventoryOutcome | undefined {
  return result.status === 'ran' ? (result.outcome as InventoryOutcome) : undefined;
}

/** With `skuField: unformatted`, SKUs are Sage's unformatted item numbers, which stock records do not carry. */
async function unformattedSkus(
  stock: StockSource,
  signal: AbortSignal,
): Promise<(level: SageStockLevel) => string | undefined> {
  const byFormatted = new Map<string, string>();
  for await (const page of stock.items(signal)) for (const i of page) byFormatted.set(i.formatted, i.unformatted);
  return (level) => byFormatted.get(level.item);
}

/** One inventory run (a push, or with `mode: 'reconcile'` a full comparison) of a connection. */
export function runInventory(
  connector: Connector,
  connection: Connection,
  options: InventoryRequest = {},
): Promise<FlowRunResult> {
  return runPass(connector, connection, inventoryFlow, options);
}
