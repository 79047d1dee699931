import type { Command } from 'commander';
import { Connector } from '../../../runtime/connector.js';
import { runReferencePart } from '../../../runtime/flows/reference-flow.js';
import { ensureReferenceSnapshot } from '../../../runtime/mappings-runner.js';
import { resolveConnection } from '../../connection-arg.js';
import { print, printError, withApp } from '../../run-command.js';
import { CONNECTION_OPTION } from './mapping-text.js';

/** `mappings create-ship-vias [--dry-run]`: Sage ship-via codes for the ShipStation services without one. */
export function registerMappingsCreateShipVias(mappings: Command): void {
  mappings
    .command('create-ship-vias')
    .description('create Sage ship-via codes for ShipStation services that have none (idempotent)')
    .option(...CONNECTION_OPTION)
    .option('--dry-run', 'show what would be created; create nothing')
    .action(async (opts: { connection?: string; dryRun?: boolean }, command: Command) => {
      await withApp(command, async (app) => {
        const connection = await resolveConnection(app, opts.connection);
        const connector = new Connector(app);
        await ensureReferenceSnapshot(connector, connection);
        const result = await runReferencePart(connector, connection, 'ship-vias', {
          ignorePause: true,
          waitIfBusyMs: 30_000,
          ...(opts.dryRun ? { dryRun: true } : {}),
        });
        if (result.status === 'failed') throw result.error;
        if (result.status !== 'ran') {
          printError(
            `Not run: the reference flow is ${result.status === 'busy' ? `running elsewhere (${result.holder})` : result.status}.`,
          );
          return 1;
        }
        const c = result.outcome.counts;
        if (opts.dryRun) {
          for (const p of result.outcome.planned) print(`would ${p.action}: ${p.summary}`);
          if (result.outcome.planned.length === 0) print('Every ShipStation service has a Sage ship-via code.');
          return;
        }
        print(
          `Created ${c['ship_vias_created'] ?? 0} ship-via code(s), mapped ${c['ship_vias_linked'] ?? 0} made earlier; ${c['ship_vias_covered'] ?? 0} service(s) already had one.`,
        );
      });
    });
}
