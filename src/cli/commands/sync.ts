import type { Command } from 'commander';
import type { Config } from '../../config/schema.js';
import type { Connection } from '../../domain/connection.js';
import type { ConnectorError } from '../../domain/errors.js';
import type { FlowRunResult } from '../../engine/flow-runner.js';
import { Connector } from '../../runtime/connector.js';
import type { FlowModule } from '../../runtime/flows/flow.js';
import { FLOWS, flowNamed } from '../../runtime/flows/registry.js';
import { runPass } from '../../runtime/flows/run-pass.js';
import { resolveConnection } from '../connection-arg.js';
import { ProgressReporter } from '../progress.js';
import { print, printError, withApp } from '../run-command.js';

const NAMES = FLOWS.map((f) => f.name);

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('run one pass of a flow now, in the foreground (under the same lease as the service)')
    .argument('<flow>', `one of: ${NAMES.join(', ')}`)
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
        const module = flowNamed(flow);
        if (!module) {
          printError(`Unknown flow "${flow}": choose one of ${NAMES.join(', ')}.`);
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
          const results = await syncPasses(new Connector(app), connection, module, opts);
          return report(module, connection.name, results, !!opts.dryRun, dashboardUrl(app.config));
        });
      },
    );
}

/** The passes `sync` makes, one after the other, with a progress line; Ctrl-C stops them. */
async function syncPasses(
  connector: Connector,
  connection: Connection,
  module: FlowModule,
  opts: { dryRun?: boolean; mode: string; wait: boolean },
): Promise<FlowRunResult[]> {
  const progress = new ProgressReporter();
  const controller = new AbortController();
  const stop = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const options = { dryRun: !!opts.dryRun, onProgress: progress.update, signal: controller.signal, ignorePause: true };
  const results: FlowRunResult[] = [];
  const once = waitingWhileBusy(module.name, opts.wait, controller.signal);
  try {
    // `--mode` picks the orders flow's passes (all: new, then edits); the other flows make one pass.
    for (const request of module.byHand(opts.mode)) {
      const r = await once(() => runPass(connector, connection, module, { ...request, ...options }));
      results.push(r);
      // The next pass would meet the same fault: one failure line, not one per pass.
      if (r.status === 'failed') break;
    }
  } finally {
    progress.stop();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return results;
}

/** The service (or another sync) may hold the flow's lease: wait for its pass to end, then run ours. */
function waitingWhileBusy(flow: string, wait: boolean, signal: AbortSignal) {
  const started = Date.now();
  const deadline = started + 10 * 60_000;
  let told = 0;
  return async (pass: () => Promise<FlowRunResult>): Promise<FlowRunResult> => {
    for (;;) {
      const r = await pass();
      if (r.status !== 'busy' || !wait || Date.now() > deadline || signal.aborted) return r;
      // A line at first, then one every 10 s: a long pass of the service must not look like a hung command.
      if (told === 0) {
        printError(
          `The ${flow} flow is running in another process (${r.holder}); waiting for it to finish (Ctrl-C to give up, --no-wait not to wait)…`,
        );
        told = Date.now();
      } else if (Date.now() - told >= 10_000) {
        printError(
          `Still waiting for the ${flow} pass of ${r.holder} (${Math.round((Date.now() - started) / 1000)} s)…`,
        );
        told = Date.now();
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };
}

/** Where the dashboard listens (the service's admin address from the same settings). */
function dashboardUrl(config: Config): string {
  const host = config.ADMIN_HOST ?? config.HOST;
  return `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${config.ADMIN_PORT ?? config.PORT}`;
}

/**
 * One line for a failed pass: what failed, what was tried (the client's retries, noted on the error), and
 * what to do next.
 */
export function failureLine(flow: string, connection: string, error: Error, dashboard: string): string {
  const context = (error as Partial<ConnectorError>).context ?? {};
  const attempts = Number(context['attempts'] ?? 1);
  const seconds = Math.round(Number(context['triedMs'] ?? 0) / 1000);
  const tried = attempts > 1 ? ` (tried ${attempts} times over ${seconds} s)` : '';
  const what = error.message.replace(/[.\s]+$/, '');
  return `The ${flow} pass of "${connection}" failed: ${what}${tried}. Next: run "ml-connector ping --connection ${connection}" to check both systems, and see ${dashboard}/connections/${encodeURIComponent(connection)} on the dashboard.`;
}

function report(
  module: FlowModule,
  connection: string,
  results: FlowRunResult[],
  dryRun: boolean,
  dashboard: string,
): number {
  const flow = module.name;
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
      printError(failureLine(flow, connection, r.error, dashboard));
      code = 1;
      continue;
    }
    const counts = Object.entries(r.outcome.counts)
      .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${v}`)
      .join(', ');
    const off = module.offReason?.(r);
    if (off) {
      print(`The ${flow} flow of "${connection}" is off: ${off}`);
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
