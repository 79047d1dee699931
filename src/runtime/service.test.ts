import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, openApp } from '../app.js';
import type { FlowRunResult } from '../engine/flow-runner.js';
import { silentLogger } from '../observability/logger.js';
import { FLOWS } from './flows/registry.js';
import type { ServiceJob } from './jobs.js';
import { Service } from './service.js';

const ran: FlowRunResult = { status: 'ran', outcome: { counts: {}, planned: [] }, ms: 0 };

async function appWithConnection(): Promise<App> {
  const app = await openApp({
    env: {
      ML_CONNECTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'mlc-service-')),
      ML_CONNECTOR_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
    },
    logger: silentLogger(),
    notice: () => {},
  });
  await app.store.connections.upsert({ name: 'default', source: 'cli' });
  return app;
}

async function stopBoth(service: Service | undefined, app: App | undefined): Promise<void> {
  await service?.stop();
  await app?.close();
}

describe('the service schedules the flows of the registry', () => {
  let app: App | undefined;
  let service: Service | undefined;
  afterEach(() => stopBoth(service, app));

  it('per connection: every flow job under its key and flow tag, then the extra jobs', async () => {
    app = await appWithConnection();
    const extra: ServiceJob = {
      name: 'alerts',
      tag: 'alerts',
      timing: { every: { seconds: 60 } },
      run: async () => ran,
    };
    service = new Service(app, { extraJobs: [() => [extra]] });
    const [c] = await service.prepare();
    const jobs = service.scheduler.list().map((j) => `${j.key} ${j.flow}`);
    expect(jobs).toEqual(
      [
        'orders orders',
        'orders-edits orders',
        'reconcile reconcile',
        'shipments shipments',
        'inventory inventory',
        'inventory-reconcile inventory',
        'reference reference',
        'reference-extras reference',
        'alerts alerts',
      ].map((j) => `${c!.id}:${j}`),
    );
    // Nothing runs before `start`: every job is still waiting, none running.
    expect(service.scheduler.list().some((j) => j.running)).toBe(false);
  });

  it('leaves out the jobs a harness skips', async () => {
    app = await appWithConnection();
    service = new Service(app, { skipJobs: ['inventory', 'inventory-reconcile', 'reference-extras'] });
    await service.prepare();
    expect(service.scheduler.list().map((j) => j.key.split(':')[1])).toEqual([
      'orders',
      'orders-edits',
      'reconcile',
      'shipments',
      'reference',
    ]);
  });

  it('a job with `after` runs once the first run of that job has ended, whichever starts first', async () => {
    app = await appWithConnection();
    const events: string[] = [];
    let endFirst = () => {};
    const job = (name: string, after?: string): ServiceJob => ({
      name,
      tag: name,
      timing: { every: { seconds: 3600 } },
      runAtStart: true,
      ...(after ? { after } : {}),
      run: async () => {
        events.push(`start ${name}`);
        if (name === 'mappings') await new Promise<void>((resolve) => (endFirst = resolve));
        events.push(`end ${name}`);
        return ran;
      },
    });
    const allFlowJobs = FLOWS.flatMap((f) => f.jobs.map((j) => j.name));
    // `orders-like` is scheduled (and so starts) before the job it waits for, as orders is before reference.
    service = new Service(app, {
      skipJobs: allFlowJobs,
      extraJobs: [() => [job('orders-like', 'mappings'), job('mappings')]],
    });
    await service.prepare();
    service.start();
    try {
      for (let i = 0; i < 200 && !events.includes('start mappings'); i++) await new Promise((r) => setTimeout(r, 5));
      expect(events).toEqual(['start mappings']);
    } finally {
      endFirst();
    }
    for (let i = 0; i < 200 && !events.includes('end orders-like'); i++) await new Promise((r) => setTimeout(r, 5));
    expect(events).toEqual(['start mappings', 'end mappings', 'start orders-like', 'end orders-like']);
  });
});
