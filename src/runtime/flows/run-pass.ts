import type { Connection } from '../../domain/connection.js';
import type { FlowRunResult } from '../../engine/flow-runner.js';
import type { Connector, RunOptions } from '../connector.js';
import type { FlowModule } from './flow.js';

/**
 * Passes in this process, per connection and flow, of the flows that run one after the other
 * (`oneAtATime`: shipments). The lease keeps other processes out, but it is held per process: without this,
 * a "run now" in the service while its scheduled shipments pass runs would be a second writer on the same
 * Sage orders, and one could take the other's open write intent for a crashed one. Shared by every
 * `Connector` of the process, as the lease holder is.
 */
const inProcess = new Map<string, Promise<unknown>>();

/**
 * The one place every pass of every flow starts: the service's jobs, the dashboard's "run now", mapping
 * changes, `sync` and the other commands all come through here with a flow module of the registry and its
 * request. The flow's own `run` takes the lease and records the pass.
 */
export function runPass<R extends RunOptions>(
  connector: Connector,
  connection: Connection,
  flow: FlowModule<R>,
  request: R,
): Promise<FlowRunResult> {
  const pass = () => flow.run(connector, connection, request);
  return flow.oneAtATime ? inTurn(`${connection.id}:${flow.name}`, pass) : pass();
}

function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = inProcess.get(key) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(work);
  inProcess.set(key, next);
  next
    .finally(() => {
      if (inProcess.get(key) === next) inProcess.delete(key);
    })
    .catch(() => {});
  return next;
}
