import type { Command } from 'commander';
import type { App } from '../../app.js';
import { ORDER_STATE_WORDS, type OrderState } from '../../domain/records.js';
import { FLOWS } from '../../runtime/flows/registry.js';
import type { FlowState } from '../../store/flows-repo.js';
import { resolveConnections } from '../connection-arg.js';
import { print, table, withApp } from '../run-command.js';

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
        for (const connection of await resolveConnections(app, opts.connection)) {
          print(
            `Connection "${connection.name}"  (Sage 300 ${connection.sage300?.company ?? '-'}, ShipStation ${connection.shipstation?.ordersApi ?? 'auto'})`,
          );
          printFlows(await flowStates(app, connection.id), now);
          await printOrders(app, connection.id);
          print();
        }
      });
    });
}

function printFlows(flows: FlowState[], now: number): void {
  if (flows.length === 0) {
    print('  No flow has run yet: start the service with "ml-connector start", or run "ml-connector sync orders".');
    return;
  }
  print(
    table(
      ['FLOW', 'STATE', 'LAST RUN', 'LAST OK', 'NEXT RUN', 'LAST COUNTS', 'LAST ERROR'],
      flows.map((f) => [
        f.flow,
        f.paused ? 'paused' : (f.lastStatus ?? '-'),
        ago(f.lastFinishedAt ?? f.lastStartedAt, now),
        ago(f.lastSuccessAt, now),
        f.paused ? '-' : !f.nextRunAt ? '-' : Date.parse(f.nextRunAt) <= now ? 'due now' : ago(f.nextRunAt, now),
        f.lastCounts && Object.keys(f.lastCounts).length > 0
          ? Object.entries(f.lastCounts)
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')
          : 'nothing new',
        f.lastError ? f.lastError.slice(0, 80) : '',
      ]),
    )
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  );
}

/** Orders by state, and the ones that need a person with their reasons. */
async function printOrders(app: App, connectionId: number): Promise<void> {
  const counts = await app.store.records.countByState(connectionId);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const byState = Object.entries(counts)
    .map(([k, v]) => `${k.replace('_', ' ')} ${v}`)
    .join(', ');
  print(`  Orders: ${total}${total ? ` (${byState})` : ''}`);
  const attention = await app.store.records.search({
    connectionId,
    states: ['held', 'failed', 'conflict'],
    limit: 20,
  });
  if (attention.length === 0) return;
  print(`  Needs attention (${attention.length}${attention.length === 20 ? '+' : ''}):`);
  for (const r of attention) {
    print(`    ${r.display}: ${ORDER_STATE_WORDS[r.state as OrderState] ?? r.state}`);
    for (const line of (r.reason ?? '').split('\n')) if (line) print(`      ${line}`);
  }
  print("  See one order's history with: ml-connector audit order <OrderNumber>");
}
