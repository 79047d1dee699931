import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookSignatureVerifier } from '../../src/integrations/shipstation/webhook-signature.js';
import type { ShipStationSimulator } from '../../src/simulators/shipstation/shipstation-simulator.js';
import { runPrefix, v1Order, v2Shipment } from './fixtures.js';
import { startSim, v1For, v2For } from './sim-setup.js';
import { WebhookReceiver } from './webhook-receiver.js';

let sim: ShipStationSimulator;
let receiver: WebhookReceiver;

beforeAll(async () => {
  sim = await startSim({ webhookDelayMs: 0 });
  receiver = await new WebhookReceiver().start();
});
afterAll(async () => {
  await sim.stop();
  await receiver.stop();
});

const bodyOf = (raw: string) => JSON.parse(raw) as { resource_url: string; resource_type: string };

describe('V1 webhooks: pointer payloads fetched with the account credentials', () => {
  it('a label created through the API leads to a SHIP_NOTIFY pointer whose resource_url returns that shipment', async () => {
    const v1 = v1For(sim);
    const hookId = await v1.subscribeWebhook({ targetUrl: `${receiver.url}/v1/ship`, event: 'SHIP_NOTIFY' });
    try {
      const order = await v1.createOrder(v1Order(runPrefix('W'), 1));
      const label = await v1.createLabelForOrder({
        orderId: order.orderId,
        carrierCode: 'ups',
        serviceCode: 'ups_ground',
        shipDate: '2026-11-26',
      });
      const delivery = await receiver.waitFor(
        (d) => d.path === '/v1/ship' && bodyOf(d.rawBody).resource_type === 'SHIP_NOTIFY',
      );
      const { resource_url } = bodyOf(delivery.rawBody);
      expect(resource_url.startsWith(`${sim.origin}/shipments?`)).toBe(true);
      expect(delivery.headers['x-shipengine-rsa-sha256-signature']).toBeUndefined(); // V1 is unsigned
      const resource = await v1.fetchResource(resource_url);
      expect(resource.shipments.map((s) => s.shipmentId)).toEqual([label.shipmentId]);
      expect(resource.shipments[0]).toMatchObject({ orderId: order.orderId, trackingNumber: label.trackingNumber });
    } finally {
      await v1.unsubscribeWebhook(hookId);
    }
  });
});

describe('V2 webhooks: signed deliveries verified against the simulator key set', () => {
  it('a label bought through the API leads to a signed label_created_v2 delivery; its resource_url returns that label', async () => {
    const v2 = v2For(sim);
    const verifier = new WebhookSignatureVerifier({ jwksUrl: sim.jwksUrl });
    const hook = await v2.createWebhook({ event: 'label_created_v2', url: `${receiver.url}/v2/labels` });
    try {
      const warehouseId = (await v2.listWarehouses())[0]!.warehouse_id;
      const [created] = await v2.createShipments([
        v2Shipment(runPrefix('V'), 1, warehouseId, { carrier_id: 'se-12001', service_code: 'ups_ground' }),
      ]);
      if (!created?.ok) throw new Error('create failed');
      const label = await v2.createLabelFromShipment(created.shipmentId);
      const delivery = await receiver.waitFor((d) => d.path === '/v2/labels');
      expect(bodyOf(delivery.rawBody).resource_type).toBe('LABEL_CREATED_V2');

      expect(await verifier.verify(delivery.headers, delivery.rawBody)).toMatchObject({ ok: true });
      const resource = await v2.fetchResource(bodyOf(delivery.rawBody).resource_url);
      expect(resource.labels.map((l) => l.label_id)).toEqual([label.label_id]);
      expect(resource.labels[0]).toMatchObject({
        shipment_id: created.shipmentId,
        tracking_number: label.tracking_number,
      });

      // Refusals: a tampered body, a foreign key id, a replay older than 5 minutes.
      const tampered = delivery.rawBody.replace('LABEL_CREATED_V2', 'LABEL_CREATED_V3');
      expect(await verifier.verify(delivery.headers, tampered)).toMatchObject({ ok: false, reason: 'bad_signature' });
      const unknownKid = { ...delivery.headers, 'x-shipengine-rsa-sha256-key-id': 'not-a-simulator-key' };
      expect(await verifier.verify(unknownKid, delivery.rawBody)).toMatchObject({ ok: false, reason: 'unknown_key' });
      const late = new WebhookSignatureVerifier({
        jwksUrl: sim.jwksUrl,
        clock: { now: () => Date.now() + 5 * 60_000 + 5_000, sleep: async () => {} },
      });
      expect(await late.verify(delivery.headers, delivery.rawBody)).toMatchObject({
        ok: false,
        reason: 'stale_timestamp',
      });

      // A well-formed signature from a key that is not in the set does not pass either.
      const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const timestamp = new Date().toISOString();
      const forged = {
        ...delivery.headers,
        'x-shipengine-timestamp': timestamp,
        'x-shipengine-rsa-sha256-signature': sign(
          'sha256',
          Buffer.from(`${timestamp}.${delivery.rawBody}`),
          impostor.privateKey,
        ).toString('base64'),
      };
      expect(await verifier.verify(forged, delivery.rawBody)).toMatchObject({ ok: false, reason: 'bad_signature' });
    } finally {
      await v2.deleteWebhook(hook.webhook_id);
    }
  });

  it('fetchResource refuses a resource_url outside the V2 base', async () => {
    const v2 = v2For(sim);
    await expect(v2.fetchResource(`${sim.origin}/shipments?batchId=1`)).rejects.toMatchObject({
      code: 'resource_url_refused',
    });
    await expect(v2.fetchResource('https://api.shipstation.com/v2/labels?batch_id=se-1')).rejects.toMatchObject({
      code: 'resource_url_refused',
    });
    expect(v2.stats.snapshot().requests).toBe(0);
  });
});
