import type { Command } from 'commander';
import type { FlowRunResult } from '../../engine/flow-runner.js';
import type { OrdersMode } from '../../engine/orders/orders-pass.js';
import { Connector } from '../../runtime/connector.js';
import { inventoryOutcome, runInventory } from '../../runtime/inventory-runner.js';
import { runShipments } from '../../runtime/shipments-runner.js';
import { resolveConnection } from '../connection-arg.js';
import { ProgressReporter } from '../progress.js';
import { print, printError, withApp } from '../run-command.js';

const FLOWS = ['orders', 'shipments', 'inventory', 'reference'] as const;
type Flow = (typeof FLOWS)[number];

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('run one pass of a flow now, in the foreground (under the same lease as the service)')
    .argument('<flow>', `one of: ${FLOWS.join(', ')}`)
    .option('--connection <name>', 'connection (default: the only one, or "default")')
    .option('--dry-run', 'print the writes the pass would make, and make none')
    .option(
      '--no-wait',
      'give up at once when another process is running this flow (default: wait for it, up to 10 minutes)',
    )
    .option(
      '--mode <mode>',
      'orders only: new (new orders), edits (open orders in the look-back window), reconcile (every open order), all (new, then edits)',
      'all',
    )
    .action(
      async (
        flow: string,
        opts: { connection?: string; dryRun?: boolean; mode: string; wait: boolean },
        command: Command,
      ) => {
        if (!FLOWS.includes(flow as Flow)) {
          printError(`Unknown flow "${flow}": choose one of ${FLOWS.join(', ')}.`);
          process.exitCode = 2;
          return;
        }
        if (!['new', 'edits', 'reconcile', 'all'].includes(opts.mode)) {
          printError('--mode must be new, edits, reconcile or all.');
          process.exitCode = 2;
          return;
        }
        await withApp(command, async (app) => {
          const connection = await resolveConnection(app, opts.connection);
          const connector = new Connector(app);
          const progress = new ProgressReporter();
          const controller = new AbortController();
          const stop = () => controller.abort(new Error('interrupted'));
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          const options = {
            dryRun: !!opts.dryRun,
            onProgress: progress.update,
            signal: controller.signal,
            ignorePause: true,
          };
          const results: FlowRunResult[] = [];
          // The service (or another sync) may hold the flow's lease: wait for its pass to end, then run ours.
          const deadline = Date.now() + 10 * 60_000;
          let told = false;
          const once = async (pass: () => Promise<FlowRunResult>): Promise<FlowRunResult> => {
            for (;;) {
              const r = await pass();
              if (r.status !== 'busy' || !opts.wait || Date.now() > deadline || controller.signal.aborted) return r;
              if (!told)
                printError(`The ${flow} flow is running in another process (${r.holder}); waiting for it to finish…`);
              told = true;
              await new Promise((resolve) => setTimeout(resolve, 500));
            }
          };
          try {
            if (flow === 'orders') {
              const modes: OrdersMode[] = opts.mode === 'all' ? ['new', 'edits'] : [opts.mode as OrdersMode];
              for (const mode of modes) results.push(await once(() => connector.runOrders(connection, mode, options)));
            } else if (flow === 'shipments') {
              results.push(await once(() => runShipments(connector, connection, options)));
            } else if (flow === 'inventory') {
              results.push(await once(() => runInventory(connector, connection, options)));
            } else {
              results.push(await once(() => connector.runReference(connection, options)));
            }
          } finally {
            progress.stop();
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
          }
          return report(flow, connection.name, results, !!opts.dryRun);
        });
      },
    );
}

function report(flow: string, connection: string, results: FlowRunResult[], dryRun: boolean): number {
  let code = 0;
  for (const r of results) {
    if (r.status === 'busy') {
      printError(
        `The ${flow} flow of "${connection}" is running in another process (${r.holder}); nothing was done. Try again when it finishes.`,
      );
      code = 3;
      continue;
    }
    if (r.status === 'paused') {
      printError(`The ${flow} flow of "${connection}" is paused.`);
      code = 3;
      continue;
    }
    if (r.status === 'failed') {
      printError(`The ${flow} pass failed: ${r.error.message}`);
      code = 1;
      continue;
    }
    const counts = Object.entries(r.outcome.counts)
      .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${v}`)
      .join(', ');
    const off = flow === 'inventory' ? inventoryOutcome(r)?.off : undefined;
    if (off) {
      print(`The inventory flow of "${connection}" is off: ${off}`);
      continue;
    }
    print(
      `${dryRun ? 'Dry run of' : 'Ran'} ${flow} for "${connection}" in ${(r.ms / 1000).toFixed(1)} s. ${counts || 'Nothing to do.'}`,
    );
    if (dryRun) {
      if (r.outcome.planned.length === 0) print('No writes would be made.');
      else print(`Writes that would be made (${r.outcome.planned.length}):`);
      for (const w of r.outcome.planned) print(`  ${w.system} ${w.action} ${w.key}: ${w.summary}`);
    }
  }
  return code;
}
