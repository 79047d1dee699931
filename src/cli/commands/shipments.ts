import nodePath from 'node:path';
import type { Command } from 'commander';
import type { PathModule } from '../../domain/path-module.js';
import type { FlowRunResult } from '../../engine/flow-runner.js';
import { Connector } from '../../runtime/connector.js';
import { exportShipments, requeueShipments } from '../../runtime/flows/shipments-flow.js';
import { writePrivateFile } from '../../store/file-modes.js';
import { resolveConnection } from '../connection-arg.js';
import { print, printError, withApp } from '../run-command.js';

/**
 * `--out`, else shipments-<connection>-<time>.csv in the current folder. A connection name may hold '/', '\'
 * or ':', which would make the name a path (or an invalid one on Windows): they become '-'.
 */
export function exportFileOf(
  out: string | undefined,
  connection: string,
  now: number,
  path: PathModule = nodePath,
): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').slice(0, 15);
  const name = connection.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-');
  return path.resolve(out ?? `shipments-${name}-${stamp}.csv`);
}

/**
 * `ml-connector shipments export`: while Sage 300 refuses order updates through its Web API (405 on 2022 and
 * earlier), shipments wait in the connector; this writes them to a file for O/E Shipment Entry's import and
 * marks them exported, so they are not written again when updates become possible. `requeue` undoes that for
 * a file that was not imported.
 */
export function registerShipments(program: Command): void {
  const shipments = program
    .command('shipments')
    .description('shipments waiting for Sage 300: export for a manual import, requeue');

  shipments
    .command('export')
    .description(
      'write the shipments Sage 300 refused (405) to a CSV file for O/E Shipment Entry > File > Import, and mark them exported',
    )
    .option('--connection <name>', 'connection (default: the only one, or "default")')
    .option('--out <file>', 'file to write (default: shipments-<connection>-<time>.csv in the current folder)')
    .action(async (opts: { connection?: string; out?: string }, command: Command) => {
      await withApp(command, async (app) => {
        const connection = await resolveConnection(app, opts.connection);
        const file = exportFileOf(opts.out, connection.name, app.clock.now());
        const { result, value } = await exportShipments(new Connector(app), connection, async (r) => {
          writePrivateFile(file, r.csv);
          return file;
        });
        if (!ran(result, connection.name)) return result.status === 'failed' ? 1 : 3;
        if (!value || value.shipments.length === 0) {
          print(
            `Nothing to export for "${connection.name}": no shipment is waiting because Sage 300 refused the update.`,
          );
          return 0;
        }
        const lines = value.shipments.reduce((n, s) => n + s.lines.length, 0);
        print(
          `Wrote ${value.shipments.length} shipment${value.shipments.length === 1 ? '' : 's'} (${lines} order lines) to ${file}.`,
        );
        print(
          'Import it in Sage 300: O/E Shipment Entry > File > Import, type "Single CSV File" (docs/shipments.md has the layout).',
        );
        print('They are marked exported and will not be written again. If the file is not imported, run:');
        print(`  ml-connector shipments requeue --connection ${connection.name} --all`);
        return 0;
      });
    });

  shipments
    .command('requeue')
    .description('put exported shipments back in the queue (their file was not imported)')
    .argument('[sourceIds...]', 'shipments to requeue, e.g. v1:shipment:123 (see the audit trail)')
    .option('--connection <name>', 'connection (default: the only one, or "default")')
    .option('--all', 'every exported shipment of the connection')
    .action(async (ids: string[], opts: { connection?: string; all?: boolean }, command: Command) => {
      if (!opts.all && ids.length === 0) {
        printError('Name the shipments to requeue, or pass --all.');
        process.exitCode = 2;
        return;
      }
      await withApp(command, async (app) => {
        const connection = await resolveConnection(app, opts.connection);
        const { result, value } = await requeueShipments(new Connector(app), connection, opts.all ? 'all' : ids);
        if (!ran(result, connection.name)) return result.status === 'failed' ? 1 : 3;
        print(
          `Requeued ${value ?? 0} shipment${value === 1 ? '' : 's'}: written to Sage 300 once it accepts order updates (or exported again).`,
        );
        return 0;
      });
    });
}

function ran(result: FlowRunResult, connection: string): boolean {
  if (result.status === 'ran') return true;
  if (result.status === 'busy') {
    printError(
      `The shipments flow of "${connection}" is running in another process (${result.holder}); try again in a moment.`,
    );
  } else if (result.status === 'failed') {
    printError(`Failed: ${result.error.message}`);
  } else {
    printError(`The shipments flow of "${connection}" is paused.`);
  }
  return false;
}
