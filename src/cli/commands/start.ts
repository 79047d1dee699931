import type { Command } from 'commander';
import { type App, openApp } from '../../app.js';
import { startService } from '../../compose.js';
import { applyEnvironmentConnection } from '../../connections/connect.js';
import { DemoActivity } from '../../demo/activity.js';
import { type DemoSystems, ownCadences, startDemoSystems } from '../../demo/demo.js';
import { DEMO_EXAMPLE_ORDER } from '../../demo/example-order.js';
import { demoSummary } from '../../demo/summary.js';
import { prepareAdminAccess } from '../../http/dashboard/index.js';
import type { HttpServers } from '../../http/server.js';
import { stderrConsole } from '../../observability/console-writer.js';
import type { Connector } from '../../runtime/connector.js';
import { ensureWebhookSubscriptions } from '../../runtime/webhook-subscriptions.js';
import { stopOnSignals } from '../lifecycle.js';
import { configFileOf, print, reportError } from '../run-command.js';

const CONNECTION_VARS = ['SAGE300_URL', 'SHIPSTATION_API_KEY', 'SHIPSTATION_V2_API_KEY'];

export function registerStart(program: Command): void {
  program
    .command('start')
    .description(
      'run the service: every flow on its schedule, webhooks, /healthz, /metrics and the dashboard. With nothing configured, runs the demo on the built-in simulators',
    )
    .option('--no-demo', 'never start the demo, even with nothing configured')
    .action(async (opts: { demo: boolean }, command: Command) => {
      let app: App | undefined;
      let demo: DemoSystems | undefined;
      try {
        app = await openApp({ env: process.env, configFile: configFileOf(command) });
        const configured =
          CONNECTION_VARS.some((v) => process.env[v]) || (await app.store.connections.list()).length > 0;
        if (!configured && opts.demo && app.config.DEMO === 'auto') {
          await app.close();
          demo = await startDemoSystems(app.config.ML_CONNECTOR_DATA_DIR, app.config.PORT);
          app = await openApp({
            env: { ...process.env, ...demo.env, ...ownCadences(process.env) },
            configFile: configFileOf(command),
          });
        }
        await run(app, demo);
      } catch (error) {
        process.exitCode = reportError(error);
        await app?.close().catch(() => {});
        await demo?.stop().catch(() => {});
      }
    });
}

async function run(app: App, demo: DemoSystems | undefined): Promise<void> {
  await applyEnvironmentConnection(app.store, app.config);
  const running = await startService(app);
  const { service, servers } = running;
  await subscribeWebhooks(app, service.connector);
  // The dashboard's password: ADMIN_PASSWORD, or set once through this link (whoever reads the console).
  const { setupUrlPath } = await prepareAdminAccess(app);
  const setupLine = setupUrlPath
    ? `Choose the dashboard admin password (the link works once): ${servers.adminUrl}${setupUrlPath}`
    : undefined;
  let stopDemo = () => {};
  if (demo) stopDemo = await showDemo(app, demo, servers, setupLine);
  else {
    print(`ml-connector running: ${servers.publicUrl} (webhooks, /healthz, /metrics); dashboard ${servers.adminUrl}/`);
    if (setupLine) print(setupLine);
  }

  stopOnSignals(
    async () => {
      await running.stop();
      await app.close();
      await demo?.stop();
      print('Stopped.');
    },
    {
      onStopping: (signal) => {
        stopDemo();
        print(`\nStopping (${signal})…`);
      },
    },
  );
  process.on('SIGHUP', () => service.reloadKeys());
}

/** Webhooks first (seconds after ShipStation ships); without PUBLIC_URL the shipments flow polls alone. */
async function subscribeWebhooks(app: App, connector: Connector): Promise<void> {
  for (const connection of await app.store.connections.list()) {
    try {
      // Each line is logged at info by ensureWebhookSubscriptions: printing it too showed it twice.
      await ensureWebhookSubscriptions(connector, connection);
    } catch (error) {
      print(
        `Webhook subscriptions for "${connection.name}" could not be checked (${(error as Error).message}); shipments are polled meanwhile.`,
      );
    }
  }
}

/** Says where to look, starts the pretend clerk and warehouse, and a summary line; returns what stops them. */
async function showDemo(
  app: App,
  demo: DemoSystems,
  servers: HttpServers,
  setupLine: string | undefined,
): Promise<() => void> {
  const activity = new DemoActivity(demo.sage, demo.ss);
  const connection = (await app.store.connections.list())[0];
  print('');
  print('ml-connector demo: both systems are simulated on this machine, nothing real is touched.');
  print(`  Sage 300 (simulated):    ${demo.sage.baseUrl}   user ${'WEBAPI'}`);
  print(`  ShipStation (simulated): ${demo.ss.origin} (V1) and ${demo.ss.v2Url} (V2)`);
  print(`  Dashboard:               ${servers.adminUrl}/`);
  if (setupLine) print(`  ${setupLine}`);
  print(`  Health and metrics:      ${servers.publicUrl}/healthz  ${servers.publicUrl}/metrics`);
  print(`  Demo data and database:  ${demo.dataDir}`);
  print(
    '  A pretend clerk enters Sage orders every few seconds; pretend warehouse staff label most of them in ShipStation.',
  );
  print(
    `  In another terminal: ML_CONNECTOR_DATA_DIR=${demo.dataDir} npx ml-connector status   (or: orders, audit order ${DEMO_EXAMPLE_ORDER})`,
  );
  print('  Press Ctrl-C to stop.');
  print('');
  activity.start();
  // On a terminal the summary is the console's status line: log lines are written above it, never into it.
  const live = stderrConsole.live;
  let stopped = false;
  const summaryTimer = setInterval(
    () => {
      if (!connection) return;
      void demoSummary(app, connection.id, activity).then((line) => {
        if (stopped) return;
        if (live) stderrConsole.setStatus(line);
        else print(line);
      });
    },
    live ? 2000 : 10_000,
  );
  return () => {
    stopped = true;
    clearInterval(summaryTimer);
    stderrConsole.clearStatus();
    activity.stop();
  };
}
