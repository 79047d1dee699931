import type { Connection } from '../domain/connection.js';
import type { FlowRunResult } from '../engine/flow-runner.js';
import type { RouteGroup } from '../http/server.js';
import type { Connector, RunOptions } from './connector.js';
import type { JobFactory, Service } from './service.js';

// Placeholder until the shipments flow lands (issue 6): the signatures the CLI and the service wire.
export async function runShipments(
  _connector: Connector,
  _connection: Connection,
  _options: RunOptions = {},
): Promise<FlowRunResult> {
  return { status: 'ran', outcome: { counts: {}, planned: [] }, ms: 0 };
}

export const shipmentsJobs: JobFactory = () => [];

export function webhookRoutes(_service: Service): RouteGroup[] {
  return [];
}
