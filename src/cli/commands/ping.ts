import type { Command } from 'commander';
import { pingConnection } from '../../connections/ping-connection.js';
import type { Connection } from '../../domain/connection.js';
import { type PingCheck, worstStatus } from '../../domain/ping.js';
import { resolveConnections } from '../connection-arg.js';
import { print, withApp } from '../run-command.js';

const MARK: Record<PingCheck['status'], string> = { pass: 'pass', warn: 'WARN', fail: 'FAIL', skip: 'skip' };

function printCheck(c: PingCheck): void {
  print(`  [${MARK[c.status]}] ${c.label}: ${c.detail}`);
  if (c.fix && c.status !== 'pass') print(`         fix: ${c.fix}`);
}

export function printChecks(title: string, checks: PingCheck[]): void {
  print(`${title}: ${worstStatus(checks).toUpperCase()}`);
  for (const c of checks) printCheck(c);
}

/** Whether a system's checks were reported as they ran (not the "nothing stored" answer made up front). */
function hasRun(checks: PingCheck[], system: string): boolean {
  return !checks.some((c) => c.id === `${system}.configured`);
}

/** What the checks talk to, said before they start (a slow check is then not silence). */
function systemsOf(connection: Connection): string {
  const parts: string[] = [];
  if (connection.sage300) parts.push(`Sage 300 at ${hostOf(connection.sage300.url)}`);
  if (connection.shipstation) parts.push(`ShipStation at ${hostOf(connection.shipstation.v2Url)}`);
  return parts.length > 0 ? parts.join(' and ') : 'what is stored for this connection';
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

export function registerPing(program: Command): void {
  program
    .command('ping')
    .description('check both systems of a connection: reachability, credentials, rights, what the connector needs')
    .option('--connection <name>', 'connection to check (default: all)')
    .action(async (opts: { connection?: string }, command: Command) => {
      await withApp(command, async (app) => {
        let failed = false;
        for (const connection of await resolveConnections(app, opts.connection)) {
          print(`Connection "${connection.name}"`);
          const wait = app.config.PING_TIMEOUT_SECONDS;
          print(`  Checking ${systemsOf(connection)}; waiting up to ${wait} s for each answer (PING_TIMEOUT_SECONDS)…`);
          // Each check is printed as it completes; each system's verdict follows its checks.
          let current: 'sage300' | 'shipstation' | undefined;
          const result = await pingConnection(app.store, connection, {
            timeoutMs: wait * 1000,
            onCheck: (system, check) => {
              if (system !== current) print(`  ${system === 'sage300' ? 'Sage 300' : 'ShipStation'}:`);
              current = system;
              printCheck(check);
            },
          });
          for (const [system, title] of [
            ['sage300', 'Sage 300'],
            ['shipstation', 'ShipStation'],
          ] as const) {
            // Checks that never ran (nothing stored) have not been printed yet.
            if (!hasRun(result[system], system)) printChecks(`  ${title}`, result[system]);
            else print(`  ${title}: ${worstStatus(result[system]).toUpperCase()}`);
          }
          if (worstStatus([...result.sage300, ...result.shipstation]) === 'fail') failed = true;
          print();
        }
        return failed ? 1 : 0;
      });
    });
}
