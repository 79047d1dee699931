#!/usr/bin/env node
import { Command } from 'commander';
import { registerConfig } from './commands/config.js';
import { registerConnect } from './commands/connect.js';
import { registerConnections } from './commands/connections.js';
import { registerKeys } from './commands/keys.js';
import { registerSim } from './commands/sim.js';

const program = new Command();
program
  .name('ml-connector')
  .description('Sage 300 ↔ ShipStation connector: orders out, shipments back, stock in step')
  .option('--config <file>', 'JSON config file with the same names as the environment variables')
  .showHelpAfterError('(run with --help for usage)');

registerConfig(program);
registerConnect(program);
registerConnections(program);
registerKeys(program);
registerSim(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
