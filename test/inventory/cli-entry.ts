import { Command } from 'commander';
import { registerMappings } from '../../src/cli/commands/mappings.js';
import { registerReconcile } from '../../src/cli/commands/reconcile.js';

/**
 * The `mappings` and `reconcile` commands as the CLI runs them (same root options), in a process of their
 * own; main.ts wires the same functions.
 */
const program = new Command();
program.name('ml-connector').option('--config <file>', 'JSON config file').showHelpAfterError();
registerMappings(program);
registerReconcile(program);
await program.parseAsync(process.argv);
