import type { Command } from 'commander';
import { ConnectorError } from '../../domain/errors.js';
import { MAPPING_KINDS, type Mapping, type MappingKind, type MappingTarget } from '../../domain/mappings.js';
import type { CheckFinding } from '../../engine/mappings/check.js';
import { resolveTarget, type TargetQuery } from '../../engine/mappings/resolve-target.js';
import { unmappedShipStation } from '../../engine/mappings/reverse.js';
import { Connector } from '../../runtime/connector.js';
import { runReference, runReferencePart } from '../../runtime/flows/reference-flow.js';
import { checkConnectionMappings, ensureReferenceSnapshot } from '../../runtime/mappings-runner.js';
import { resolveConnection } from '../connection-arg.js';
import { print, printError, table, withApp } from '../run-command.js';

/**
 * `ml-connector mappings list | set | suggest | check | create-ship-vias`: the mapping table between Sage
 * locations / ship-via codes and ShipStation warehouses, services and inventory locations.
 */
export function registerMappings(program: Command): void {
  const mappings = program
    .command('mappings')
    .description('map Sage locations and ship-via codes to ShipStation warehouses, services and inventory locations');

  mappings
    .command('list')
    .description('the mapping table, and the ShipStation values nothing is mapped to')
    .option('--connection <name>', 'connection (default: the only one, or "default")')
    .option('--kind <kind>', `only one kind: ${MAPPING_KINDS.join(', ')}`)
    .action(async (opts: { connection?: string; kind?: string }, command: Command) => {
      await withApp(command, async (app) => {
        const connection = await resolveConnection(app, opts.connection);
        const kind = opts.kind === undefined ? undefined : kindOf(opts.kind);
        const [rows, snapshot] = await Promise.all([
          app.store.mappings.list(connection.id, kind),
          app.store.mappings.reference(connection.id),
        ]);
        const label = (k: string, v: string) =>
          snapshot.find(
            (r) => r.system === 'sage300' && r.kind === (k === 'ship_via' ? 'ship_via' : 'location') && r.value === v,
          )?.label ?? '';
        if (rows.length === 0) {
          print(`No mappings yet for connection "${connection.name}": run "ml-connector mappings suggest".`);
        } else {
          print(
            table(
              ['KIND', 'SAGE VALUE', 'SAGE NAME', 'STATUS', 'SHIPSTATION', 'BY'],
              rows.map((m) => [
                m.kind,
                m.sageValue || '""',
                label(m.kind, m.sageValue),
                m.status,
                describe(m),
                m.source,
              ]),
            ),
          );
        }
        const reverse = unmappedShipStation(snapshot, await app.store.mappings.list(connection.id)).filter(
          (r) =>
            !kind ||
            (kind === 'location'
              ? r.kind === 'warehouse'
              : kind === 'ship_via'
                ? r.kind === 'service'
                : r.kind === kind),
        );
        if (reverse.length > 0) {
          print('\nShipStation values no Sage value is mapped to:');
          print(
            table(
              ['KIND', 'SHIPSTATION', 'NAME', 'CLOSEST SAGE VALUE'],
              reverse.map((r) => [
                r.kind,
                r.value,
                r.label,
                r.suggestion ? `${r.suggestion.sageValue} ${r.suggestion.sageName} (${r.suggestion.score})` : '',
              ]),
            ),
          );
        }
      });
    });

  mappings
    .command('set <kind> <sageValue>')
    .description(
      'map one Sage value: location → --warehouse, ship_via → --service, inventory_location → --inventory-location',
    )
    .option('--connection <name>', 'connection (default: the only one, or "default")')
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
        const store = app.store.mappings;
        if (opts.clear) {
          await store.remove(connection.id, kind, sageValue);
          print(`Cleared the ${kind} mapping of ${sageValue || '""'}; the next reference pass suggests one again.`);
          return;
        }
        if (opts.skip) {
          if (kind === 'location') {
            printError('A Sage location cannot be skipped: orders from it need a ShipStation warehouse (--warehouse).');
            return 2;
          }
          await store.set(connection.id, kind, sageValue, 'skip', null, 'user');
          print(
            kind === 'ship_via'
              ? `Ship-via ${sageValue || '""'}: not through ShipStation (such orders are skipped, visibly).`
              : `Inventory of Sage location ${sageValue}: not sent to ShipStation.`,
          );
          return;
        }
        const query: TargetQuery = opts.warehouse
          ? { warehouse: opts.warehouse }
          : opts.service
            ? { service: opts.service }
            : { inventoryLocation: opts.inventoryLocation ?? '' };
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
      });
    });

  mappings
    .command('suggest')
    .description('read both systems, suggest mappings by name, and with --accept confirm the suggestions')
    .option('--connection <name>', 'connection (default: the only one, or "default")')
    .option('--accept', 'confirm the suggestions shown (narrow them with --kind and --value)')
    .option('--kind <kind>', `only one kind: ${MAPPING_KINDS.join(', ')}`)
    .option('--value <sageValue>', 'only this Sage value')
    .action(
      async (opts: { connection?: string; accept?: boolean; kind?: string; value?: string }, command: Command) => {
        await withApp(command, async (app) => {
          const connection = await resolveConnection(app, opts.connection);
          const kind = opts.kind === undefined ? undefined : kindOf(opts.kind);
          const connector = new Connector(app);
          const pass = await runReference(connector, connection, { ignorePause: true, autoAccept: false });
          if (pass.status === 'failed') throw pass.error;
          if (pass.status === 'busy') {
            printError(
              `The reference flow of "${connection.name}" is running elsewhere (${pass.holder}); try again shortly.`,
            );
            return 1;
          }
          const open = (await app.store.mappings.list(connection.id, kind)).filter(
            (m) =>
              (m.status === 'suggested' || m.status === 'unmapped') &&
              (opts.value === undefined || m.sageValue === opts.value),
          );
          if (open.length === 0) {
            print('Every Sage value is mapped: nothing to suggest.');
            return;
          }
          print(
            table(
              ['KIND', 'SAGE VALUE', 'SUGGESTION', 'STATUS'],
              open.map((m) => [
                m.kind,
                m.sageValue || '""',
                m.target ? targetText(m.target) : '(nothing close)',
                m.status,
              ]),
            ),
          );
          if (!opts.accept) {
            print(
              '\nConfirm with "ml-connector mappings suggest --accept" (narrow with --kind / --value), or set one with "mappings set".',
            );
            return;
          }
          let accepted = 0;
          for (const m of open) {
            if (m.status !== 'suggested' || !m.target) continue;
            const skip = 'skip' in m.target;
            await app.store.mappings.set(
              connection.id,
              m.kind,
              m.sageValue,
              skip ? 'skip' : 'mapped',
              skip ? null : m.target,
              'user',
            );
            accepted++;
          }
          print(`\nAccepted ${accepted} suggestion${accepted === 1 ? '' : 's'}.`);
          const left = open.length - accepted;
          if (left > 0)
            print(
              `${left} value${left === 1 ? ' has' : 's have'} no suggestion: map ${left === 1 ? 'it' : 'them'} with "ml-connector mappings set".`,
            );
        });
      },
    );

  mappings
    .command('check')
    .description('before go-live: everything unmapped on either side; exits 1 when something blocks orders')
    .option('--connection <name>', 'connection (default: the only one, or "default")')
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

  mappings
    .command('create-ship-vias')
    .description('create Sage ship-via codes for ShipStation services that have none (idempotent)')
    .option('--connection <name>', 'connection (default: the only one, or "default")')
    .option('--dry-run', 'show what would be created; create nothing')
    .action(async (opts: { connection?: string; dryRun?: boolean }, command: Command) => {
      await withApp(command, async (app) => {
        const connection = await resolveConnection(app, opts.connection);
        const connector = new Connector(app);
        await ensureReferenceSnapshot(connector, connection);
        const result = await runReferencePart(connector, connection, 'ship-vias', {
          ignorePause: true,
          waitIfBusyMs: 30_000,
          ...(opts.dryRun ? { dryRun: true } : {}),
        });
        if (result.status === 'failed') throw result.error;
        if (result.status !== 'ran') {
          printError(
            `Not run: the reference flow is ${result.status === 'busy' ? `running elsewhere (${result.holder})` : result.status}.`,
          );
          return 1;
        }
        const c = result.outcome.counts;
        if (opts.dryRun) {
          for (const p of result.outcome.planned) print(`would ${p.action}: ${p.summary}`);
          if (result.outcome.planned.length === 0) print('Every ShipStation service has a Sage ship-via code.');
          return;
        }
        print(
          `Created ${c['ship_vias_created'] ?? 0} ship-via code(s), mapped ${c['ship_vias_linked'] ?? 0} made earlier; ${c['ship_vias_covered'] ?? 0} service(s) already had one.`,
        );
      });
    });
}

interface SetOptions {
  connection?: string;
  warehouse?: string;
  service?: string;
  inventoryLocation?: string;
  skip?: boolean;
  clear?: boolean;
}

function kindOf(text: string): MappingKind {
  const k = text.trim().toLowerCase().replace(/-/g, '_');
  if ((MAPPING_KINDS as readonly string[]).includes(k)) return k as MappingKind;
  throw new ConnectorError('invalid_kind', `"${text}" is not a mapping kind: use ${MAPPING_KINDS.join(', ')}.`);
}

function targetText(t: MappingTarget): string {
  if ('skip' in t) return 'not through ShipStation';
  if ('warehouseId' in t) return `warehouse ${t.warehouseId} (${t.name})`;
  if ('serviceCode' in t) return `${t.carrierCode}:${t.serviceCode} (${t.name})`;
  return `inventory location ${t.inventoryLocationId} (${t.name})`;
}

function describe(m: Mapping): string {
  if (m.status === 'skip') return 'not through ShipStation';
  return m.target ? targetText(m.target) : '';
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
