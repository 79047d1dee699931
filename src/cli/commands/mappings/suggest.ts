import type { Command } from 'commander';
import type { App } from '../../../app.js';
import type { Connection } from '../../../domain/connection.js';
import { MAPPING_KINDS, type Mapping } from '../../../domain/mappings.js';
import { Connector } from '../../../runtime/connector.js';
import { runReference } from '../../../runtime/flows/reference-flow.js';
import { resolveConnection } from '../../connection-arg.js';
import { print, printError, table, withApp } from '../../run-command.js';
import { CONNECTION_OPTION, kindOf, targetText } from './mapping-text.js';

interface SuggestOptions {
  connection?: string;
  accept?: boolean;
  kind?: string;
  value?: string;
}

/** `mappings suggest [--accept]`: a reference pass, the open suggestions, and with --accept confirming them. */
export function registerMappingsSuggest(mappings: Command): void {
  mappings
    .command('suggest')
    .description('read both systems, suggest mappings by name, and with --accept confirm the suggestions')
    .option(...CONNECTION_OPTION)
    .option('--accept', 'confirm the suggestions shown (narrow them with --kind and --value)')
    .option('--kind <kind>', `only one kind: ${MAPPING_KINDS.join(', ')}`)
    .option('--value <sageValue>', 'only this Sage value')
    .action(async (opts: SuggestOptions, command: Command) => {
      await withApp(command, async (app) => {
        const connection = await resolveConnection(app, opts.connection);
        const kind = opts.kind === undefined ? undefined : kindOf(opts.kind);
        const pass = await runReference(new Connector(app), connection, { ignorePause: true, autoAccept: false });
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
        await acceptSuggestions(app, connection, open);
      });
    });
}

async function acceptSuggestions(app: App, connection: Connection, open: readonly Mapping[]): Promise<void> {
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
}
