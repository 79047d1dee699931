/**
 * A separate connector process for the exactly-once test: opens the app from the environment (the test
 * world's), and runs shipments passes until nothing is left to write, printing a line per pass. The test
 * SIGKILLs it mid-write and starts it again.
 */
import { openApp } from '../../src/app.js';
import { silentLogger } from '../../src/observability/logger.js';
import { Connector } from '../../src/runtime/connector.js';
import { runShipments } from '../../src/runtime/flows/shipments-flow.js';

const app = await openApp({ env: process.env, logger: silentLogger(), notice: () => {} });
const connection = await app.store.connections.getByName('default');
if (!connection) throw new Error('no connection');
const connector = new Connector(app);
process.stdout.write('started\n');
for (let pass = 1; pass <= 50; pass++) {
  const r = await runShipments(connector, connection);
  process.stdout.write(`pass ${pass} ${JSON.stringify(r.status === 'ran' ? r.outcome.counts : r)}\n`);
  const left = await app.store.shipmentEvents.byState(connection.id, ['new', 'queued']);
  const open = await app.store.intents.listOpen(connection.id);
  if (r.status === 'ran' && left.length === 0 && open.length === 0) break;
  await new Promise((r) => setTimeout(r, 200));
}
process.stdout.write('idle\n');
await app.close();
