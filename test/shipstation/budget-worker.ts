/**
 * One worker process for the shared-budget tests: opens the connector on DATABASE_URL (the parent's
 * environment), says `ready`, and on `go <count>` sends that many V2 requests at once through the
 * connection's budget, then prints its client's counts as JSON and exits.
 */
import { createInterface } from 'node:readline';
import { openApp } from '../../src/app.js';
import { silentLogger } from '../../src/observability/logger.js';
import { Connector } from '../../src/runtime/connector.js';

const app = await openApp({ env: process.env, logger: silentLogger(), notice: () => {} });
const connector = new Connector(app);
const connection = await app.store.connections.getByName('default');
if (!connection) throw new Error('no connection named default');
const v2 = (await connector.runtime(connection)).v2!;
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  const count = Number(/^go (\d+)$/.exec(line)?.[1] ?? Number.NaN);
  if (!Number.isFinite(count)) continue;
  await Promise.all(Array.from({ length: count }, () => v2.listWarehouses()));
  const { requests, rateLimited } = v2.stats.snapshot();
  process.stdout.write(`${JSON.stringify({ requests, rateLimited })}\n`);
  break;
}
await app.close();
