import type { Command } from 'commander';
import type { Connection } from '../../../domain/connection.js';
import { ConnectorError } from '../../../domain/errors.js';
import { FIELD_TARGETS, type ResolvedFieldMapping } from '../../../domain/field-mapping.js';
import {
  applyFieldAssignments,
  FIELD_TARGET_LABELS,
  formatFieldSource,
  resolveFieldMapping,
} from '../../../mapping/field-mapping.js';
import { Connector } from '../../../runtime/connector.js';
import { previewFieldMapping, saveFieldMapping, WIRE_NAMES } from '../../../runtime/field-mapping-runner.js';
import { resolveConnection } from '../../connection-arg.js';
import { print, printError, table, withApp } from '../../run-command.js';
import { CONNECTION_OPTION } from './mapping-text.js';

/**
 * `mappings fields list | set | preview`: the field mapping of docs/mapping.md ("Field mapping"): which Sage
 * value fills custom fields 1–3, notes, gift, tags and third-party billing. Sources are typed
 * `order:<field>`, `order-optional:<field>`, `customer:<field>`, `customer-optional:<field>`, `text:<text>`
 * or `none`; `default` puts a target back.
 */
export function registerMappingsFields(mappings: Command): void {
  const fields = mappings
    .command('fields')
    .description('choose which Sage 300 value fills each ShipStation custom field, note, gift field, tag and bill-to');
  fields
    .command('list')
    .description('the field mapping of the connection')
    .option(...CONNECTION_OPTION)
    .action(async (opts: { connection?: string }, command: Command) => {
      await withApp(command, async (app) => {
        const connection = await resolveConnection(app, opts.connection);
        printMapping(resolveFieldMapping(connection.settings.fields));
      });
    });
  fields
    .command('set')
    .description('change targets (target=source …), checked against the Sage install ($metadata) before saving')
    .argument('<assignments...>', 'e.g. customField2=order:PurchaseOrderNumber giftMessage=order-optional:GIFTMSG')
    .option(...CONNECTION_OPTION)
    .action(async (assignments: string[], opts: { connection?: string }, command: Command) => {
      await withApp(command, async (app) => {
        const connection = await resolveConnection(app, opts.connection);
        const proposed = proposal(connection, assignments);
        const result = await saveFieldMapping(new Connector(app), connection, proposed);
        if (!result.saved) {
          for (const e of result.errors) printError(e.message);
          printError('Nothing saved.');
          return 1;
        }
        printMapping(proposed);
        print('\nSaved. Open orders are updated by the next edits pass (shipped orders never change).');
        return 0;
      });
    });
  fields
    .command('preview')
    .description('the ShipStation fields of a Sage order now and with the given changes (nothing is saved)')
    .argument('<order-number>', 'a Sage 300 order number')
    .argument('[assignments...]', 'the changes to preview (target=source …)')
    .option(...CONNECTION_OPTION)
    .action(async (orderNumber: string, assignments: string[], opts: { connection?: string }, command: Command) => {
      await withApp(command, async (app) => {
        const connection = await resolveConnection(app, opts.connection);
        const proposed = proposal(connection, assignments);
        const preview = await previewFieldMapping(new Connector(app), connection, orderNumber, proposed);
        if (!preview.found) {
          printError(`Sage 300 has no order ${orderNumber}.`);
          return 1;
        }
        const api = connection.shipstation?.ordersApi ?? 'v1';
        print(`Order ${preview.orderNumber}:`);
        print(
          table(
            ['field', 'ShipStation', 'now', 'with the change', ''],
            preview.rows.map((r) => [
              FIELD_TARGET_LABELS[r.target],
              WIRE_NAMES[r.target][api],
              r.before,
              r.after,
              r.changed ? 'changed' : '',
            ]),
          ),
        );
        for (const p of preview.problems) printError(`would hold: ${p}`);
        return 0;
      });
    });
}

function proposal(connection: Connection, assignments: readonly string[]): ResolvedFieldMapping {
  const r = applyFieldAssignments(resolveFieldMapping(connection.settings.fields), assignments);
  if (!r.ok) throw new ConnectorError('invalid_field_mapping', r.errors.join('\n'));
  return r.mapping;
}

function printMapping(m: ResolvedFieldMapping): void {
  print(
    table(
      ['target', 'field', 'V1', 'V2', 'from Sage 300'],
      FIELD_TARGETS.map((t) => [
        t,
        FIELD_TARGET_LABELS[t],
        WIRE_NAMES[t].v1,
        WIRE_NAMES[t].v2,
        formatFieldSource(m[t]),
      ]),
    ),
  );
}
