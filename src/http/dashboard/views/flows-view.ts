import type { Connection } from '../../../domain/connection.js';
import type { PlannedWrite } from '../../../engine/ports.js';
import type { WorkerInfo } from '../../../store/workers-repo.js';
import { html, type SafeHtml } from '../html.js';
import type { BudgetRow, FlowRow } from '../model/flow-rows.js';
import { countsSummary, q, timeAgo } from './format.js';
import { csrfField } from './layout.js';
import { reasonHtml } from './page-links.js';

const ABOUT: Record<FlowRow['flow'], string> = {
  orders: 'Sage 300 orders → ShipStation (new orders, edits, nightly reconcile)',
  shipments: 'ShipStation shipments → Sage 300 (webhooks and polling)',
  inventory: 'Sage 300 stock → ShipStation inventory (V2)',
  reference: 'Locations, ship-via codes, warehouses and services, both ways',
};

function button(c: Connection, flow: string, action: string, label: string, csrf: string, secondary = true): SafeHtml {
  return html`<form method="post" action="/flows/${q(c.name)}/${flow}/${action}" class="inline">${csrfField(csrf)}
<button type="submit" class="${secondary ? 'secondary' : ''}" data-testid="${flow}-${action}">${label}</button></form>`;
}

function flowRow(c: Connection, r: FlowRow, csrf: string, now: number): SafeHtml {
  const s = r.state;
  return html`<tr data-flow="${r.flow}">
<td data-label="Flow"><strong>${r.flow}</strong><small>${ABOUT[r.flow]}</small></td>
<td data-label="State"><span class="pill pill-${r.tone}" data-testid="${r.flow}-state">${r.words}</span>${
    s.lastError && (r.tone === 'fail' || s.lastStatus === 'off')
      ? html`<small>${reasonHtml(s.lastError, c.name)}</small>`
      : ''
  }</td>
<td data-label="Last run">${timeAgo(s.lastFinishedAt ?? s.lastStartedAt, now)}${
    r.worker
      ? html`<small data-testid="${r.flow}-worker">${r.worker.running ? 'running on' : 'on'} ${r.worker.worker}</small>`
      : ''
  }<small><a href="/runs?c=${q(c.name)}&amp;flow=${r.flow}" data-testid="${r.flow}-runs">runs</a></small></td>
<td data-label="Last success">${timeAgo(s.lastSuccessAt, now)}</td>
<td data-label="Next run">${s.paused ? html`<span class="muted">paused</span>` : r.nextAt !== null ? timeAgo(r.nextAt, now) : html`<span class="muted">not scheduled here</span>`}</td>
<td data-label="Last run did">${countsSummary(s.lastCounts)}</td>
<td data-label=""><div class="actions">${button(c, r.flow, 'run', 'Run now', csrf, false)}${button(c, r.flow, 'dry-run', 'Dry run', csrf)}${
    s.paused ? button(c, r.flow, 'resume', 'Resume', csrf) : button(c, r.flow, 'pause', 'Pause', csrf)
  }</div></td></tr>`;
}

function budgetLine(b: BudgetRow, now: number): SafeHtml {
  const s = b.state;
  const left = s.remaining === null ? 'not known yet' : `${s.remaining} of ${s.limit}`;
  return html`<li data-testid="budget-${b.api}"><strong>ShipStation ${b.api.toUpperCase()}</strong>: ${left} requests left in this window${
    s.resetAt ? html` (new window ${timeAgo(s.resetAt, now)})` : ''
  }; ${s.waiting.write + s.waiting.poll} waiting; ${s.rateLimited} "too many requests" answers since start${
    s.blockedUntil && s.blockedUntil > now
      ? html`; <strong>paused by ShipStation until ${timeAgo(s.blockedUntil, now)}</strong>`
      : ''
  }.</li>`;
}

/** The service processes on this database (hidden with one worker: nothing to tell apart). */
function workersSection(workers: readonly WorkerInfo[]): SafeHtml | string {
  if (workers.length < 2) return '';
  const secs = (ms: number) => `${Math.round(ms / 1000)} s ago`;
  return html`<section><h2>Workers</h2><table data-testid="workers"><thead><tr><th>Worker</th><th>Host</th><th>Started</th><th>Last heartbeat</th><th>Passes</th><th>State</th></tr></thead>
<tbody>${workers.map(
    (w) =>
      html`<tr><td>${w.id}</td><td>${w.host} (pid ${w.pid})</td><td>${w.startedAt.replace('T', ' ').slice(0, 19)} UTC</td><td>${secs(w.heartbeatAgeMs)}</td><td>${w.passesRunning} of ${w.concurrency}</td><td><span class="pill pill-${w.alive ? 'pass' : 'fail'}">${w.alive ? 'alive' : 'gone'}</span></td></tr>`,
  )}</tbody></table></section>`;
}

export interface FlowsLive {
  connection: Connection;
  flows: FlowRow[];
  budgets: BudgetRow[];
  workers: WorkerInfo[];
  csrf: string;
  now: number;
}

/**
 * The part of the Flows page that refreshes itself every 5 s (from the fragment route /live/flows): each
 * flow's state, runs and counts, and the request budgets. The re-scan form stays outside it, so a date
 * being typed is not replaced.
 */
export function flowsLiveView(opts: FlowsLive): SafeHtml {
  const { connection: c, csrf, now } = opts;
  return html`<div id="flows-live" hx-get="/live/flows?c=${q(c.name)}" hx-trigger="every 5s" hx-target="this" hx-swap="outerHTML" data-testid="flows-live">
<table class="cards" data-testid="flows"><thead><tr><th>Flow</th><th>State</th><th>Last run</th><th>Last success</th><th>Next run</th><th>Last run did</th><th></th></tr></thead>
<tbody>${opts.flows.map((r) => flowRow(c, r, csrf, now))}</tbody></table>
<section><h2>ShipStation request budget</h2>
${
  opts.budgets.length === 0
    ? html`<p class="muted">No request made yet since the service started.</p>`
    : html`<ul class="plain">${opts.budgets.map((b) => budgetLine(b, now))}</ul>`
}</section>
${workersSection(opts.workers)}
</div>`;
}

export function flowsView(opts: FlowsLive & { picker: SafeHtml; today: string }): SafeHtml {
  const { connection: c, csrf } = opts;
  return html`${opts.picker}
${flowsLiveView(opts)}
<p class="muted">Run now runs one pass at once, even when the flow is paused. Dry run shows the writes a pass would make and makes none. Pause stops the scheduled runs (webhooks are still stored and wait). This page refreshes itself every 5 s.</p>
<section><h2>Re-scan orders from a date</h2>
<p>Reads every open Sage 300 order dated on or after the date and sends what differs from ShipStation (missed edits, or after fixing data in Sage). Orders already in step are left alone.</p>
<form method="post" action="/flows/${q(c.name)}/orders/rescan" class="toolbar">${csrfField(csrf)}
<label>From <input type="date" name="from" required max="${opts.today}" data-testid="rescan-from"></label>
<button type="submit" data-testid="rescan">Re-scan</button></form></section>`;
}

/** The writes a dry run would have made. */
export function dryRunView(flow: string, c: Connection, planned: readonly PlannedWrite[], summary: string): SafeHtml {
  const shown = planned.slice(0, 300);
  return html`<p>${summary}</p>
<p><a href="/flows?c=${q(c.name)}">Back to the flows</a></p>
${
  planned.length === 0
    ? html`<p data-testid="dry-run-none">This ${flow} pass would write nothing.</p>`
    : html`<p data-testid="dry-run-count">${planned.length} write${planned.length === 1 ? '' : 's'} would be made${planned.length > shown.length ? html` (the first ${shown.length} are shown)` : ''}; none was made.</p>
<table class="cards" data-testid="dry-run"><thead><tr><th>System</th><th>Action</th><th>Record</th><th>What</th></tr></thead><tbody>${shown.map(
        (
          w,
        ) => html`<tr><td data-label="System">${w.system === 'shipstation' ? 'ShipStation' : 'Sage 300'}</td><td data-label="Action">${w.action}</td>
<td data-label="Record">${w.key}</td><td data-label="What">${w.summary}${
          w.body === undefined
            ? ''
            : html`<details><summary>Body</summary><pre>${JSON.stringify(w.body, null, 2)}</pre></details>`
        }</td></tr>`,
      )}</tbody></table>`
}`;
}
