import type { Config } from '../../config/schema.js';
import type { Connection } from '../../domain/connection.js';
import type { FlowRunResult } from '../../engine/flow-runner.js';
import { type ExportResult, exportQueued, requeueExported } from '../../engine/shipments/export.js';
import { runShipmentsPass, startRun } from '../../engine/shipments/shipments-pass.js';
import type { ShipmentsRun } from '../../engine/shipments/shipments-run.js';
import { Sage300OrderWriter } from '../../integrations/sage300/sage300-order-writer.js';
import { ShipStationShipmentSource } from '../../integrations/shipstation/shipment-source.js';
import type { ConnectionRuntime } from '../connection-runtime.js';
import type { Connector, RunOptions } from '../connector.js';
import type { FlowModule } from './flow.js';
import { runPass } from './run-pass.js';

/** Polls: every 5 minutes on V1 (webhooks are primary), every 60 s on V2 (domain.md, "Every flow"). */
const DEFAULT_POLL_SECONDS = { v1: 300, v2: 60 } as const;

export interface ShipmentsRequest extends RunOptions {
  /** Poll although the last poll is recent (default true: `sync shipments` is a person asking now). */
  forcePoll?: boolean;
  /**
   * Instead of a pass: work on the shipments queue under the flow's lease, so it never races a pass that
   * writes the same events (`shipments export` and `requeue`). It runs although the flow is paused.
   */
  queue?: (run: ShipmentsRun) => Promise<void>;
}

/** The poll interval of a connection: its own setting, then SHIPMENTS_POLL_SECONDS, then the API's default. */
export function shipmentsPollMs(config: Config, connection: Connection, api: 'v1' | 'v2'): number {
  const seconds =
    connection.settings.shipmentsPollSeconds ?? config.SHIPMENTS_POLL_SECONDS ?? DEFAULT_POLL_SECONDS[api];
  return seconds * 1000;
}

export function shipmentPorts(rt: ConnectionRuntime) {
  return {
    source: new ShipStationShipmentSource(rt.v1, rt.v2),
    sage: new Sage300OrderWriter(rt.sageClient, rt.sage),
  };
}

/**
 * ShipStation shipments back to Sage, exactly once. The service's job runs at the V2 cadence (or the
 * configured one) and polls only when the connection's own interval has passed; in between it drains the
 * webhook inbox and the queue. A webhook arrival triggers it at once (`scheduler.triggerFlow`), so a label
 * reaches Sage in seconds. Like every flow's, its passes of a connection run one at a time (`runPass`).
 */
export const shipmentsFlow: FlowModule<ShipmentsRequest> = {
  name: 'shipments',
  run: (connector, connection, request) => {
    const work = request.queue;
    if (work) {
      return connector.runUnderLease(connection, 'shipments', { ignorePause: true }, async (ctx, rt) => {
        const run = await startRun(ctx, shipmentPorts(rt));
        await work(run);
        return { counts: run.counts, planned: [] };
      });
    }
    return connector.runUnderLease(connection, 'shipments', request, async (ctx, rt) => {
      const ports = shipmentPorts(rt);
      return runShipmentsPass(ctx, ports, {
        pollIntervalMs: shipmentsPollMs(connector.app.config, connection, ports.source.api),
        forcePoll: request.forcePoll ?? true,
      });
    });
  },
  byHand: () => [{}],
  jobs: [
    {
      name: 'shipments',
      timing: {
        every: { setting: 'shipmentsPollSeconds', config: 'SHIPMENTS_POLL_SECONDS', seconds: DEFAULT_POLL_SECONDS.v2 },
        cron: 'SHIPMENTS_CRON',
      },
      runAtStart: true,
      request: { forcePoll: false },
    },
  ],
};

/** One pass of the shipments flow of a connection. */
export function runShipments(
  connector: Connector,
  connection: Connection,
  options: Omit<ShipmentsRequest, 'queue'> = {},
): Promise<FlowRunResult> {
  return runPass(connector, connection, shipmentsFlow, options);
}

async function onQueue<T>(
  connector: Connector,
  connection: Connection,
  work: (run: ShipmentsRun) => Promise<T>,
): Promise<{ result: FlowRunResult; value: T | undefined }> {
  let value: T | undefined;
  const result = await runPass(connector, connection, shipmentsFlow, {
    queue: async (run) => {
      value = await work(run);
    },
  });
  return { result, value };
}

/**
 * `ml-connector shipments export`: shipments queued because Sage refuses order updates, handed to `save` as a
 * file for O/E Shipment Entry's import, then marked exported (never written again unless requeued).
 */
export function exportShipments(
  connector: Connector,
  connection: Connection,
  save: (result: ExportResult) => Promise<string>,
) {
  return onQueue(connector, connection, (run) => exportQueued(run, save));
}

/** `ml-connector shipments requeue`: an exported file was not imported; back to the queue. */
export function requeueShipments(connector: Connector, connection: Connection, sourceIds: readonly string[] | 'all') {
  return onQueue(connector, connection, (run) => requeueExported(run, sourceIds));
}
