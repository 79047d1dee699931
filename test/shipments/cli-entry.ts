import { Command } from 'commander';
import { registerShipments } from '../../src/cli/commands/shipments.js';

/** The `shipments` commands as the CLI runs them (same root options), in a process of their own; main.ts wires the same function. */
const program = new Command();
program.name('ml-connector').option('--config <file>', 'JSON config file').showHelpAfterError();
registerShipments(program);
await program.parseAsync(process.argv);
