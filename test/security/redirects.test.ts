import { afterAll, describe, expect, it } from 'vitest';
import { ConnectionFaultError } from '../../src/domain/errors.js';
import { Sage300Client } from '../../src/integrations/sage300/client.js';
import { V1Client } from '../../src/integrations/shipstation/v1-client.js';
import { createV1RateBudget } from '../../src/integrations/shipstation/v1-rate-budget.js';
import { V2Client } from '../../src/integrations/shipstation/v2-client.js';
import { createV2RateBudget } from '../../src/integrations/shipstation/v2-rate-budget.js';
import { runOrders } from '../../src/runtime/flows/orders-flow.js';
import { runReference } from '../../src/runtime/flows/reference-flow.js';
import { runShipments } from '../../src/runtime/flows/shipments-flow.js';
import { enterOrders } from '../helpers/sage-orders.js';
import { startWorld, type World } from '../helpers/world.js';
import { addItems, enterOrder, sageOrder, sendOrders, ssOrder } from '../shipments/helpers.js';
import { forwardTo, startRedirector, startTrap, type Trap } from './trap.js';

/**
 * No client follows a redirect (issue 13, point 3): a 3xx from Sage, V1 or V2 is a connection fault naming
 * the status and the Location, and no request, let alone a credential, reaches the second origin.
 */
const SECRETS = ['ADMIN-USER', 'SAGE-PASS-77', 'v1-key-aaaa', 'v1-secret-bbbb', 'v2-key-cccc'];
const SAGE_PATH = '/Sage300WebApi/v1.0/-/SAMINC';

const clients = {
  sage300: (origin: string) =>
    new Sage300Client({ baseUrl: `${origin}${SAGE_PATH}`, user: 'admin-user', password: 'sage-pass-77' }).request(
      'GET',
      'OE/OEOrders',
    ),
  'shipstation-v1': (origin: string) =>
    new V1Client({
      baseUrl: origin,
      credentials: { apiKey: 'v1-key-aaaa', apiSecret: 'v1-secret-bbbb' },
      budget: createV1RateBudget({}),
    }).listWebhooks(),
  'shipstation-v2': (origin: string) =>
    new V2Client({
      baseUrl: `${origin}/v2`,
      credentials: { apiKey: 'v2-key-cccc' },
      budget: createV2RateBudget({ limit: 1000 }),
    }).listWarehouses(),
  'V2 resource_url': (origin: string) =>
    new V2Client({
      baseUrl: `${origin}/v2`,
      credentials: { apiKey: 'v2-key-cccc' },
      budget: createV2RateBudget({ limit: 1000 }),
    }).fetchResource(`${origin}/v2/labels?batch_id=se-1`),
};

describe('redirects are never followed', () => {
  let trap: Trap;
  let w: World | undefined;
  afterAll(async () => {
    await trap?.stop();
    await w?.stop();
  });

  const cases = Object.keys(clients).flatMap((system) => [301, 302, 307, 308].map((status) => ({ system, status })));
  it.each(cases)(
    '$system answering $status is a connection fault; the trap sees nothing',
    async ({ system, status }) => {
      trap ??= await startTrap(SECRETS);
      const before = trap.total();
      const redirector = await startRedirector(status, trap.origin);
      try {
        const error = await clients[system as keyof typeof clients](redirector.origin).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ConnectionFaultError);
        const message = (error as Error).message;
        expect(message).toContain(`answered ${status} to ${trap.origin}/`);
        expect(message).toMatch(/point SHIPSTATION_V[12]_URL|point SAGE300_URL/);
        for (const s of SECRETS) expect(message.toUpperCase()).not.toContain(s.toUpperCase());
        expect(redirector.hits()).toBe(1); // one attempt: a redirect is not retried either
        expect(trap.total() - before).toBe(0);
        expect(trap.withCredentials()).toBe(0);
      } finally {
        await redirector.stop();
      }
    },
  );

  it('a ShipStation that redirects order creation fails the orders pass and parks no order', async () => {
    trap ??= await startTrap(SECRETS);
    // The V1 URL is a front that forwards reads to the simulator and answers 302 to the trap for writes.
    w = await startWorld({ api: 'v1' });
    const front = await startRedirector(302, trap.origin, (req) => req.method === 'POST', forwardTo(w.ss.origin));
    try {
      // The V1 key was entered for the simulator's origin: it is entered again for the front.
      const id = w!.connection.id;
      const creds = await w!.app.store.connections.credentials(id);
      await w!.app.store.connections.upsert({
        name: 'default',
        shipstation: { ...w!.connection.shipstation!, v1Url: front.origin },
        source: 'env',
      });
      await w!.app.store.connections.setCredential(id, 'shipstation.v1.key', creds['shipstation.v1.key']!);
      await w!.app.store.connections.setCredential(id, 'shipstation.v1.secret', creds['shipstation.v1.secret']!);
      const connection = await w!.refresh();
      await runReference(w!.connector, connection);
      enterOrders(w!.sage, 3);
      const result = await runOrders(w!.connector, connection, 'new');
      expect(result.status).toBe('failed');
      expect(result.status === 'failed' && result.error.message).toContain(`answered 302 to ${trap.origin}/`);
      expect(front.hits()).toBeGreaterThan(0);
      const states = await w!.app.store.records.countByState(connection.id, 'order');
      expect(states['failed'] ?? 0).toBe(0);
      const flow = await w!.app.store.flows.get(connection.id, 'orders');
      expect(flow?.lastError ?? '').toContain('answered 302');
      expect(trap.total()).toBe(0);
    } finally {
      await front.stop();
    }
  });

  it('a Sage that redirects the write-back fails the shipments pass; the shipment is kept, not parked', async () => {
    trap ??= await startTrap(SECRETS);
    const world = await startWorld({ api: 'v1' });
    // The Sage URL is a front that forwards reads to the simulator and answers 302 to the trap for PATCHes.
    const front = await startRedirector(
      302,
      trap.origin,
      (req) => req.method === 'PATCH',
      forwardTo(world.sage.origin),
    );
    try {
      addItems(world);
      const order = enterOrder(world, [['SH-A', 1]]);
      await sendOrders(world);
      world.ss.admin.createLabel(ssOrder(world, order.orderKey).orderId, {});
      const id = world.connection.id;
      const creds = await world.app.store.connections.credentials(id);
      const sage300 = world.connection.sage300!;
      await world.app.store.connections.upsert({
        name: 'default',
        sage300: { ...sage300, url: sage300.url.replace(world.sage.origin, front.origin) },
        source: 'env',
      });
      await world.app.store.connections.setCredential(id, 'sage300.user', creds['sage300.user']!);
      await world.app.store.connections.setCredential(id, 'sage300.password', creds['sage300.password']!);
      const connection = await world.refresh();
      const result = await runShipments(world.connector, connection);
      expect(result.status).toBe('failed');
      expect(result.status === 'failed' && result.error.message).toContain(`answered 302 to ${trap.origin}/`);
      expect(front.hits()).toBe(1);
      expect(sageOrder(world, order.uniquifier).NumberOfShipments).toBe(0);
      // Kept for the next pass: not parked as a conflict or a failure of this order.
      const parked = await world.app.store.shipmentEvents.byState(id, ['conflict', 'ignored']);
      expect(parked).toEqual([]);
      const states = await world.app.store.records.countByState(id, 'order');
      expect((states['failed'] ?? 0) + (states['conflict'] ?? 0)).toBe(0);
      expect(trap.total()).toBe(0);
    } finally {
      await front.stop();
      await world.stop();
    }
  });
});
