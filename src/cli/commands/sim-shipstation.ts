import type { Command } from 'commander';

// Placeholder: the ShipStation simulator command is being written (issue 4).
export function addSimShipStationCommand(sim: Command): void {
  sim.command('shipstation').description('ShipStation V1 + V2 simulator (not yet built)');
}
