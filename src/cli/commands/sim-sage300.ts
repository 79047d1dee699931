import { type Command, InvalidArgumentError } from 'commander';
import { startSage300Simulator } from '../../simulators/sage300/server.js';
import { stopOnSignals } from '../lifecycle.js';

function int(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`);
    return n;
  };
}

/**
 * `ml-connector sim sage300`: runs the Sage 300 Web API simulator until SIGTERM/SIGINT. Prints exactly one
 * line on stdout when listening, `ready sage300 <base URL>`, which tests and tools read; nothing else goes
 * to stdout. With `--companies N` the others are the same URL with `CO0001`… in place of the company.
 */
export function addSimSage300Command(sim: Command): void {
  sim
    .command('sage300')
    .description('Sage 300 Web API simulator (OData, Basic auth, OE/AR/IC resources, /_sim/ admin API)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', int('--port', 0), 0)
    .option('--company <org>', 'company org ID in the URL', 'SAMINC')
    .option('--user <user>', 'Web API user', 'WEBAPI')
    .option('--password <password>', 'its password', 'WEBAPI')
    .option('--seed <seed>', 'demo (the distributor) or empty', 'demo')
    .option('--page-size <n>', 'server page size (Web.config PageSize)', int('--page-size', 1), 100)
    .option(
      '--max-concurrency <n>',
      'requests in flight before the app pool answers TooManyRequests',
      int('--max-concurrency', 1),
      4,
    )
    .option('--queue-when-saturated', 'queue requests beyond --max-concurrency (slow answers) instead of refusing them')
    .option('--legacy-2022', 'behave like Sage 300 2022 and earlier: PATCH on OEOrders answers 405')
    .option(
      '--mixed-case-passwords',
      'compare passwords as stored (newer servers) instead of requiring upper case; the demo user WEBAPI2 then opens only with Ship-Ready1 as typed',
    )
    .option('--cold-start <seconds:ms>', 'first request after SECONDS idle waits MS, e.g. 1200:8000')
    .option('--state <file>', 'load the company from FILE if it exists, save it there on stop')
    .option(
      '--companies <n>',
      'also serve N more companies, CO0001…, each with its own data, stats, faults and app pool',
      int('--companies', 0),
      0,
    )
    .option(
      '--orders-per-company <n>',
      'open orders generated in each of the --companies (the demo master data is in every one)',
      int('--orders-per-company', 0),
      0,
    )
    .action(
      async (opts: {
        host: string;
        port: number;
        company: string;
        user: string;
        password: string;
        seed: string;
        pageSize: number;
        maxConcurrency: number;
        queueWhenSaturated?: boolean;
        legacy2022?: boolean;
        mixedCasePasswords?: boolean;
        coldStart?: string;
        state?: string;
        companies: number;
        ordersPerCompany: number;
      }) => {
        if (opts.seed !== 'demo' && opts.seed !== 'empty')
          throw new InvalidArgumentError('--seed must be demo or empty');
        const cold = opts.coldStart ? /^(\d+):(\d+)$/.exec(opts.coldStart) : null;
        if (opts.coldStart && !cold) throw new InvalidArgumentError('--cold-start must look like SECONDS:MS');
        const sim = await startSage300Simulator({
          host: opts.host,
          port: opts.port,
          company: opts.company,
          user: opts.user,
          password: opts.password,
          seed: opts.seed,
          pageSize: opts.pageSize,
          maxConcurrency: opts.maxConcurrency,
          saturation: opts.queueWhenSaturated ? 'queue' : 'reject',
          legacy2022: opts.legacy2022 ?? false,
          mixedCasePasswords: opts.mixedCasePasswords ?? false,
          ...(cold ? { coldStart: { afterIdleSeconds: Number(cold[1]), delayMs: Number(cold[2]) } } : {}),
          ...(opts.state ? { stateFile: opts.state } : {}),
          companies: opts.companies,
          ordersPerCompany: opts.ordersPerCompany,
        });
        process.stdout.write(`ready sage300 ${sim.baseUrl}\n`);
        stopOnSignals(() => sim.stop());
      },
    );
}
