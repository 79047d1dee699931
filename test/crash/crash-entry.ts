/**
 * A connector process for the write-window crash tests: opens the app from the environment (the test
 * world's) and runs one job to its end, printing `started` and then `done <json>`. The test SIGKILLs it
 * while a write's answer is held by a simulator, then runs it again.
 * Jobs: orders-new, orders-edits, shipments, inventory, ship-vias, products, webhooks.
 */
import { openApp } from '../../src/app.js';
import { silentLogger } from '../../src/observability/logger.js';
import { Connector } from '../../src/runtime/connector.js';
import { runInventory } from '../../src/runtime/flows/inventory-flow.js';
import { runOrders } from '../../src/runtime/flows/orders-flow.js';
import { runReferencePart } from '../../src/runtime/flows/reference-flow.js';
import { runShipments } from '../../src/runtime/flows/shipments-flow.js';
import { ensureWebhookSubscriptions } from '../../src/runtime/webhook-subscriptions.js';

const job = process.argv[2] ?? '';
const app = await openApp({ env: process.env, logger: silentLogger(), notice: () => {} });
const connection = await app.store.connections.getByName('default');
if (!connection) throw new Error('no connection');
const connector = new Connector(app);
process.stdout.write('started\n');
const jobs: Record<string, () => Promise<unknown>> = {
  'orders-new': () => runOrders(connector, connection, 'new'),
  'orders-edits': () => runOrders(connector, connection, 'edits'),
  // Passes until nothing is left to write (an intent left open by a kill is settled by a later pass).
  shipments: async () => {
    for (let pass = 1; ; pass++) {
      const r = await runShipments(connector, connection);
      const left = await app.store.shipmentEvents.byState(connection.id, ['new', 'queued']);
      const open = await app.store.intents.listOpen(connection.id);
      if ((r.status === 'ran' && left.length === 0 && open.length === 0) || pass === 10) return r;
      await new Promise((done) => setTimeout(done, 200));
    }
  },
  inventory: () => runInventory(connector, connection),
  'ship-vias': () => runReferencePart(connector, connection, 'ship-vias'),
  products: () => runReferencePart(connector, connection, 'products'),
  webhooks: () => ensureWebhookSubscriptions(connector, connection),
};
const run = jobs[job];
if (!run) throw new Error(`unknown job ${job}`);
const result = await run();
process.stdout.write(`done ${JSON.stringify(result)}\n`);
await app.close();
