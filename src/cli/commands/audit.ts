import type { Command } from 'commander';
import { ORDER_STATE_WORDS, type OrderState } from '../../domain/records.js';
import { print, printError, withApp } from '../run-command.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description("show a record's timeline");
  audit
    .command('order')
    .description('one Sage order: detected, mapped, pushed, acknowledged, updated, held (why), shipped, written back…')
    .argument('<orderNumber>', 'the Sage 300 order number (e.g. ORD000123)')
    .option('--json', 'print the events as JSON lines (with their data, secrets redacted)')
    .action(async (orderNumber: string, opts: { json?: boolean }, command: Command) => {
      await withApp(command, async (app) => {
        const events = await app.store.audit.forDisplay(orderNumber);
        if (events.length === 0) {
          printError(
            `No history for order ${orderNumber}. Check the number (as Sage 300 shows it), or whether the orders flow has run since it was entered.`,
          );
          return 1;
        }
        const records = await app.store.records.byDisplay(orderNumber);
        const connections = new Map((await app.store.connections.list()).map((c) => [c.id, c.name]));
        for (const r of records) {
          print(
            `Order ${orderNumber} (connection "${connections.get(r.connectionId) ?? r.connectionId}"): ${ORDER_STATE_WORDS[r.state as OrderState] ?? r.state}${r.ssNumber ? `, ShipStation ${r.ssNumber}` : ''}`,
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
