#!/usr/bin/env node
import { Command } from 'commander';
import { registerSim } from './commands/sim.js';

const program = new Command();
program
  .name('ml-connector')
  .description('Sage 300 ↔ ShipStation connector: orders out, shipments back, stock in step')
  .showHelpAfterError('(run with --help for usage)');

registerSim(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
