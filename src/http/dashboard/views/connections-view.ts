import { html, type SafeHtml } from '../html.js';
import type { ConnectionHealth, Health } from '../model/connection-health.js';
import { q, timeAgo } from './format.js';
import { csrfField } from './layout.js';
import { pingView, statusPill } from './ping-view.js';

const HEALTH_WORDS: Record<Health, string> = {
  ok: 'Healthy',
  warn: 'Needs a look',
  fail: 'Not working',
  unknown: 'Not checked yet',
};

function healthPill(h: Health): SafeHtml {
  const status = h === 'ok' ? 'pass' : h === 'unknown' ? 'skip' : h;
  return html`<span class="pill pill-${status}" data-testid="health">${HEALTH_WORDS[h]}</span>`;
}

function flowsSummary(h: ConnectionHealth, now: number): SafeHtml {
  if (h.flows.length === 0) return html`<span class="muted">no run yet</span>`;
  return html`<ul class="plain">${h.flows.map(
    (f) =>
      html`<li data-flow="${f.flow}">${f.flow}: ${f.paused ? 'paused' : (f.lastStatus ?? '-')}${
        f.lastSuccessAt ? html`, ok ${timeAgo(f.lastSuccessAt, now)}` : ''
      }</li>`,
  )}</ul>`;
}

/**
 * A Ping button: htmx swaps the result in below; without JavaScript the form posts and the page comes back.
 * Inside the home page's live part (`live`), a ping cancels a refresh in flight and no refresh starts while
 * it runs (hx-sync), so the refresh cannot remove the form before its answer is shown; the part refreshes
 * as soon as the ping ends (it listens for htmx:afterRequest from `.ping-form`), which updates "Last ping".
 */
export function pingButton(name: string, csrf: string, target: string, live = false): SafeHtml {
  return html`<form method="post" action="/connections/${q(name)}/ping" class="inline${live ? ' ping-form' : ''}"
 hx-post="/connections/${q(name)}/ping" hx-target="#${target}" hx-swap="innerHTML" hx-disabled-elt="find button"${
   live ? html` hx-sync="closest #${HOME_LIVE}:replace"` : ''
 }>
${csrfField(csrf)}<button type="submit" data-testid="ping">Ping</button></form>`;
}

/** The id of the home page's part that refreshes itself. */
export const HOME_LIVE = 'home-live';

/** How long after a ping its details stay open on the home page (a failing ping's stay until the next). */
const SHOW_PING_MS = 10 * 60_000;

function showPing(h: ConnectionHealth, now: number): boolean {
  if (!h.ping || !h.pingVerdict) return false;
  if (h.pingVerdict.sage300 === 'fail' || h.pingVerdict.shipstation === 'fail') return true;
  return now - Date.parse(h.ping.at) < SHOW_PING_MS;
}

function connectionRow(h: ConnectionHealth, csrf: string, now: number): SafeHtml {
  const c = h.connection;
  const ss = [h.shipstation.v1 ? 'V1' : '', h.shipstation.v2 ? 'V2' : ''].filter(Boolean).join(' + ');
  const target = `ping-${c.id}`;
  return html`<tr data-connection="${c.name}">
<td data-label="Connection"><a href="/connections/${q(c.name)}"><strong>${c.name}</strong></a></td>
<td data-label="Health">${healthPill(h.health)}${h.notes.length ? html`<ul class="plain notes">${h.notes.map((n) => html`<li>${n}</li>`)}</ul>` : ''}</td>
<td data-label="Sage 300">${c.sage300 ? html`${c.sage300.company} <span class="muted">at ${new URL(c.sage300.url).host}</span>` : html`<span class="muted">not set</span>`}</td>
<td data-label="ShipStation">${ss || html`<span class="muted">not set</span>`}${c.shipstation?.ordersApi ? html` <span class="muted">(orders via ${c.shipstation.ordersApi.toUpperCase()})</span>` : ''}</td>
<td data-label="Last ping" data-testid="last-ping">${h.pingVerdict ? html`Sage 300 ${statusPill(h.pingVerdict.sage300)} ShipStation ${statusPill(h.pingVerdict.shipstation)} ${timeAgo(h.ping?.at, now)}` : html`<span class="muted">never</span>`}</td>
<td data-label="Flows">${flowsSummary(h, now)}</td>
<td data-label="">${pingButton(c.name, csrf, target, true)} <a class="button secondary" href="/connections/${q(c.name)}">Edit</a></td>
</tr>
<tr class="ping-row"><td colspan="7" id="${target}">${h.ping && showPing(h, now) ? pingView(h.ping, now) : ''}</td></tr>`;
}

export interface HomeLive {
  csrf: string;
  now: number;
  attention: number;
  counts: Record<string, number>;
}

/**
 * The part of the home page that refreshes itself (every 5 s, and when a ping ends): the cards and the
 * connections with their health, last ping and flows. htmx asks the fragment route /live/home for it.
 */
export function homeLiveView(rows: readonly ConnectionHealth[], extra: HomeLive): SafeHtml {
  const { csrf, now } = extra;
  return html`<div id="${HOME_LIVE}" hx-get="/live/home" hx-trigger="every 5s, htmx:afterRequest from:.ping-form" hx-target="this" hx-swap="outerHTML" data-testid="home-live">
<section class="summary">
<a class="card ${extra.attention ? 'card-warn' : 'card-ok'}" href="/attention"><strong data-testid="attention-total">${extra.attention}</strong> ${extra.attention === 1 ? 'thing needs' : 'things need'} a person</a>
<a class="card" href="/orders?state=sent"><strong data-testid="awaiting">${extra.counts['sent'] ?? 0}</strong> in ShipStation, awaiting shipment</a>
<a class="card" href="/orders?state=written_back"><strong data-testid="written-back">${extra.counts['written_back'] ?? 0}</strong> shipped and written back to Sage 300</a>
</section>
<section>
<h2>Connections</h2>
${
  rows.length === 0
    ? html`<p>No connections yet. A connection pairs one Sage 300 company with one ShipStation account.</p>`
    : html`<table class="cards" data-testid="connections"><thead><tr><th>Connection</th><th>Health</th><th>Sage 300</th><th>ShipStation</th><th>Last ping</th><th>Flows</th><th></th></tr></thead>
<tbody>${rows.map((h) => connectionRow(h, csrf, now))}</tbody></table>`
}
<p><a class="button" href="/connections/new" data-testid="add-connection">Add a connection</a></p>
</section>
</div>`;
}

/**
 * The home page: its live part, then the charts. `chart` is drawn by the page route in the zone the browser
 * sent before (its cookie; UTC on a first visit or without JavaScript) and replaced from /live/charts.
 */
export function connectionsView(rows: readonly ConnectionHealth[], extra: HomeLive & { chart: SafeHtml }): SafeHtml {
  return html`${homeLiveView(rows, extra)}
<section id="charts" hx-get="/live/charts" hx-trigger="load, every 60s" hx-target="this" hx-swap="innerHTML" data-testid="charts">
${extra.chart}
</section>`;
}
