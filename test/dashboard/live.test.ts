import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/domain/connection.js';
import { ManualClock } from '../../src/domain/manual-clock.js';
import { saveLastPing } from '../../src/http/dashboard/model/last-ping.js';
import {
  recordWaitingSample,
  waitingSampleJobs,
  waitingSamples,
} from '../../src/http/dashboard/model/waiting-levels.js';
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

  it('mapping forms show that they work, and a form htmx posted is sent on with HX-Redirect and the message', async () => {
    const page = await client.get('/mappings?c=main');
    expect(page.text).toContain('hx-post="/mappings/main/accept-all" hx-disabled-elt="find button"');
    expect(page.text).toContain(
      '<span class="htmx-indicator saving" role="status" data-testid="saving">Saving… orders waiting for these mappings then go out by themselves.</span>',
    );
    expect(page.text).toContain('the orders held for it go out by themselves within seconds: no need to press Retry.');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const htmx = await client.post('/mappings/main/accept-all', { _csrf: csrf }, HTMX);
    expect(htmx.status).toBe(200);
    expect(htmx.headers.get('hx-redirect')).toBe('/mappings?c=main');
    expect((await client.get('/mappings?c=main')).text).toContain('No clear suggestion to accept.');
    // Without htmx (no JavaScript), the same post answers a plain redirect.
    const plain = await client.post('/mappings/main/accept-all', { _csrf: csrf });
    expect(plain.status).toBe(303);
    expect(plain.location).toBe('/mappings?c=main');
  });

  it('needs a session like every page (401 for htmx, sign-in for a page load)', async () => {
    const anonymous = new HttpClient(d.url);
    expect((await anonymous.get('/live/home', HTMX)).status).toBe(401);
    expect((await anonymous.get('/live/flows')).status).toBe(303);
  });
});

describe("the home page's charts, in the browser's zone, from the audit trail and the waiting samples", () => {
  const PASSWORD = 'live-charts-admin-pw';
  let d: DashboardService;
  let c: Connection;
  let client: HttpClient;
  let clock: ManualClock;

  beforeAll(async () => {
    // 05:00 UTC on the day New York's clocks go back (01:00 EDT); the test moves on to 12:30 EST.
    clock = new ManualClock(Date.parse('2026-11-01T05:00:00Z'));
    d = await startDashboardService({ clock, env: { ADMIN_PASSWORD: PASSWORD } });
    c = await d.app.store.connections.upsert({ name: 'main', source: 'cli' });
    client = new HttpClient(d.url);
    await signIn(client, PASSWORD);
  });
  afterAll(async () => {
    await d?.stop();
  });

  const audit = (event: string, key: string) =>
    d.app.store.audit.append({ connectionId: c.id, recordKind: 'order', recordKey: key, event, message: event });
  const order = (key: string, state: 'held' | 'failed' | 'shipped' | 'sent') =>
    d.app.store.records.upsert({ connectionId: c.id, kind: 'order', key, display: `ORD${key}`, state });
  /** `data-bucket` → [data-out, data-back] of the 24-hour chart's bars. */
  const bars = (page: string, range: string) => {
    const figure = page.slice(page.indexOf(`data-testid="chart-${range}"`));
    const moved = figure.slice(0, figure.indexOf('</svg>'));
    return [...moved.matchAll(/<g data-bucket="([^"]+)" data-out="(\d+)" data-back="(\d+)">/g)].map((m) => ({
      at: m[1]!,
      out: Number(m[2]),
      back: Number(m[3]),
    }));
  };
  const waiting = (page: string, range: string) => {
    const figure = page.slice(page.indexOf(`data-testid="chart-${range}"`));
    return [
      ...figure.slice(0, figure.indexOf('</figure>')).matchAll(/<g data-bucket="([^"]+)" data-waiting="(\w+)">/g),
    ].map((m) => m[2]);
  };

  it('counts orders out and shipments back in the local hours, both 01:00 hours of the DST change apart', async () => {
    await d.app.store.records.upsert({ connectionId: c.id, kind: 'order', key: '1', display: 'ORD1', state: 'held' });
    await clock.advance(30 * 60_000); // 01:30 EDT
    await audit('acknowledged', '1');
    await audit('acknowledged', '2');
    await audit('pushed', '3'); // an attempt, not an order out
    await clock.advance(60 * 60_000); // 01:30 EST, an hour later
    await audit('acknowledged', '3');
    await audit('shipment_written', '1');
    await clock.advance(11 * 3_600_000); // 12:30 EST
    await audit('write_confirmed', '2');
    await signIn(client, PASSWORD); // a session lasts 12 hours
    const page = (await client.get('/live/charts?tz=America/New_York', HTMX)).text;
    expect(page).toContain('data-zone="America/New_York"');
    const hours = bars(page, '24h');
    expect(hours).toHaveLength(24);
    expect(hours.filter((h) => h.at.startsWith('2026-11-01T01:00'))).toEqual([
      { at: '2026-11-01T01:00:00.000-04:00', out: 2, back: 0 },
      { at: '2026-11-01T01:00:00.000-05:00', out: 1, back: 1 },
    ]);
    expect(hours.at(-1)).toEqual({ at: '2026-11-01T12:00:00.000-05:00', out: 0, back: 1 });
    expect(page).toMatch(/data-testid="orders-out-24h">3</);
    expect(page).toMatch(/data-testid="shipments-back-24h">2</);
    // Seven calendar days of New York, the 1st (25 hours) last.
    const days = bars(page, '7d');
    expect(days.map((x) => x.at.slice(0, 10))).toEqual([
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
    ]);
    expect(days.at(-1)).toMatchObject({ out: 3, back: 2 });
    expect(page).toContain('>01:00</text>');
  });

  it('reads the zone from the cookie the local-time script sets, and falls back to UTC for an unknown one', async () => {
    client.cookies.set('mlc_tz', 'Asia%2FTokyo');
    const tokyo = (await client.get('/live/charts', HTMX)).text;
    expect(tokyo).toContain('data-zone="Asia/Tokyo"');
    expect(bars(tokyo, '24h').at(-1)!.at).toBe('2026-11-02T02:00:00.000+09:00');
    expect(bars(tokyo, '7d').at(-1)!.at).toBe('2026-11-02T00:00:00.000+09:00');
    for (const tz of ['Mars/Olympus_Mons', '<script>', '']) {
      const page = (await client.get(`/live/charts?tz=${encodeURIComponent(tz)}`, HTMX)).text;
      expect(page, tz).toContain('data-zone="UTC"');
      expect(page).not.toContain('<script>');
    }
    client.cookies.delete('mlc_tz');
    const script = await client.get('/assets/local-time.js');
    expect(script.text).toContain("'mlc_tz='");
    expect(script.text).toContain("e.detail.parameters['tz'] = zone");
  });

  it('shows what waits at the end of each hour from the samples, now from the records, gaps where none', async () => {
    // Samples an hour apart (the service's job takes them every 5 min; this connection is not scheduled).
    expect(await recordWaitingSample(d.app, c.id)).toBe(true);
    await order('10', 'failed');
    await order('11', 'shipped');
    await clock.advance(60 * 60_000);
    expect(await recordWaitingSample(d.app, c.id)).toBe(true);
    expect(await recordWaitingSample(d.app, c.id)).toBe(false); // nothing changed: not stored again
    await order('12', 'held');
    await order('13', 'sent'); // in ShipStation, not waiting
    const page = (await client.get('/live/charts?tz=UTC', HTMX)).text;
    const levels = waiting(page, '24h');
    expect(levels.at(-1)).toBe('4'); // now: 2 held, 1 failed, 1 awaiting write-back
    expect(levels.at(-2)).toBe('1'); // the last sample of the hour before (17:30 UTC: one held)
    expect(levels[0]).toBe('none'); // before the service ran
    expect(waiting(page, '7d')).toEqual(['none', 'none', 'none', 'none', 'none', 'none', '4']);
    expect(page).toMatch(/data-testid="waiting-held-24h">2</);
    expect(page).toMatch(/data-testid="waiting-failed-24h">1</);
    expect(page).toMatch(/data-testid="waiting-awaiting-24h">1</);
  });

  it("the home page draws the charts in the zone of the browser's cookie, then refreshes them from /live/charts", async () => {
    const home = await client.get('/');
    expect(home.text).toContain('<section id="charts" hx-get="/live/charts" hx-trigger="load, every 60s"');
    // No cookie yet (a first visit, or no JavaScript): UTC, drawn by the page itself.
    expect(home.text).toMatch(/data-testid="chart-zone">Hours and days in UTC\./);
    client.cookies.set('mlc_tz', 'Asia/Tokyo');
    try {
      const tokyo = await client.get('/');
      expect(/data-testid="chart-zone">[^<]*/.exec(tokyo.text)?.[0]).toContain('Hours and days in Asia/Tokyo');
    } finally {
      client.cookies.delete('mlc_tz');
    }
  });

  it("the service's waiting-levels job stores a sample per connection when a level changed, and runs at start", async () => {
    const [job] = waitingSampleJobs({ app: d.app, started: d.service.started }, c);
    expect(job).toMatchObject({ name: 'waiting-levels', runAtStart: true, timing: { every: { seconds: 300 } } });
    const before = (await waitingSamples(d.app, c.id)).length;
    await order('14', 'failed');
    const result = await job!.run(c, new AbortController().signal);
    expect(result).toMatchObject({ status: 'ran', outcome: { counts: { stored: 1 } } });
    const samples = await waitingSamples(d.app, c.id);
    expect(samples).toHaveLength(before + 1);
    expect(samples.at(-1)).toEqual({ at: d.app.clock.now(), value: { held: 2, failed: 2, awaiting: 1 } });
    expect(await job!.run(c, new AbortController().signal)).toMatchObject({ outcome: { counts: { stored: 0 } } });
  });
});
