import { writeFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError } from 'commander';
import { DEMO_V1_KEY, DEMO_V1_SECRET, DEMO_V2_KEY } from '../../simulators/demo-world.js';
import { startShipStationSimulator } from '../../simulators/shipstation/shipstation-simulator.js';
import { stopOnSignals } from '../lifecycle.js';

function integer(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}.`);
    return n;
  };
}

function choice<T extends string>(name: string, values: readonly T[]) {
  return (value: string): T => {
    if (!(values as readonly string[]).includes(value))
      throw new InvalidArgumentError(`${name} must be one of ${values.join(', ')}.`);
    return value as T;
  };
}

function seedName(value: string): 'demo' | 'empty' {
  if (value !== 'demo' && value !== 'empty') throw new InvalidArgumentError('seed must be demo or empty.');
  return value;
}

interface SimShipStationFlags {
  host: string;
  port: number;
  v1Key?: string;
  v1Secret?: string;
  v2Key?: string;
  v1Rate: number;
  v2Rate: number;
  rateWindowMs: number;
  webhookDelayMs: number;
  seed: 'demo' | 'empty';
  state?: string;
  inventory: boolean;
  v2Update: 'merge' | 'replace';
  v2InventoryLimitOnly?: number;
  v1RefusedByPlan?: '401' | '403';
  accounts: number;
  accountSeed?: 'demo' | 'empty';
  accountsFile?: string;
}

/**
 * `ml-connector sim shipstation`: runs the V1 + V2 simulator until SIGINT/SIGTERM. Stdout carries exactly the two
 * ready lines that tests and tools read; nothing else is written there.
 */
export function addSimShipStationCommand(sim: Command): void {
  sim
    .command('shipstation')
    .description('ShipStation V1 + V2 simulator (V1 at /, V2 at /v2, JWKS at /jwks, admin API at /_sim/)')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', integer('port', 0), 0)
    .option('--v1-key <key>', `V1 API key (default: the demo key, ${DEMO_V1_KEY})`)
    .option('--v1-secret <secret>', `V1 API secret (default: the demo secret, ${DEMO_V1_SECRET})`)
    .option('--v2-key <key>', `V2 API key (default: the demo key, ${DEMO_V2_KEY})`)
    .option('--v1-rate <n>', 'V1 requests per window per key pair', integer('v1-rate', 1), 40)
    .option('--v2-rate <n>', 'V2 requests per window per API key', integer('v2-rate', 1), 200)
    .option('--rate-window-ms <ms>', 'rate-limit window length', integer('rate-window-ms', 1), 60_000)
    .option('--webhook-delay-ms <ms>', 'delay before a webhook is delivered', integer('webhook-delay-ms', 0), 0)
    .option('--seed <name>', 'demo (the demo distributor) or empty (a new account)', seedName, 'demo')
    .option('--state <file>', 'load the account from FILE at start (when it exists) and save it there at stop')
    .option('--no-inventory', 'answer /v2/inventory* as an account without the Inventory API add-on')
    .option(
      '--v2-update <reading>',
      "how PUT /v2/shipments/{id} reads its body: merge (ShipStation's guide) or replace (ShipEngine's document: ship_to and ship_from/warehouse_id required, omitted fields cleared)",
      choice('v2-update', ['merge', 'replace'] as const),
      'merge',
    )
    .option(
      '--v2-inventory-limit-only <n>',
      'the inventory lists ignore page/page_size and honour limit up to N, as the published document lists them',
      integer('v2-inventory-limit-only', 1),
    )
    .option(
      '--v1-refused-by-plan <status>',
      'an account whose plan has no V1: every V1 request answers 401 or 403, the V2 key works (INFERRED)',
      choice('v1-refused-by-plan', ['401', '403'] as const),
    )
    .option(
      '--accounts <n>',
      'also serve N more accounts, account-0001… with keys ss-v1-key-0001/ss-v1-secret-0001 and ss-v2-key-0001…, each with its own data, webhooks and rate limits',
      integer('accounts', 0),
      0,
    )
    .option('--account-seed <name>', 'what the --accounts are seeded with (default: --seed)', seedName)
    .option('--accounts-file <file>', "write every account's name and keys to FILE as JSON once listening")
    .action(async (flags: SimShipStationFlags) => {
      const simulator = await startShipStationSimulator({
        host: flags.host,
        port: flags.port,
        ...(flags.v1Key === undefined ? {} : { v1Key: flags.v1Key }),
        ...(flags.v1Secret === undefined ? {} : { v1Secret: flags.v1Secret }),
        ...(flags.v2Key === undefined ? {} : { v2Key: flags.v2Key }),
        v1Rate: flags.v1Rate,
        v2Rate: flags.v2Rate,
        rateWindowMs: flags.rateWindowMs,
        webhookDelayMs: flags.webhookDelayMs,
        seed: flags.seed,
        ...(flags.state === undefined ? {} : { stateFile: flags.state }),
        inventoryEnabled: flags.inventory,
        v2Update: flags.v2Update,
        ...(flags.v2InventoryLimitOnly === undefined ? {} : { v2InventoryLimitOnly: flags.v2InventoryLimitOnly }),
        ...(flags.v1RefusedByPlan === undefined ? {} : { v1RefusedByPlan: Number(flags.v1RefusedByPlan) as 401 | 403 }),
        accounts: flags.accounts,
        ...(flags.accountSeed === undefined ? {} : { accountSeed: flags.accountSeed }),
      });
      if (flags.accountsFile !== undefined) {
        const keys = simulator.accounts
          .list()
          .map(({ name, v1Key, v1Secret, v2Key }) => ({ name, v1Key, v1Secret, v2Key }));
        await writeFile(flags.accountsFile, `${JSON.stringify(keys, null, 2)}\n`);
      }
      process.stdout.write(`ready shipstation-v1 ${simulator.origin}\nready shipstation-v2 ${simulator.v2Url}\n`);
      stopOnSignals(() => simulator.stop());
    });
}
