import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningService, startService } from '../../src/compose.js';
import { ensureWebhookSubscriptions } from '../../src/runtime/webhook-subscriptions.js';
import { startWorld, type World } from '../helpers/world.js';

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Issue 12, point 3: a service run — every flow's jobs, webhooks subscribed, a burst of labels whose webhook
 * deliveries all wait out their delay at once, then a stop — emits no process warning (a
 * MaxListenersExceededWarning came from the simulator's webhook sender: each waiting delivery listened on one
 * signal).
 */
describe('no process warnings during a service run', () => {
  const seen: Error[] = [];
  const onWarning = (warning: Error) => seen.push(warning);
  let w: World;
  let running: RunningService;

  beforeAll(async () => {
    process.on('warning', onWarning);
    w = await startWorld({
      shipstation: { webhookDelayMs: 1500 },
      env: { PORT: '0', ORDERS_POLL_SECONDS: '2', SHIPMENTS_POLL_SECONDS: '600', INVENTORY_POLL_SECONDS: '5' },
    });
    running = await startService(w.app, { dashboard: false });
    await ensureWebhookSubscriptions(running.service.connector, w.connection, {
      publicUrl: running.servers.publicUrl,
    });
  }, 60_000);

  afterAll(async () => {
    process.off('warning', onWarning);
    await running?.stop();
    await w?.stop();
  });

  it('emits none, with many webhook deliveries waiting at once, through the stop', async () => {
    await until('orders in ShipStation', () => w.ss.admin.listOrders().length >= 20);
    const open = w.ss.admin.listOrders().filter((o) => o['orderStatus'] === 'awaiting_shipment');
    expect(open.length).toBeGreaterThanOrEqual(15);
    for (const o of open.slice(0, 15)) w.ss.admin.createLabel(Number(o['orderId']));
    // Every label makes a V1 and a V2 delivery, all waiting out the 1.5 s delay together.
    const waiting = w.ss.admin.deliveries().filter((d) => d.status === 'pending').length;
    expect(waiting).toBeGreaterThan(10);
    await until('every delivery to be made', () => w.ss.admin.deliveries().every((d) => d.status !== 'pending'));
    await running.stop();
    // Warnings are emitted on the next tick.
    await new Promise((r) => setImmediate(r));
    expect(seen.map((s) => `${s.name}: ${s.message}`)).toEqual([]);
  }, 90_000);
});
