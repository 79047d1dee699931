import type { Command } from 'commander';

// Placeholder: the Sage 300 simulator command is being written (issue 3).
export function addSimSage300Command(sim: Command): void {
  sim.command('sage300').description('Sage 300 Web API simulator (not yet built)');
}
