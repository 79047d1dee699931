import type { Command } from 'commander';
import { Connector } from '../../runtime/connector.js';
import { inventoryOutcome, runInventory } from '../../runtime/flows/inventory-flow.js';
import { resolveConnection } from '../connection-arg.js';
import { ProgressReporter } from '../progress.js';
import { print, printError, table, withApp } from '../run-command.js';

/** Drift lines printed without --all. */
const SHOWN = 50;

/**
 * `ml-connector reconcile inventory [--connection N] [--fix]`: compares Sage stock with ShipStation's levels
 * SKU by SKU at every mapped location, prints what differs, and with --fix sets ShipStation to Sage's
 * quantity. Exit status 0 when nothing differs (or everything was fixed), 1 when drift remains.
 */
export function registerReconcile(program: Command): void {
  const reconcile = program.command('reconcile').description('compare both systems and report (or fix) drift');
  reconcile
    .command('inventory')
    .description('stock per SKU and location: Sage 300 against ShipStation; --fix sets ShipStation to Sage')
    .option('--connection <name>', 'connection (default: the only one, or "default")')
    .option('--fix', "set ShipStation's on hand to Sage's quantity wherever they differ")
    .option('--all', 'list every difference (default: the first 50)')
    .action(async (opts: { connection?: string; fix?: boolean; all?: boolean }, command: Command) => {
      await withApp(command, async (app) => {
        const connection = await resolveConnection(app, opts.connection);
        const controller = new AbortController();
        const interrupt = () => controller.abort(new Error('interrupted (Ctrl-C): what was fixed so far is kept'));
        process.once('SIGINT', interrupt);
        const progress = new ProgressReporter();
        try {
          const result = await runInventory(new Connector(app), connection, {
            mode: 'reconcile',
            fix: !!opts.fix,
            ignorePause: true,
            signal: controller.signal,
            onProgress: progress.update,
          });
          progress.stop();
          if (result.status === 'failed') throw result.error;
          if (result.status === 'busy') {
            printError(
              `The inventory flow of "${connection.name}" is running elsewhere (${result.holder}); try again when it ends.`,
            );
            return 1;
          }
          const outcome = inventoryOutcome(result);
          if (!outcome || outcome.off || !outcome.report) {
            printError(outcome?.off ?? `Not run: the inventory flow is ${result.status}.`);
            return 1;
          }
          const r = outcome.report;
          print(
            `Compared ${r.checked} SKU × location levels of connection "${connection.name}": ${r.drift.length} differ.`,
          );
          if (r.drift.length > 0) {
            const shown = opts.all ? r.drift : r.drift.slice(0, SHOWN);
            print(
              table(
                ['SKU', 'LOCATION', 'SAGE', 'SHIPSTATION'],
                shown.map((d) => [
                  d.sku,
                  d.locationName,
                  String(d.sage),
                  d.shipstation === null ? '(none)' : String(d.shipstation),
                ]),
              ),
            );
            if (shown.length < r.drift.length) print(`… and ${r.drift.length - shown.length} more (--all lists them).`);
          }
          if (r.onlyInShipStation.length > 0) {
            print(
              `\n${r.onlyInShipStation.length} SKU(s) have stock in ShipStation at a mapped location but none listed in Sage there (left as they are):`,
            );
            for (const o of r.onlyInShipStation.slice(0, opts.all ? undefined : 10))
              print(`  ${o.sku} at ${o.locationName}: ${o.onHand}`);
          }
          if (opts.fix && r.drift.length > 0) print(`\nFixed ${r.fixed}, failed ${r.failed}.`);
          else if (r.drift.length > 0) print("\nRun again with --fix to set ShipStation to Sage's quantities.");
          const remaining = opts.fix ? r.failed : r.drift.length;
          return remaining > 0 ? 1 : 0;
        } finally {
          progress.stop();
          process.removeListener('SIGINT', interrupt);
        }
      });
    });
}
