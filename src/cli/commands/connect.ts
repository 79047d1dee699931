import type { Command } from 'commander';
import { connectSage300, connectShipStation } from '../../connections/connect.js';
import { print, printError, readStdin, withApp } from '../run-command.js';

export function registerConnect(program: Command): void {
  const connect = program
    .command('connect')
    .description('store credentials for a connection (encrypted; no server is contacted: use "ping" for that)');
  registerConnectSage300(connect);
  registerConnectShipStation(connect);
}

/** `connect sage300`: the Sage 300 half (Web API URL with the company, user, password). */
function registerConnectSage300(connect: Command): void {
  connect
    .command('sage300')
    .description('the Sage 300 half of a connection')
    .requiredOption('--name <name>', 'connection name (the same name pairs it with a ShipStation account)')
    .requiredOption(
      '--url <url>',
      'Web API base including the company, e.g. https://erp.example.com/Sage300WebApi/v1.0/-/SAMINC',
    )
    .requiredOption('--user <user>', 'Sage 300 user with Web API rights')
    .option('--password <password>', 'password (prefer --password-stdin: command lines end up in shell history)')
    .option('--password-stdin', 'read the password from standard input')
    .option(
      '--keep-case',
      'send user and password as typed, not upper-cased (for servers that compare passwords as typed)',
    )
    .action(
      async (
        opts: {
          name: string;
          url: string;
          user: string;
          password?: string;
          passwordStdin?: boolean;
          keepCase?: boolean;
        },
        command: Command,
      ) => {
        if ((opts.password === undefined) === !opts.passwordStdin) {
          printError('Give the password with exactly one of --password or --password-stdin.');
          process.exitCode = 2;
          return;
        }
        const password = opts.passwordStdin ? await readStdin() : (opts.password ?? '');
        await withApp(command, async (app) => {
          const { connection, notes } = await connectSage300(app.store, {
            name: opts.name,
            url: opts.url,
            user: opts.user,
            password,
            keepCase: !!opts.keepCase,
            source: 'cli',
          });
          print(`Saved the Sage 300 half of connection "${connection.name}" (company ${connection.sage300?.company}).`);
          for (const n of notes) print(n);
          print(`Next: ml-connector ping --connection ${connection.name}`);
        });
      },
    );
}

/** `connect shipstation`: the ShipStation half (V1 key and secret and/or V2 key, the API orders go through). */
function registerConnectShipStation(connect: Command): void {
  connect
    .command('shipstation')
    .description('the ShipStation half of a connection (V1 key+secret and/or V2 key)')
    .requiredOption('--name <name>', 'connection name (the same name pairs it with a Sage 300 company)')
    .option('--api-key <key>', 'V1 API key')
    .option('--api-secret <secret>', 'V1 API secret (prefer --api-secret-stdin)')
    .option('--api-secret-stdin', 'read the V1 API secret from standard input')
    .option('--v2-api-key <key>', 'V2 API key')
    .option('--v1-url <url>', 'V1 API origin', undefined)
    .option('--v2-url <url>', 'V2 API base including /v2', undefined)
    .option('--orders-api <api>', 'send orders through v1 or v2 (default: v1 when V1 credentials exist)')
    .action(
      async (
        opts: {
          name: string;
          apiKey?: string;
          apiSecret?: string;
          apiSecretStdin?: boolean;
          v2ApiKey?: string;
          v1Url?: string;
          v2Url?: string;
          ordersApi?: string;
        },
        command: Command,
      ) => {
        if (opts.apiSecret !== undefined && opts.apiSecretStdin) {
          printError('Give the V1 secret with only one of --api-secret or --api-secret-stdin.');
          process.exitCode = 2;
          return;
        }
        if (opts.ordersApi !== undefined && opts.ordersApi !== 'v1' && opts.ordersApi !== 'v2') {
          printError('--orders-api must be v1 or v2.');
          process.exitCode = 2;
          return;
        }
        const apiSecret = opts.apiSecretStdin ? await readStdin() : opts.apiSecret;
        await withApp(command, async (app) => {
          const { connection, notes } = await connectShipStation(app.store, {
            name: opts.name,
            apiKey: opts.apiKey,
            apiSecret,
            v2ApiKey: opts.v2ApiKey,
            v1Url: opts.v1Url,
            v2Url: opts.v2Url,
            ordersApi: opts.ordersApi as 'v1' | 'v2' | undefined,
            source: 'cli',
          });
          print(`Saved the ShipStation half of connection "${connection.name}".`);
          for (const n of notes) print(n);
          print(`Next: ml-connector ping --connection ${connection.name}`);
        });
      },
    );
}
