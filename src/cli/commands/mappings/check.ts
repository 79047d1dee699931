import type { Command } from 'commander';
import type { CheckFinding } from '../../../engine/mappings/check.js';
import { Connector } from '../../../runtime/connector.js';
import { checkConnectionMappings } from '../../../runtime/mappings-runner.js';
import { resolveConnection } from '../../connection-arg.js';
import { print, withApp } from '../../run-command.js';
import { CONNECTION_OPTION } from './mapping-text.js';

/** `mappings check`: the go-live check; exit code 1 when something would hold orders back. */
export function registerMappingsCheck(mappings: Command): void {
  mappings
    .command('check')
    .description('before go-live: everything unmapped on either side; exits 1 when something blocks orders')
    .option(...CONNECTION_OPTION)
    .option('--all', 'list every informational finding (items without products...), not only counts')
    .option('--no-items', 'do not compare Sage items with ShipStation products')
    .action(async (opts: { connection?: string; all?: boolean; items?: boolean }, command: Command) => {
      await withApp(command, async (app) => {
        const connection = await resolveConnection(app, opts.connection);
        const result = await checkConnectionMappings(new Connector(app), connection, { items: opts.items !== false });
        printFindings(result.findings, !!opts.all);
        if (result.blocking > 0) {
          print(`\nNOT READY: ${result.blocking} problem${result.blocking === 1 ? '' : 's'} would hold orders back.`);
          return 1;
        }
        print(
          `\nReady: every Sage location and ship-via code orders can use is mapped${result.warnings ? ` (${result.warnings} warning${result.warnings === 1 ? '' : 's'})` : ''}.`,
        );
        return 0;
      });
    });
}

const TITLES: Record<string, string> = {
  'sage300 location': 'Sage locations',
  'sage300 ship_via': 'Sage ship-via codes',
  'sage300 inventory_location': 'Sage locations (stock)',
  'sage300 item': 'Sage items',
  'shipstation warehouse': 'ShipStation warehouses',
  'shipstation service': 'ShipStation services',
  'shipstation inventory_location': 'ShipStation inventory locations',
  'shipstation product': 'ShipStation products',
};

/** Blocking problems and warnings one by one with their fix; information as counts with a few examples. */
function printFindings(findings: readonly CheckFinding[], all: boolean): void {
  for (const severity of ['blocking', 'warning', 'info'] as const) {
    const list = findings.filter((f) => f.severity === severity);
    if (list.length === 0) continue;
    print(`\n${severity === 'blocking' ? 'BLOCKS ORDERS' : severity === 'warning' ? 'WARNINGS' : 'FOR INFORMATION'}:`);
    const groups = new Map<string, CheckFinding[]>();
    for (const f of list) groups.set(`${f.side} ${f.kind}`, [...(groups.get(`${f.side} ${f.kind}`) ?? []), f]);
    for (const [group, items] of groups) {
      const shown = severity === 'info' && !all ? items.slice(0, 5) : items;
      print(`  ${TITLES[group] ?? group}: ${items.length}`);
      for (const f of shown) {
        print(`    ${f.value || '""'}${f.name && f.name !== f.value ? ` (${f.name})` : ''}: ${f.problem}`);
        if (f.fix && severity !== 'info') print(`      fix: ${f.fix}`);
      }
      if (shown.length < items.length) print(`    … and ${items.length - shown.length} more (--all lists them)`);
      if (severity === 'info' && shown[0]?.fix) print(`    hint: ${shown[0].fix}`);
    }
  }
  if (findings.length === 0) print('Nothing unmapped on either side.');
}
