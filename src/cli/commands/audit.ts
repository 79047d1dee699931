import type { Command } from 'commander';
import type { App } from '../../app.js';
import { DEMO_EXAMPLE_ORDER } from '../../demo/example-order.js';
import { orderStateWords } from '../../domain/records.js';
import { dataLocation, resolveConnections } from '../connection-arg.js';
import { print, printError, withApp } from '../run-command.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description("show a record's timeline");
  audit
    .command('order')
    .description('one Sage order: detected, mapped, pushed, acknowledged, updated, held (why), shipped, written back…')
    .argument(
      '<orderNumber>',
      `the Sage 300 order number (e.g. ${DEMO_EXAMPLE_ORDER}, an order of the demo; \`ml-connector orders\` lists them)`,
    )
    .option('--json', 'print the events as JSON lines (with their data, secrets redacted)')
    .action(async (orderNumber: string, opts: { json?: boolean }, command: Command) => {
      await withApp(command, async (app) => {
        const events = await app.store.audit.forDisplay(orderNumber);
        if (events.length === 0) {
          printError(await noHistory(app, orderNumber));
          return 1;
        }
        const records = await app.store.records.byDisplay(orderNumber);
        const connections = new Map((await app.store.connections.list()).map((c) => [c.id, c.name]));
        for (const r of records) {
          print(
            `Order ${orderNumber} (connection "${connections.get(r.connectionId) ?? r.connectionId}"): ${orderStateWords(r.state)}${r.ssNumber ? `, ShipStation ${r.ssNumber}` : ''}`,
          );
          if (r.reason) for (const line of r.reason.split('\n')) print(`  ${line}`);
        }
        print();
        for (const e of events) {
          if (opts.json) print(JSON.stringify(e));
          else print(`${e.at.replace('T', ' ').slice(0, 19)}  ${e.event.padEnd(14)} ${e.message}`);
        }
      });
    });
}

/**
 * Says where it looked and which known order numbers are nearest: the same digits (ORD123 for ORD000123),
 * or the number typed in another case. Throws the "no connection" error when there is nothing to look in.
 */
async function noHistory(app: App, orderNumber: string): Promise<string> {
  const connections = await resolveConnections(app);
  const digits = orderNumber.replace(/^\D*0*/, '');
  const probes = [...new Set([orderNumber, digits].filter((p) => p.length >= 2))];
  const near = new Set<string>();
  for (const text of probes) {
    for (const r of await app.store.records.search({ kind: 'order', text, limit: 5 })) near.add(r.display);
  }
  const names = connections.map((c) => `"${c.name}"`).join(', ');
  const nearest = [...near].slice(0, 5);
  return [
    `No history for order ${orderNumber} in ${dataLocation(app)}, connection${connections.length === 1 ? '' : 's'} ${names}.`,
    nearest.length > 0
      ? `Nearest order numbers: ${nearest.join(', ')}.`
      : 'No order number there looks like it; `ml-connector orders` lists the orders the connector knows.',
    'Check the number as Sage 300 shows it, and that the orders flow has run since the order was entered (`ml-connector status`).',
  ].join('\n');
}
