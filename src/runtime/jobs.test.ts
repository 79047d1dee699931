import { describe, expect, it } from 'vitest';
import { parseConfig } from '../app.js';
import type { Connection, ConnectionSettings } from '../domain/connection.js';
import { FLOWS } from './flows/registry.js';
import { jobTiming, type ServiceJob } from './jobs.js';

const connection = (settings: ConnectionSettings): Connection => ({
  id: 1,
  name: 'default',
  sage300: null,
  shipstation: null,
  settings,
  source: 'cli',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

const jobs: Pick<ServiceJob, 'name' | 'timing'>[] = [
  ...FLOWS.flatMap((f) => f.jobs),
  // A job with a fixed interval, as the dashboard's attention alerts have.
  { name: 'alerts', timing: { every: { seconds: 60 } } },
];
const job = (name: string) => {
  const found = jobs.find((j) => j.name === name);
  if (!found) throw new Error(`no job ${name}`);
  return found;
};

const LA = 'America/Los_Angeles';
const NIGHTLY = '30 2 * * *';

/** [job, service settings, connection settings, expected timing] — the rules `Service.addJobs` always had. */
const TABLE: [string, Record<string, string>, ConnectionSettings, Record<string, unknown>][] = [
  ['orders', {}, {}, { everyMs: 60_000 }],
  ['orders', { ORDERS_POLL_SECONDS: '20' }, {}, { everyMs: 20_000 }],
  ['orders', { ORDERS_POLL_SECONDS: '20' }, { ordersPollSeconds: 5 }, { everyMs: 5_000 }],
  ['orders', { ORDERS_CRON: '*/5 * * * *' }, {}, { everyMs: 60_000, cron: '*/5 * * * *', timezone: LA }],
  ['orders', { ORDERS_CRON: '*/5 * * * *' }, { cron: { orders: '0 * * * *' } }, { cron: '0 * * * *' }],
  ['orders-edits', {}, {}, { everyMs: 300_000 }],
  ['orders-edits', { ORDERS_EDITS_CRON: '0 */2 * * *' }, {}, { cron: '0 */2 * * *' }],
  ['orders-edits', {}, { ordersEditsPollSeconds: 90, cron: { orders: '0 * * * *' } }, { everyMs: 90_000 }],
  ['reconcile', {}, {}, { cron: NIGHTLY, timezone: LA }],
  ['reconcile', { RECONCILE_CRON: '0 3 * * *' }, {}, { cron: '0 3 * * *' }],
  ['reconcile', {}, { cron: { reconcile: '0 4 * * *' } }, { cron: '0 4 * * *' }],
  ['shipments', {}, {}, { everyMs: 60_000 }],
  ['shipments', { SHIPMENTS_POLL_SECONDS: '300' }, {}, { everyMs: 300_000 }],
  ['shipments', { SHIPMENTS_POLL_SECONDS: '300' }, { shipmentsPollSeconds: 30 }, { everyMs: 30_000 }],
  ['shipments', { SHIPMENTS_CRON: '* * * * *' }, {}, { cron: '* * * * *' }],
  ['inventory', {}, {}, { everyMs: 900_000 }],
  ['inventory', {}, { inventoryPollSeconds: 60, cron: { inventory: '15 * * * *' } }, { cron: '15 * * * *' }],
  ['inventory', { INVENTORY_CRON: '45 * * * *' }, {}, { cron: '45 * * * *' }],
  ['inventory-reconcile', {}, {}, { cron: NIGHTLY }],
  ['inventory-reconcile', { RECONCILE_CRON: '0 3 * * *' }, {}, { cron: '0 3 * * *' }],
  ['inventory-reconcile', {}, { cron: { reconcile: '0 4 * * *' } }, { cron: '0 4 * * *' }],
  [
    'inventory-reconcile',
    {},
    { cron: { reconcile: '0 4 * * *', 'inventory-reconcile': '0 5 * * *' } },
    { cron: '0 5 * * *' },
  ],
  ['reference', {}, {}, { everyMs: 86_400_000 }],
  ['reference', { REFERENCE_POLL_SECONDS: '3600' }, { referencePollSeconds: 600 }, { everyMs: 600_000 }],
  ['reference', { REFERENCE_CRON: '0 6 * * *' }, {}, { cron: '0 6 * * *' }],
  ['reference-extras', { REFERENCE_CRON: '0 6 * * *' }, {}, { everyMs: 86_400_000 }],
  ['reference-extras', {}, { referencePollSeconds: 600 }, { everyMs: 600_000 }],
  ['reference-extras', {}, { cron: { 'reference-extras': '0 7 * * *' } }, { cron: '0 7 * * *' }],
  ['alerts', { ORDERS_POLL_SECONDS: '20' }, {}, { everyMs: 60_000 }],
  ['alerts', {}, { cron: { alerts: '*/10 * * * *' } }, { cron: '*/10 * * * *' }],
  // A cron is read in the Sage company's zone: the connection's, else SAGE300_TIMEZONE.
  ['reconcile', {}, { timezone: 'Europe/Paris' }, { cron: NIGHTLY, timezone: 'Europe/Paris' }],
  ['reconcile', { SAGE300_TIMEZONE: 'America/Chicago' }, {}, { cron: NIGHTLY, timezone: 'America/Chicago' }],
];

describe('jobTiming: every job interval and cron, read in one place', () => {
  it.each(TABLE)('%s with %j and connection %j', (name, env, settings, expected) => {
    const config = parseConfig({ SAGE300_TIMEZONE: LA, ...env });
    const timing = jobTiming(config, connection(settings), job(name));
    expect(timing).toMatchObject(expected);
    // An interval job without a cron keeps running on its interval; a cron job always carries its zone.
    if (!('cron' in expected)) expect(timing.cron).toBeUndefined();
    if (timing.cron) expect(timing.timezone).toBeDefined();
  });

  it('the cron-only jobs have no interval of their own', () => {
    const config = parseConfig({});
    expect(jobTiming(config, connection({}), job('reconcile')).everyMs).toBeUndefined();
    expect(jobTiming(config, connection({}), job('inventory-reconcile')).everyMs).toBeUndefined();
  });
});
