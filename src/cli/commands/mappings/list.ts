import type { Command } from 'commander';
import { MAPPING_KINDS, type Mapping, type MappingKind } from '../../../domain/mappings.js';
import { unmappedShipStation } from '../../../engine/mappings/reverse.js';
import { resolveConnection } from '../../connection-arg.js';
import { print, table, withApp } from '../../run-command.js';
import { CONNECTION_OPTION, kindOf, mappingText } from './mapping-text.js';

// Named through the engine's signature, so this file does not care where the type is declared.
type ReferenceItem = Parameters<typeof unmappedShipStation>[0][number];

/** `mappings list`: the mapping table, then the ShipStation values nothing is mapped to. */
export function registerMappingsList(mappings: Command): void {
  mappings
    .command('list')
    .description('the mapping table, and the ShipStation values nothing is mapped to')
    .option(...CONNECTION_OPTION)
    .option('--kind <kind>', `only one kind: ${MAPPING_KINDS.join(', ')}`)
    .action(async (opts: { connection?: string; kind?: string }, command: Command) => {
      await withApp(command, async (app) => {
        const connection = await resolveConnection(app, opts.connection);
        const kind = opts.kind === undefined ? undefined : kindOf(opts.kind);
        const [rows, snapshot] = await Promise.all([
          app.store.mappings.list(connection.id, kind),
          app.store.mappings.reference(connection.id),
        ]);
        if (rows.length === 0) {
          print(`No mappings yet for connection "${connection.name}": run "ml-connector mappings suggest".`);
        } else {
          printMappings(rows, snapshot);
        }
        printUnmappedShipStation(snapshot, await app.store.mappings.list(connection.id), kind);
      });
    });
}

function printMappings(rows: readonly Mapping[], snapshot: readonly ReferenceItem[]): void {
  const label = (k: string, v: string) =>
    snapshot.find(
      (r) => r.system === 'sage300' && r.kind === (k === 'ship_via' ? 'ship_via' : 'location') && r.value === v,
    )?.label ?? '';
  print(
    table(
      ['KIND', 'SAGE VALUE', 'SAGE NAME', 'STATUS', 'SHIPSTATION', 'BY'],
      rows.map((m) => [m.kind, m.sageValue || '""', label(m.kind, m.sageValue), m.status, mappingText(m), m.source]),
    ),
  );
}

function printUnmappedShipStation(
  snapshot: readonly ReferenceItem[],
  all: readonly Mapping[],
  kind: MappingKind | undefined,
): void {
  const reverse = unmappedShipStation(snapshot, all).filter(
    (r) =>
      !kind ||
      (kind === 'location' ? r.kind === 'warehouse' : kind === 'ship_via' ? r.kind === 'service' : r.kind === kind),
  );
  if (reverse.length === 0) return;
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
