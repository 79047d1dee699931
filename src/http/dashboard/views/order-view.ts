import type { Connection } from '../../../domain/connection.js';
import { html, type SafeHtml } from '../html.js';
import type { OrderDetail } from '../model/order-detail.js';
import { q, timeAgo } from './format.js';
import { csrfField } from './layout.js';
import { statePill } from './orders-view.js';
import { reasonHtml } from './page-links.js';

function payloadOf(data: unknown): unknown {
  return data && typeof data === 'object' && 'request' in data ? (data as { request: unknown }).request : undefined;
}

function timeline(c: Connection, d: OrderDetail, now: number): SafeHtml {
  if (d.events.length === 0) return html`<p class="muted">No event recorded yet.</p>`;
  return html`<ol class="timeline" data-testid="timeline">${[...d.events].reverse().map((e) => {
    const payload = payloadOf(e.data);
    return html`<li data-event="${e.event}"><span class="event">${e.event.replace(/_/g, ' ')}</span> ${timeAgo(e.at, now)}
<div>${reasonHtml(e.message, c.name)}</div>${
      payload === undefined
        ? ''
        : html`<details><summary>Payload sent (secrets removed)</summary><pre data-testid="payload">${JSON.stringify(payload, null, 2)}</pre></details>`
    }</li>`;
  })}</ol>`;
}

function links(d: OrderDetail): SafeHtml {
  if (d.links.length === 0) return html`<p class="muted">Not in ShipStation yet.</p>`;
  return html`<table class="cards" data-testid="links"><thead><tr><th>Order key</th><th>ShipStation id</th><th>API</th><th>Status there</th><th>Lines sent</th></tr></thead><tbody>${d.links.map(
    (
      l,
    ) => html`<tr><td data-label="Order key">${l.orderKey}</td><td data-label="ShipStation id">${l.ssOrderId ?? '-'}</td>
<td data-label="API">${l.api.toUpperCase()}</td><td data-label="Status there">${l.status}</td>
<td data-label="Lines sent">${l.lines.map((x, i) => html`${i ? ', ' : ''}${x.sku} × ${x.quantity}`)}</td></tr>`,
  )}</tbody></table>`;
}

function shipments(d: OrderDetail, now: number): SafeHtml {
  if (d.shipments.length === 0) return html`<p class="muted">No shipment seen yet.</p>`;
  return html`<table class="cards" data-testid="shipments"><thead><tr><th>Shipment</th><th>Tracking</th><th>State</th><th>Seen</th></tr></thead><tbody>${d.shipments.map(
    (
      s,
    ) => html`<tr data-state="${s.state}"><td data-label="Shipment">${s.kind} ${s.sourceId}${s.voided ? html` <span class="pill pill-fail">voided</span>` : ''}</td>
<td data-label="Tracking">${s.tracking ?? '-'}</td><td data-label="State">${s.state.replace(/_/g, ' ')}${s.reason ? html`<small>${s.reason}</small>` : ''}</td>
<td data-label="Seen">${timeAgo(s.firstSeenAt, now)}</td></tr>`,
  )}</tbody></table>`;
}

export function orderView(c: Connection, key: string, d: OrderDetail, csrf: string, now: number): SafeHtml {
  const r = d.record;
  const action = `/orders/${q(c.name)}/${q(key)}`;
  const needsRetry = r && ['held', 'failed', 'conflict'].includes(r.state);
  return html`<p><a href="/orders?c=${q(c.name)}">All orders</a></p>
<!-- The state, links and shipments refresh themselves; the timeline does not, so an opened payload stays open. -->
<div id="order-live" hx-get="${action}" hx-trigger="every 5s" hx-select="#order-live" hx-target="this" hx-swap="outerHTML">
<dl class="facts" data-testid="order-facts">
<dt>State</dt><dd data-testid="order-state">${r ? statePill(r.state) : html`<span class="muted">unknown</span>`}</dd>
${r?.reason ? html`<dt>Why</dt><dd data-testid="order-reason">${reasonHtml(r.reason, c.name)}</dd>` : ''}
<dt>Customer</dt><dd>${r?.customer ?? '-'}</dd>
<dt>ShipStation order</dt><dd>${r?.ssNumber ?? '-'}</dd>
<dt>Tracking</dt><dd data-testid="tracking">${d.tracking.length ? d.tracking.join(', ') : '-'}</dd>
<dt>Sage key</dt><dd>OrderUniquifier ${key}</dd>
<dt>Updated</dt><dd>${timeAgo(r?.updatedAt, now)}</dd>
</dl>
<div class="actions">
<form method="post" action="${action}/retry" class="inline">${csrfField(csrf)}<button type="submit" ${needsRetry ? '' : html`class="secondary"`} data-testid="retry">Retry now</button></form>
<form method="post" action="${action}/resync" class="inline">${csrfField(csrf)}<button type="submit" class="secondary" data-testid="resync">Re-sync this order</button></form>
</div>
<p class="muted">Retry and re-sync read the order from Sage 300 again and send what is needed to ShipStation, even when the orders flow is paused; re-sync also looks for its shipments.</p>
<h2>In ShipStation</h2>${links(d)}
<h2>Shipments and tracking</h2>${shipments(d, now)}
</div>
<h2>Timeline</h2>
<p class="muted">Newest first. <a href="${action}">Reload</a> to see events added since the page opened.</p>
${timeline(c, d, now)}`;
}
