import type { Command } from 'commander';
import type { App } from '../../app.js';
import type { Connection } from '../../domain/connection.js';
import { orderStateWords } from '../../domain/records.js';
import { type FlowWorker, flowWorkers, listWorkers } from '../../runtime/fleet.js';
import { FLOWS } from '../../runtime/flows/registry.js';
import type { FlowState } from '../../store/flows-repo.js';
import { resolveConnections } from '../connection-arg.js';
import { print, withApp } from '../run-command.js';
import { wrap } from '../text-wrap.js';
import { workerLines } from './workers.js';

/** `status` fits a 100-column terminal: sentences are wrapped, never cut. */
const WIDTH = 100;

function ago(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const diff = now - Date.parse(iso);
  if (diff < 0) return `in ${fmt(Math.ceil(-diff / 1000))}`;
  return `${fmt(Math.round(diff / 1000))} ago`;
}

function fmt(s: number): string {
  if (s < 90) return `${s}s`;
  if (s < 5400) return `${Math.round(s / 60)}m`;
  if (s < 172_800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86_400)}d`;
}

/** The state of each flow of the registry that has run, in name order. */
async function flowStates(app: App, connectionId: number): Promise<FlowState[]> {
  const stored = new Map((await app.store.flows.list(connectionId)).map((f) => [f.flow, f]));
  return FLOWS.map((f) => f.name)
    .sort()
    .flatMap((name) => stored.get(name) ?? []);
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description(
      'per connection and flow: last run, next run, counts and failures; orders by state; what needs a person',
    )
    .option('--connection <name>', 'one connection (default: all)')
    .action(async (opts: { connection?: string }, command: Command) => {
      await withApp(command, async (app) => {
        const now = app.clock.now();
        const workers = await listWorkers(app);
        if (workers.length > 0) {
          print('Workers:');
          for (const l of workerLines(workers)) print(`  ${l}`);
          print();
        }
        for (const connection of await resolveConnections(app, opts.connection)) {
          const apis = await shipStationApis(app, connection);
          for (const line of wrap(
            `Connection "${connection.name}" (Sage 300 company ${connection.sage300?.company ?? '-'}; ShipStation ${apis})`,
            WIDTH,
            0,
            '  ',
          ))
            print(line);
          printFlows(await flowStates(app, connection.id), now, await flowWorkers(app, connection.id));
          await printOrders(app, connection.id);
          print();
        }
      });
    });
}

/**
 * The ShipStation API each flow really uses: orders through the chosen (or only) API, inventory through V2
 * only — as the connection runtime decides, from the stored keys.
 */
export async function shipStationApis(app: App, connection: Connection): Promise<string> {
  const kinds = new Set((await app.store.connections.credentialStatus(connection.id)).map((c) => c.kind));
  const v1 = kinds.has('shipstation.v1.key') && kinds.has('shipstation.v1.secret');
  const v2 = kinds.has('shipstation.v2.key');
  if (!v1 && !v2) return 'not connected yet';
  const orders = connection.shipstation?.ordersApi ?? (v1 ? 'v1' : 'v2');
  return `${orders === 'v1' && v1 ? 'V1' : v2 ? 'V2' : 'V1'} orders, ${v2 ? 'V2 inventory' : 'no inventory (needs a V2 key)'}`;
}

/** One block per flow: its state and times on the first line, then counts and the message, wrapped. */
function printFlows(flows: FlowState[], now: number, workers: Map<string, FlowWorker>): void {
  if (flows.length === 0) {
    print('  No flow has run yet: start the service with "ml-connector start", or run "ml-connector sync orders".');
    return;
  }
  const nameWidth = Math.max(...flows.map((f) => f.flow.length));
  const indent = ' '.repeat(2 + nameWidth + 2);
  for (const f of flows) {
    const running = !f.paused && f.lastStatus === 'running';
    const state = f.paused ? 'paused' : (f.lastStatus ?? 'not run yet');
    const next = f.paused
      ? ''
      : !f.nextRunAt
        ? ''
        : Date.parse(f.nextRunAt) <= now
          ? ', next run due now'
          : `, next run ${ago(f.nextRunAt, now)}`;
    const head = running
      ? `running: this pass started ${ago(f.lastStartedAt, now)}; last success ${ago(f.lastSuccessAt, now)}`
      : `${state}: last run ${ago(f.lastFinishedAt ?? f.lastStartedAt, now)}, last success ${ago(f.lastSuccessAt, now)}${next}`;
    const lead = `  ${f.flow.padEnd(nameWidth)}  `;
    for (const [i, line] of wrap(head, WIDTH, lead.length, indent).entries()) print(i === 0 ? `${lead}${line}` : line);
    const worker = workers.get(f.flow);
    if (worker) print(`${indent}${worker.running ? 'On' : 'Last ran on'} worker ${worker.worker}.`);
    // A running pass is not described by the last pass's counts and message.
    if (running) continue;
    const counts =
      f.lastCounts && Object.keys(f.lastCounts).length > 0
        ? Object.entries(f.lastCounts)
            .map(([k, v]) => `${k.replace(/_/g, ' ')} ${v}`)
            .join(', ')
        : 'nothing new';
    for (const line of wrap(`Last pass: ${counts}.`, WIDTH, indent.length, indent))
      print(line.startsWith(indent) ? line : `${indent}${line}`);
    if (f.lastError)
      for (const line of wrap(f.lastError, WIDTH, indent.length, indent))
        print(line.startsWith(indent) ? line : `${indent}${line}`);
  }
}

/** Orders by state, and the ones that need a person with their reasons. */
async function printOrders(app: App, connectionId: number): Promise<void> {
  const counts = await app.store.records.countByState(connectionId);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const byState = Object.entries(counts)
    .map(([k, v]) => `${k.replace('_', ' ')} ${v}`)
    .join(', ');
  for (const line of wrap(`Orders: ${total}${total ? ` (${byState})` : ''}`, WIDTH, 2, '    '))
    print(line.startsWith('  ') ? line : `  ${line}`);
  const attention = await app.store.records.search({
    connectionId,
    states: ['held', 'failed', 'conflict'],
    limit: 20,
  });
  if (attention.length === 0) return;
  print(`  Needs attention (${attention.length}${attention.length === 20 ? '+' : ''}):`);
  for (const r of attention) {
    print(`    ${r.display}: ${orderStateWords(r.state)}`);
    for (const para of (r.reason ?? '').split('\n'))
      for (const line of wrap(para, WIDTH, 6, '      ')) print(line.startsWith('      ') ? line : `      ${line}`);
  }
  print("  See one order's history with: ml-connector audit order <OrderNumber>");
}
