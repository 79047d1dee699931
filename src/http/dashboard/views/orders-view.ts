import type { Connection } from '../../../domain/connection.js';
import { ORDER_FILTERS } from '../../../domain/order-filters.js';
import { orderStateWords, type RecordRow } from '../../../domain/records.js';
import { html, type SafeHtml } from '../html.js';
import { forThePage } from '../model/page-fix.js';
import { q, timeAgo } from './format.js';
import { ordersSummary } from './orders-summary.js';
import { linkPages } from './page-links.js';

/** The dashboard's state filter is the domain's list (the CLI's `orders --state` offers the same). */
export const STATE_FILTERS = ORDER_FILTERS;

export const stateWords = orderStateWords;

export function statePill(state: string): SafeHtml {
  return html`<span class="state state-${state}" data-state="${state}">${stateWords(state)}</span>`;
}

export interface OrdersQuery {
  c: string;
  q: string;
  state: string;
  page: number;
}

function firstLine(text: string | null): string {
  const line = (text ?? '').split('\n')[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

function orderRow(c: Connection, r: RecordRow, now: number): SafeHtml {
  return html`<tr data-order="${r.display}" data-state="${r.state}">
<td data-label="Sage 300 order"><a href="/orders/${q(c.name)}/${q(r.key)}" data-testid="order-link"><strong>${r.display}</strong></a></td>
<td data-label="ShipStation order">${r.ssNumber ?? html`<span class="muted">-</span>`}</td>
<td data-label="Customer">${r.customer ?? ''}</td>
<td data-label="State">${statePill(r.state)}${r.reason ? html`<small>${linkPages(firstLine(forThePage(r.reason)), c.name)}</small>` : ''}</td>
<td data-label="Updated">${timeAgo(r.updatedAt, now)}</td></tr>`;
}

export function ordersView(opts: {
  connections: Connection[];
  connection: Connection;
  rows: RecordRow[];
  counts: Record<string, number>;
  query: OrdersQuery;
  pageSize: number;
  now: number;
}): SafeHtml {
  const { connection: c, query, now } = opts;
  const total = Object.values(opts.counts).reduce((a, b) => a + b, 0);
  const next = new URLSearchParams({ c: c.name, q: query.q, state: query.state, page: String(query.page + 1) });
  const live = new URLSearchParams({ c: c.name, q: query.q, state: query.state, page: String(query.page) });
  return html`<form method="get" action="/orders" class="toolbar" role="search" data-testid="orders-search">
${opts.connections.length > 1 ? html`<label>Connection <select name="c">${opts.connections.map((x) => html`<option value="${x.name}" ${x.id === c.id ? html`selected` : ''}>${x.name}</option>`)}</select></label>` : html`<input type="hidden" name="c" value="${c.name}">`}
<label>Order, ShipStation order or customer <input type="search" name="q" value="${query.q}" data-testid="orders-q"></label>
<label>State <select name="state" data-testid="orders-state">${STATE_FILTERS.map((s) => html`<option value="${s.value}" ${s.value === query.state ? html`selected` : ''}>${s.label}</option>`)}</select></label>
<button type="submit">Search</button></form>
<p class="muted">${total} order${total === 1 ? '' : 's'} known for ${c.name}${total > 0 ? `: ${ordersSummary(opts.counts)}` : '.'}</p>
<div id="orders-live" hx-get="/orders?${live.toString()}" hx-trigger="every 5s" hx-select="#orders-live" hx-target="this" hx-swap="outerHTML">
${
  opts.rows.length === 0
    ? html`<p data-testid="no-orders">No order matches.</p>`
    : html`<table class="cards" data-testid="orders"><thead><tr><th>Sage 300 order</th><th>ShipStation order</th><th>Customer</th><th>State</th><th>Updated</th></tr></thead>
<tbody>${opts.rows.map((r) => orderRow(c, r, now))}</tbody></table>`
}
${opts.rows.length === opts.pageSize ? html`<p><a href="/orders?${next.toString()}">Next ${opts.pageSize}</a></p>` : ''}
</div>`;
}
