import type { Command } from 'commander';
import { keyringPath } from '../../app.js';
import { loadConfig } from '../../config/load.js';
import { sqlitePath } from '../../store/database.js';
import { widerThanPrivate } from '../../store/file-modes.js';
import { configFileOf, print, printError } from '../run-command.js';

export function registerConfig(program: Command): void {
  const config = program.command('config').description('inspect the configuration');
  config
    .command('check')
    .description('validate every setting (environment and config file) and report all problems at once')
    .action((_opts, command: Command) => {
      const file = configFileOf(command);
      const result = loadConfig({ env: process.env, file });
      for (const w of result.warnings) printError(`warning: ${w}`);
      if (!result.ok) {
        printError(
          `${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in the configuration${file ? ` (${file} and the environment)` : ''}:`,
        );
        for (const p of result.problems) printError(`  - ${p}`);
        process.exitCode = 2;
        return;
      }
      const c = result.config;
      const db = sqlitePath({ url: c.DATABASE_URL, dataDir: c.ML_CONNECTOR_DATA_DIR });
      const files = [
        ...(db ? [db, `${db}-wal`, `${db}-shm`] : []),
        ...(c.ML_CONNECTOR_MASTER_KEY ? [] : [keyringPath(c)]),
      ];
      for (const f of widerThanPrivate(files))
        printError(
          `warning: ${f.path} is readable by group or others (mode ${f.mode}); it holds connector data. Run: chmod 600 ${f.path}`,
        );
      print('Configuration is valid.');
      print(
        `  database:     ${c.DATABASE_URL ? (c.DATABASE_URL.startsWith('postgres') ? 'PostgreSQL (DATABASE_URL)' : c.DATABASE_URL) : `SQLite under ${c.ML_CONNECTOR_DATA_DIR}`}`,
      );
      print(`  keys:         ${c.ML_CONNECTOR_MASTER_KEY ? 'from ML_CONNECTOR_MASTER_KEY' : 'keyring file'}`);
      print(
        `  listen:       ${c.HOST}:${c.PORT}${c.ADMIN_PORT !== undefined ? `, dashboard on ${c.ADMIN_HOST ?? c.HOST}:${c.ADMIN_PORT}` : ''}`,
      );
      print(`  Sage 300:     ${c.SAGE300_URL ?? 'not set in the environment (use "ml-connector connect sage300")'}`);
      print(
        `  ShipStation:  ${[c.SHIPSTATION_API_KEY ? 'V1 key' : '', c.SHIPSTATION_V2_API_KEY ? 'V2 key' : ''].filter(Boolean).join(' + ') || 'not set in the environment (use "ml-connector connect shipstation")'}`,
      );
    });
}
