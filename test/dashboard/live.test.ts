import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/domain/connection.js';
import { saveLastPing } from '../../src/http/dashboard/model/last-ping.js';
import { problems } from '../../src/mapping/problems.js';
import { type DashboardService, HttpClient, signIn, startDashboardService } from './dashboard-service.js';

const HTMX = { 'hx-request': 'true' };

describe('live fragments: the home page and the Flows page refresh themselves (issue 16 point 6)', () => {
  const PASSWORD = 'live-fragments-admin-pw';
  let d: DashboardService;
  let c: Connection;
  let client: HttpClient;

  beforeAll(async () => {
    d = await startDashboardService({ env: { ADMIN_PASSWORD: PASSWORD } });
    // Stored directly: the service schedules nothing for it, so only what the test writes is there.
    c = await d.app.store.connections.upsert({ name: 'main', source: 'cli' });
    client = new HttpClient(d.url);
    await signIn(client, PASSWORD);
  });
  afterAll(async () => {
    await d?.stop();
  });

  const order = (key: string, state: 'sent' | 'written_back' | 'held') =>
    d.app.store.records.upsert({ connectionId: c.id, kind: 'order', key, display: `ORD${key}`, state });

  it('the home page polls /live/home, which answers only its own part, with the counts of now', async () => {
    const home = await client.get('/');
    expect(home.text).toContain(
      '<div id="home-live" hx-get="/live/home" hx-trigger="every 5s, htmx:afterRequest from:.ping-form"',
    );
    // The ping form inside it cancels a refresh in flight and holds the next ones back while it runs.
    expect(home.text).toContain('hx-sync="closest #home-live:replace"');
    await order('1', 'sent');
    const before = await client.get('/live/home', HTMX);
    expect(before.status).toBe(200);
    expect(before.text.startsWith('<div id="home-live"')).toBe(true);
    expect(before.text).not.toContain('<html');
    expect(before.text).toMatch(/data-testid="awaiting">1</);
    expect(before.text).toMatch(/data-testid="written-back">0</);
    await order('1', 'written_back');
    await order('2', 'sent');
    await order('3', 'sent');
    const after = await client.get('/live/home', HTMX);
    expect(after.text).toMatch(/data-testid="awaiting">2</);
    expect(after.text).toMatch(/data-testid="written-back">1</);
    await order('4', 'held');
    expect((await client.get('/live/home', HTMX)).text).toMatch(/data-testid="attention-total">1</);
  });

  it('"Last ping" says never until a ping is stored, then its verdict, and keeps the details open', async () => {
    const cell = (text: string) => /data-testid="last-ping">([\s\S]*?)<\/td>/.exec(text)?.[1] ?? '';
    expect(cell((await client.get('/live/home', HTMX)).text)).toContain('never');
    const pass = [{ id: 'x', label: 'Reach', status: 'pass' as const, detail: 'answered' }];
    await saveLastPing(d.app.store, c.id, { sage300: pass, shipstation: pass }, d.app.clock.now());
    const live = (await client.get('/live/home', HTMX)).text;
    expect(cell(live)).not.toContain('never');
    expect(cell(live)).toContain('pill-pass');
    // A passing ping's result stays under the row for a while (the refresh does not wipe what was just shown).
    expect(live).toContain('data-testid="ping-result" data-worst="pass"');
  });

  it('the Flows page polls /live/flows for its connection; the re-scan form stays outside', async () => {
    const page = await client.get('/flows?c=main');
    expect(page.text).toContain('<div id="flows-live" hx-get="/live/flows?c=main" hx-trigger="every 5s"');
    const live = page.text.slice(page.text.indexOf('id="flows-live"'));
    expect(live.indexOf('data-testid="rescan-from"')).toBeGreaterThan(live.indexOf('</div>\n<p class="muted">'));
    const before = await client.get('/live/flows?c=main', HTMX);
    expect(before.text.startsWith('<div id="flows-live"')).toBe(true);
    expect(before.text).toMatch(/data-testid="orders-state">Not run yet</);
    await d.app.store.flows.setPaused(c.id, 'orders', true);
    expect((await client.get('/live/flows?c=main', HTMX)).text).toMatch(/data-testid="orders-state">Paused</);
    await d.app.store.flows.setPaused(c.id, 'orders', false);
  });

  it('every page that shows a reason links the pages it names, with the connection', async () => {
    const held = problems.unmappedShipVia('ORD000900', 'DRONE', 'Sky Drone');
    await d.app.store.records.upsert({
      connectionId: c.id,
      kind: 'order',
      key: '900',
      display: 'ORD000900',
      state: 'held',
      reason: `${held.message} Fix: ${held.fix} <script>x</script>`,
    });
    const link = '<a href="/mappings?c=main" class="page-link">Mappings page</a>';
    for (const path of ['/attention', '/orders?c=main', '/orders/main/900']) {
      const page = await client.get(path);
      expect(page.text, path).toContain(`Map ship-via DRONE on the ${link}`);
      expect(page.text, path).not.toContain('<script>x');
    }
    // The help line of a kind of item, too (the Attention page shows every connection: no `c`).
    const attention = await client.get('/attention');
    expect(attention.text).toContain('A saved mapping sends the orders waiting for it by itself');
    // A flow that is off says why, with the page to fix it linked.
    await d.app.store.flows.off(
      c.id,
      'inventory',
      'Inventory sync is off: no Sage location is mapped. Map one: ml-connector mappings set inventory_location <Sage location> --inventory-location <id or name>.',
    );
    const flows = await client.get('/flows?c=main');
    expect(flows.text).toContain(`Map one on the ${link}`);
  });

  it('needs a session like every page (401 for htmx, sign-in for a page load)', async () => {
    const anonymous = new HttpClient(d.url);
    expect((await anonymous.get('/live/home', HTMX)).status).toBe(401);
    expect((await anonymous.get('/live/flows')).status).toBe(303);
  });
});
