import type { Command } from 'commander';
import { addSimSage300Command } from './sim-sage300.js';
import { addSimShipStationCommand } from './sim-shipstation.js';

export function registerSim(program: Command): void {
  const sim = program
    .command('sim')
    .description('run a simulator of Sage 300 or ShipStation on this machine (for tests, benchmarks and the demo)');
  addSimSage300Command(sim);
  addSimShipStationCommand(sim);
}
