/**
 * `npm run bench -- <name> [v1|v2] [--orders <n>]`: benchmarks that print figures (never run by `npm test`).
 * Names: orders, chaos, shipments, inventory, sage300-sim, shipstation-sim, shipstation-push, budget, all.
 * `--orders <n>` sets the orders bench's backlog (default 10,000).
 */
const name = process.argv[2] ?? 'help';
const rest = process.argv.slice(3);
const api = rest.includes('v2') ? 'v2' : 'v1';
const ordersAt = rest.indexOf('--orders');
const orders = ordersAt >= 0 ? Number(rest[ordersAt + 1]) : undefined;
if (orders !== undefined && !(Number.isInteger(orders) && orders > 0)) {
  process.stdout.write('--orders takes a positive whole number\n');
  process.exit(2);
}

const benches: Record<string, () => Promise<unknown>> = {
  orders: async () => (await import('./orders.js')).benchOrders({ api, ...(orders ? { orders } : {}) }),
  chaos: async () => (await import('./chaos.js')).benchChaos({ api }),
  shipments: async () => (await import('./shipments.js')).benchShipments(),
  inventory: async () => (await import('./inventory.js')).benchInventory(),
  'sage300-sim': async () => (await import('./sage300-sim.js')).benchSage300Sim(),
  'shipstation-sim': async () => (await import('./shipstation-sim.js')).benchShipStationSim(),
  'shipstation-push': async () => (await import('./shipstation-push.js')).benchShipStationPush(),
  budget: async () => (await import('./budget.js')).benchBudget(),
};

if (name === 'all') {
  for (const [n, run] of Object.entries(benches)) {
    process.stdout.write(`\n== ${n}\n`);
    await run();
  }
} else if (benches[name]) {
  await benches[name]();
} else {
  process.stdout.write(
    `usage: npm run bench -- <${[...Object.keys(benches), 'all'].join('|')}> [v1|v2] [--orders <n>]\n`,
  );
  process.exitCode = name === 'help' ? 0 : 2;
}
process.exit(process.exitCode ?? 0);
