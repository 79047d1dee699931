import { Command, CommanderError } from 'commander';
import { registerMappings } from '../../src/cli/commands/mappings.js';
import { registerReconcile } from '../../src/cli/commands/reconcile.js';

/**
 * The `mappings` and `reconcile` commands as the CLI runs them (same root options, same functions main.ts
 * wires), in a process of their own. Several command lines separated by `--next` run one after the other in
 * this one process (a process start costs ~2 s under tsx); after each, a marker line carries its exit status.
 */
const lines: string[][] = [[]];
for (const arg of process.argv.slice(2)) {
  if (arg === '--next') lines.push([]);
  else lines.at(-1)!.push(arg);
}
for (const args of lines) {
  const program = new Command();
  program.name('ml-connector').option('--config <file>', 'JSON config file').exitOverride();
  registerMappings(program);
  registerReconcile(program);
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'ml-connector', ...args]);
  } catch (error) {
    process.exitCode = error instanceof CommanderError ? error.exitCode : 1;
  }
  const marker = `\n@@exit ${process.exitCode ?? 0}@@\n`;
  process.stdout.write(marker);
  process.stderr.write(marker);
}
process.exitCode = 0;
