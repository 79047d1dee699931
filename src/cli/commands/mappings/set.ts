import type { Command } from 'commander';
import type { App } from '../../../app.js';
import type { Connection } from '../../../domain/connection.js';
import type { MappingKind } from '../../../domain/mappings.js';
import { resolveTarget, type TargetQuery } from '../../../engine/mappings/resolve-target.js';
import { Connector } from '../../../runtime/connector.js';
import { runReference } from '../../../runtime/flows/reference-flow.js';
import { ensureReferenceSnapshot } from '../../../runtime/mappings-runner.js';
import { resolveConnection } from '../../connection-arg.js';
import { print, printError, withApp } from '../../run-command.js';
import { CONNECTION_OPTION, kindOf, targetText } from './mapping-text.js';

interface SetOptions {
  connection?: string;
  warehouse?: string;
  service?: string;
  inventoryLocation?: string;
  skip?: boolean;
  clear?: boolean;
}

/** `mappings set <kind> <sageValue>`: map, skip or clear one Sage value by hand. */
export function registerMappingsSet(mappings: Command): void {
  mappings
    .command('set <kind> <sageValue>')
    .description(
      'map one Sage value: location → --warehouse, ship_via → --service, inventory_location → --inventory-location',
    )
    .option(...CONNECTION_OPTION)
    .option('--warehouse <idOrName>', 'ShipStation warehouse id or name (for a location)')
    .option(
      '--service <carrier:service>',
      'ShipStation carrier and service codes, e.g. ups:ups_ground (for a ship_via)',
    )
    .option('--inventory-location <idOrName>', 'ShipStation inventory location id or name (for an inventory_location)')
    .option('--skip', 'ship_via: not through ShipStation (will-call, LTL); inventory_location: send no stock')
    .option('--clear', 'forget the mapping (the next reference pass suggests again)')
    .action(async (kindText: string, sageValue: string, opts: SetOptions, command: Command) => {
      await withApp(command, async (app) => {
        const kind = kindOf(kindText);
        const chosen = [opts.warehouse, opts.service, opts.inventoryLocation, opts.skip, opts.clear].filter(
          (x) => x !== undefined && x !== false,
        );
        if (chosen.length !== 1) {
          printError('Give exactly one of --warehouse, --service, --inventory-location, --skip or --clear.');
          return 2;
        }
        const connection = await resolveConnection(app, opts.connection);
        if (opts.clear) {
          await app.store.mappings.remove(connection.id, kind, sageValue);
          print(`Cleared the ${kind} mapping of ${sageValue || '""'}; the next reference pass suggests one again.`);
          return;
        }
        if (opts.skip) return skipValue(app, connection, kind, sageValue);
        const query: TargetQuery = opts.warehouse
          ? { warehouse: opts.warehouse }
          : opts.service
            ? { service: opts.service }
            : { inventoryLocation: opts.inventoryLocation ?? '' };
        return mapValue(app, connection, kind, sageValue, query);
      });
    });
}

async function skipValue(
  app: App,
  connection: Connection,
  kind: MappingKind,
  sageValue: string,
): Promise<number | undefined> {
  if (kind === 'location') {
    printError('A Sage location cannot be skipped: orders from it need a ShipStation warehouse (--warehouse).');
    return 2;
  }
  await app.store.mappings.set(connection.id, kind, sageValue, 'skip', null, 'user');
  print(
    kind === 'ship_via'
      ? `Ship-via ${sageValue || '""'}: not through ShipStation (such orders are skipped, visibly).`
      : `Inventory of Sage location ${sageValue}: not sent to ShipStation.`,
  );
  return undefined;
}

async function mapValue(
  app: App,
  connection: Connection,
  kind: MappingKind,
  sageValue: string,
  query: TargetQuery,
): Promise<number | undefined> {
  const store = app.store.mappings;
  const connector = new Connector(app);
  await ensureReferenceSnapshot(connector, connection);
  let resolved = resolveTarget(kind, query, await store.reference(connection.id));
  if (!resolved.ok && resolved.reason === 'not_found') {
    // The snapshot may predate a warehouse or service added since: read ShipStation again, once.
    const pass = await runReference(connector, connection, { ignorePause: true, autoAccept: false });
    if (pass.status === 'failed') throw pass.error;
    resolved = resolveTarget(kind, query, await store.reference(connection.id));
  }
  if (!resolved.ok) {
    printError(resolved.message);
    return 1;
  }
  const sageKind = kind === 'ship_via' ? 'ship_via' : 'location';
  const known = (await store.reference(connection.id, 'sage300', sageKind)).some((r) => r.value === sageValue);
  await store.set(connection.id, kind, sageValue, 'mapped', resolved.target, 'user');
  print(`Mapped ${kind} ${sageValue || '""'} → ${targetText(resolved.target)}.`);
  if (!known && sageValue !== '') {
    print(
      `Note: Sage 300 did not list ${sageKind === 'ship_via' ? 'ship-via code' : 'location'} ${sageValue} at the last reference pass; the mapping is kept for when it does.`,
    );
  }
  return undefined;
}
