import { resolve } from 'node:path';
import type { Command } from 'commander';
import { keyringPath } from '../../app.js';
import { requestKeysReload } from '../../runtime/keys-reload-request.js';
import { keyIdOf } from '../../vault/key-id.js';
import { print, printError, withApp } from '../run-command.js';

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('manage the encryption keys that protect stored credentials');

  keys
    .command('list')
    .description('show the key ids this process has and which ones stored credentials use')
    .action(async (_o, command: Command) => {
      await withApp(command, async (app) => {
        const used = await app.store.connections.keyIdsInUse();
        print(`Keys from ${app.keyring.fromEnvironment ? 'the environment' : keyringPath(app.config)}:`);
        for (const id of app.keyring.keyIds) {
          print(`  ${id}${id === app.keyring.currentKeyId ? '  (current)' : ''}${used.has(id) ? '  in use' : ''}`);
        }
        const missing = [...used].filter((id) => !app.keyring.keyIds.includes(id));
        for (const id of missing) print(`  ${id}  MISSING: credentials sealed with it cannot be read`);
      });
    });

  keys
    .command('rotate')
    .description('make a new key current and re-encrypt every stored credential under it')
    .option('--new-key <base64>', 'use this key (base64 of 32 bytes) instead of generating one')
    .action(async (opts: { newKey?: string }, command: Command) => {
      await withApp(command, async (app) => {
        let given: Buffer | undefined;
        if (opts.newKey !== undefined) {
          given = Buffer.from(opts.newKey, 'base64');
          if (given.length !== 32) {
            printError(
              '--new-key must be the base64 encoding of exactly 32 bytes (for example: openssl rand -base64 32).',
            );
            return 2;
          }
        }
        const old = app.keyring.currentKeyId;
        if (app.keyring.fromEnvironment && !given) {
          printError(
            'Keys come from ML_CONNECTOR_MASTER_KEY, so a new key cannot be saved for you. Give one with --new-key.',
          );
          return 2;
        }
        const id = app.keyring.addCurrentKey(given);
        const count = await app.store.connections.resealAll();
        print(`Re-encrypted ${count} stored credential${count === 1 ? '' : 's'} under key ${id} (was ${old}).`);
        if (app.keyring.fromEnvironment) {
          print('Now update the environment of every process that uses this store:');
          print(`  ML_CONNECTOR_MASTER_KEY=<the new key, id ${keyIdOf(given!)}>`);
          print(`  ML_CONNECTOR_PREVIOUS_KEYS=<the old key, id ${old}> (until "keys prune" finds it unused)`);
        } else {
          print(`The keyring ${keyringPath(app.config)} now holds the new key; back it up again.`);
          print(
            'A running service picks the new key up without stopping: run `ml-connector keys reload` (before any `keys prune`).',
          );
        }
      });
    });

  keys
    .command('reload')
    .description(
      'ask the running service (same data folder) to re-read its keyring after "keys rotate", without a restart; works on Windows too',
    )
    .option('--timeout <seconds>', 'how long to wait for the service to answer', '10')
    .action(async (opts: { timeout: string }, command: Command) => {
      const seconds = Number(opts.timeout);
      if (!Number.isFinite(seconds) || seconds <= 0) {
        printError(`--timeout must be a number of seconds above 0 (got "${opts.timeout}"), e.g. --timeout 30.`);
        process.exitCode = 2;
        return;
      }
      await withApp(command, (app) => reloadKeys(app.config.ML_CONNECTOR_DATA_DIR, seconds));
    });

  keys
    .command('prune')
    .description('remove keys from the keyring that no stored credential uses (the current key is kept)')
    .action(async (_o, command: Command) => {
      await withApp(command, async (app) => {
        if (app.keyring.fromEnvironment) {
          const used = await app.store.connections.keyIdsInUse();
          const unused = app.keyring.keyIds.filter((id) => !used.has(id) && id !== app.keyring.currentKeyId);
          print(
            unused.length === 0
              ? 'Every key in ML_CONNECTOR_PREVIOUS_KEYS is still in use (or there are none).'
              : `Keys ${unused.join(', ')} are no longer used: remove them from ML_CONNECTOR_PREVIOUS_KEYS.`,
          );
          return;
        }
        const removed = app.keyring.prune(await app.store.connections.keyIdsInUse());
        print(
          removed.length === 0
            ? 'No unused keys to remove.'
            : `Removed unused key${removed.length === 1 ? '' : 's'} ${removed.join(', ')}.`,
        );
      });
    });
}

/** `keys reload`: a request file the running service answers (keys-reload-watcher.ts); 1 when nobody did. */
async function reloadKeys(dataDir: string, seconds: number): Promise<number> {
  const answer = await requestKeysReload(dataDir, { timeoutMs: seconds * 1000 });
  if (answer.status === 'no-service') {
    printError(
      `No running service picked up the request within ${seconds} s: is \`ml-connector start\` running with this data folder? (${resolve(dataDir)}, ML_CONNECTOR_DATA_DIR)`,
    );
    return 1;
  }
  const { outcome } = answer;
  if (!outcome.ok) {
    printError(`The running service (pid ${outcome.pid}) could not reload its keyring: ${outcome.error}`);
    printError(`It keeps using key ${outcome.currentKeyId || '(none)'} until the keyring is fixed and reloaded.`);
    return 1;
  }
  print(
    `The running service (pid ${outcome.pid}) reloaded its keyring: current key ${outcome.currentKeyId}; keys ${outcome.keyIds.join(', ')}.`,
  );
  if (outcome.fromEnvironment) {
    print('Its keys come from ML_CONNECTOR_MASTER_KEY, which only a restart with the new environment changes.');
  }
  return 0;
}
