import type { Connection } from '../domain/connection.js';
import type { FlowRunResult } from '../engine/flow-runner.js';
import type { Connector, RunOptions } from './connector.js';
import type { JobFactory } from './service.js';

// Placeholder until the inventory flow lands (issue 7): the signatures the CLI and the service wire.
export async function runInventory(
  _connector: Connector,
  _connection: Connection,
  _options: RunOptions & { mode?: 'push' | 'reconcile'; fix?: boolean } = {},
): Promise<FlowRunResult> {
  return { status: 'ran', outcome: { counts: {}, planned: [] }, ms: 0 };
}

export const inventoryJobs: JobFactory = () => [];
