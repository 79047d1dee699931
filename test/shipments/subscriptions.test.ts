import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebhookSubscriptions } from '../../src/runtime/webhook-subscriptions.js';
import { startWorld, type World } from '../helpers/world.js';
import { addItems, enterOrder, eventually, sageOrder, sendOrders, ssOrder } from './helpers.js';
import { type RunningService, startService } from './service.js';

describe('webhook subscriptions at start', () => {
  // With both keys, and with the V2 key alone (a plan without V1, issue 14): V2's events only, no SHIP_NOTIFY.
  describe.each([
    { apis: 'v1+v2' as const, label: 'V1 and V2 credentials' },
    { apis: 'v2' as const, label: 'V2 key alone' },
  ])('$label', ({ apis }) => {
    const v1 = apis === 'v1+v2';
    let w: World;
    let s: RunningService;
    beforeAll(async () => {
      const env = { PORT: '0', SHIPMENTS_POLL_SECONDS: '600' };
      w = await startWorld(v1 ? { api: 'v1', env } : { v2Only: true, env });
      s = await startService(w, { webhooks: false });
    });
    afterAll(async () => {
      await s?.stop();
      await w?.stop();
    });

    it('without PUBLIC_URL: polling alone, and says so', async () => {
      const report = await ensureWebhookSubscriptions(s.service.connector, w.connection);
      expect(report.mode).toBe('polling');
      expect(report.lines.join(' ')).toMatch(/PUBLIC_URL is not set.*polling alone/);
      expect(w.ss.admin.listWebhooks()).toEqual([]);
    });

    it('subscribes SHIP_NOTIFY (V1), label_created_v2 and fulfillment_shipped_v2 once, however often it starts', async () => {
      const publicUrl = s.servers.publicUrl;
      const first = await ensureWebhookSubscriptions(s.service.connector, w.connection, { publicUrl });
      expect(first.lines).toEqual([
        ...(v1 ? ['V1 SHIP_NOTIFY: subscribed.'] : []),
        'V2 label_created_v2: subscribed.',
        'V2 fulfillment_shipped_v2: subscribed.',
      ]);
      const again = await ensureWebhookSubscriptions(s.service.connector, w.connection, { publicUrl });
      expect(again.lines.every((l) => l.includes('already subscribed'))).toBe(true);
      const hooks = w.ss.admin.listWebhooks();
      expect(hooks.map((h) => `${h.api} ${h.event}`).sort()).toEqual([
        ...(v1 ? ['v1 SHIP_NOTIFY'] : []),
        'v2 fulfillment_shipped_v2',
        'v2 label_created_v2',
      ]);
      const token = (await w.connector.runtime(w.connection)).webhookToken;
      if (v1) expect(hooks.find((h) => h.api === 'v1')?.url).toBe(`${publicUrl}/webhooks/shipstation/default/${token}`);
      expect(hooks.find((h) => h.api === 'v2')?.url).toBe(`${publicUrl}/webhooks/shipstation-v2/default/${token}`);
      if (!v1) expect(w.ss.stats.snapshot().byApi.v1).toBe(0);
    });
  });

  describe('V2 only, another app holds label_created_v2', () => {
    let w: World;
    let s: RunningService;
    beforeAll(async () => {
      w = await startWorld({ v2Only: true, env: { PORT: '0', SHIPMENTS_POLL_SECONDS: '1' } });
      addItems(w);
      w.ss.admin.createForeignWebhook({ api: 'v2', event: 'label_created_v2', url: 'https://other-app.example/hooks' });
      s = await startService(w, { webhooks: true });
    });
    afterAll(async () => {
      await s?.stop();
      await w?.stop();
    });

    it('says so, never deletes it, and finds labels by polling', async () => {
      expect(s.lines).toEqual([
        expect.stringMatching(/V2 label_created_v2: another app already holds this event.*found by polling/),
        'V2 fulfillment_shipped_v2: subscribed.',
      ]);
      const foreign = w.ss.admin.listWebhooks().filter((h) => h.owner !== 'connector');
      expect(foreign.map((h) => h.url)).toEqual(['https://other-app.example/hooks']);
      const o = enterOrder(w, [['SH-A', 1]]);
      await sendOrders(w);
      const rt = await w.connector.runtime(w.connection);
      await rt.v2!.createLabelFromShipment(`se-${ssOrder(w, o.orderKey).orderId}`);
      await eventually(
        () => sageOrder(w, o.uniquifier).NumberOfShipments,
        (n) => n === 1,
        5000,
      );
      expect(w.ss.admin.listWebhooks().filter((h) => h.owner !== 'connector')).toHaveLength(1);
    });
  });
});
