import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, openApp } from '../../src/app.js';
import { applyEnvironmentConnection } from '../../src/connections/connect.js';
import { type DemoSystems, demoApiOf, startDemoSystems } from '../../src/demo/demo.js';
import type { Connection } from '../../src/domain/connection.js';
import { silentLogger } from '../../src/observability/logger.js';
import { Connector } from '../../src/runtime/connector.js';
import { runOrders } from '../../src/runtime/flows/orders-flow.js';
import { runReference } from '../../src/runtime/flows/reference-flow.js';

/** `DEMO_API=v2 npm start`: the demo's connection holds the V2 key alone and its orders go through V2. */
describe('the V2-only demo', () => {
  let demo: DemoSystems;
  let app: App;
  let connection: Connection;
  let connector: Connector;
  beforeAll(async () => {
    demo = await startDemoSystems(mkdtempSync(join(tmpdir(), 'mlc-demo-v2-')), 0, demoApiOf({ DEMO_API: 'v2' }));
    const env = {
      ...demo.env,
      ML_CONNECTOR_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
    };
    app = await openApp({ env, logger: silentLogger(), notice: () => {} });
    connection = (await applyEnvironmentConnection(app.store, app.config))!;
    connector = new Connector(app);
  });
  afterAll(async () => {
    await app?.close();
    await demo?.stop();
  });

  it('has no V1 key, sends orders through V2 and never calls V1', async () => {
    expect(demo.env['SHIPSTATION_API_KEY']).toBeUndefined();
    expect(demo.env['SHIPSTATION_ORDERS_API']).toBe('v2');
    expect(demo.dataDir).toMatch(/demo-v2$/);
    expect((await runReference(connector, connection)).status).toBe('ran');
    const r = await runOrders(connector, connection, 'new');
    expect(r.status === 'ran' && r.outcome.counts['created']).toBeGreaterThan(0);
    const stats = demo.ss.stats.snapshot();
    expect(stats.byApi.v1).toBe(0);
    expect(stats.byRoute['v2 POST /v2/shipments']?.['200']).toBeGreaterThan(0);
  });

  it('DEMO_API accepts v2 or nothing, and says what else is wrong', () => {
    expect(demoApiOf({})).toBe('both');
    expect(demoApiOf({ DEMO_API: 'V2' })).toBe('v2');
    expect(() => demoApiOf({ DEMO_API: 'v1' })).toThrow(
      /DEMO_API must be v2 .* \(it is "v1"\); for example DEMO_API=v2/,
    );
  });
});
