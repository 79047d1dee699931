#!/usr/bin/env node
import { Command } from 'commander';
import { registerAudit } from './commands/audit.js';
import { registerConfig } from './commands/config.js';
import { registerConnect } from './commands/connect.js';
import { registerConnections } from './commands/connections.js';
import { registerKeys } from './commands/keys.js';
import { registerMappings } from './commands/mappings.js';
import { registerOrders } from './commands/orders.js';
import { registerPing } from './commands/ping.js';
import { registerReconcile } from './commands/reconcile.js';
import { registerShipments } from './commands/shipments.js';
import { registerSim } from './commands/sim.js';
import { registerStart } from './commands/start.js';
import { registerStatus } from './commands/status.js';
import { registerSync } from './commands/sync.js';
import { registerWorkers } from './commands/workers.js';
import { boundHeapGrowth } from './heap-growth.js';

boundHeapGrowth();

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
registerStart(program);
registerPing(program);
registerMappings(program);
registerReconcile(program);
registerShipments(program);
registerSync(program);
registerStatus(program);
registerWorkers(program);
registerOrders(program);
registerAudit(program);
registerSim(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
