/**
 * `npm run bench -- <name> [api]`: benchmarks that print figures (never run by `npm test`).
 * Names: orders, chaos, shipments, inventory, sage300-sim, shipstation-sim, shipstation-push, budget, all.
 */
const name = process.argv[2] ?? 'help';
const api = process.argv[3] === 'v2' ? 'v2' : 'v1';

const benches: Record<string, () => Promise<unknown>> = {
  orders: async () => (await import('./orders.js')).benchOrders({ api }),
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
  process.stdout.write(`usage: npm run bench -- <${[...Object.keys(benches), 'all'].join('|')}> [v1|v2]\n`);
  process.exitCode = name === 'help' ? 0 : 2;
}
process.exit(process.exitCode ?? 0);
