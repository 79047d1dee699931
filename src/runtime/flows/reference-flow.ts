import type { Connection } from '../../domain/connection.js';
import type { FlowRunResult } from '../../engine/flow-runner.js';
import { runReferencePass } from '../../engine/reference-flow.js';
import { ShipStationReference } from '../../integrations/shipstation/shipping-reference.js';
import type { Connector, RunOptions } from '../connector.js';
import type { FlowModule } from './flow.js';
import { type ExtrasOptions, type ExtrasPart, runReferenceParts } from './reference-extras.js';
import { runPass } from './run-pass.js';

export interface ReferenceRequest extends ExtrasOptions {
  /** A reference pass (the default), or only the flow's optional parts (`reference-extras.ts`). */
  part?: 'pass' | ExtrasPart;
  /** A reference pass accepts clear suggestions (default: MAPPINGS_AUTO is `accept`). */
  autoAccept?: boolean;
}

/**
 * Both systems' reference data (locations, ship-vias, warehouses, services) and the mapping suggestions
 * over them, every REFERENCE_POLL_SECONDS (daily by default), first at start; and its extras (missing
 * ship-vias, products) on the same cadence, after that first pass (in this process they wait for it in
 * `runPass`; a pass of another process they wait up to two minutes for). All under the `reference` lease.
 */
export const referenceFlow: FlowModule<ReferenceRequest> = {
  name: 'reference',
  run: (connector, connection, request) => {
    if (request.part && request.part !== 'pass') return runReferenceParts(connector, connection, request.part, request);
    return connector.runUnderLease(connection, 'reference', request, (ctx, rt) =>
      runReferencePass(
        ctx,
        { sage: rt.sage, reference: new ShipStationReference(rt.v1, rt.v2) },
        { autoAccept: request.autoAccept ?? connector.app.config.MAPPINGS_AUTO === 'accept' },
      ),
    );
  },
  byHand: () => [{}],
  jobs: [
    {
      name: 'reference',
      timing: { every: { setting: 'referencePollSeconds', config: 'REFERENCE_POLL_SECONDS' }, cron: 'REFERENCE_CRON' },
      runAtStart: true,
      request: {},
    },
    {
      name: 'reference-extras',
      timing: { every: { setting: 'referencePollSeconds', config: 'REFERENCE_POLL_SECONDS' } },
      runAtStart: true,
      request: { part: 'extras', waitIfBusyMs: 120_000 },
    },
  ],
};

/** One reference pass of a connection. */
export function runReference(
  connector: Connector,
  connection: Connection,
  options: RunOptions & { autoAccept?: boolean } = {},
): Promise<FlowRunResult> {
  return runPass(connector, connection, referenceFlow, options);
}

/** The extras the settings ask for: missing ship-vias (when on) and products. */
export function runReferenceExtras(
  connector: Connector,
  connection: Connection,
  options: ExtrasOptions = {},
): Promise<FlowRunResult> {
  return runPass(connector, connection, referenceFlow, { ...options, part: 'extras' });
}

/**
 * One optional part alone, whatever the settings say (a person asked): `ship-vias` for `mappings
 * create-ship-vias`, or `products`.
 */
export function runReferencePart(
  connector: Connector,
  connection: Connection,
  part: 'ship-vias' | 'products',
  options: RunOptions & { waitIfBusyMs?: number } = {},
): Promise<FlowRunResult> {
  return runPass(connector, connection, referenceFlow, { ...options, part });
}
