import type { Connection } from '../../../domain/connection.js';
import type { FlowRun, RunResult } from '../../../domain/flow-run.js';
import { RUN_RESULTS } from '../../../domain/flow-run.js';
import { html, type SafeHtml } from '../html.js';
import { forThePage } from '../model/page-fix.js';
import type { RunDetail } from '../model/run-detail.js';
import { RUN_EVENTS_SHOWN } from '../model/run-detail.js';
import { RUN_FLOWS, RUNS_PAGE_SIZE, type RunsFilter } from '../model/run-list.js';
import { countsSummary, elapsed, exactTime, q } from './format.js';
import { linkPages, reasonHtml } from './page-links.js';

const RESULT_WORDS: Record<RunResult, [string, 'pass' | 'warn' | 'fail' | 'skip']> = {
  running: ['Running', 'pass'],
  ok: ['OK', 'pass'],
  failed: ['Failed', 'fail'],
  stopped: ['Stopped with the service', 'skip'],
  off: ['Off', 'skip'],
};

function resultPill(r: RunResult): SafeHtml {
  const [words, tone] = RESULT_WORDS[r];
  return html`<span class="pill pill-${tone}" data-result="${r}">${words}</span>`;
}

function firstLine(text: string | null): string {
  const line = forThePage(text ?? '').split('\n')[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

function runRow(c: Connection, r: FlowRun, now: number): SafeHtml {
  return html`<tr data-run="${r.id}" data-flow="${r.flow}" data-result="${r.result}">
<td data-label="Flow"><a href="/runs/${q(c.name)}/${r.id}" data-testid="run-link"><strong>${r.flow}</strong></a></td>
<td data-label="Started">${exactTime(r.startedAt)}</td>
<td data-label="Took">${elapsed(r.startedAt, r.finishedAt, now)}${r.finishedAt ? '' : html` <span class="muted">so far</span>`}</td>
<td data-label="Did">${countsSummary(r.counts)}</td>
<td data-label="Result">${resultPill(r.result)}${r.error ? html`<small>${linkPages(firstLine(r.error), c.name)}</small>` : ''}</td></tr>`;
}

function filterForm(c: Connection, filter: RunsFilter): SafeHtml {
  const option = (value: string, label: string, current: string) =>
    html`<option value="${value}" ${value === current ? html`selected` : ''}>${label}</option>`;
  return html`<form method="get" action="/runs" class="toolbar" data-testid="runs-filter">
<input type="hidden" name="c" value="${c.name}">
<label>Flow <select name="flow" data-testid="runs-flow">${option('', 'All flows', filter.flow)}${RUN_FLOWS.map((f) => option(f, f, filter.flow))}</select></label>
<label>Result <select name="result" data-testid="runs-result">${option('', 'Any result', filter.result)}${RUN_RESULTS.map((r) => option(r, RESULT_WORDS[r][0], filter.result))}</select></label>
<button type="submit">Show</button></form>`;
}

/** The Runs page: every pass of a connection's flows, newest first, refreshed every 5 s like the Orders list. */
export function runsView(opts: {
  connection: Connection;
  picker: SafeHtml;
  runs: FlowRun[];
  filter: RunsFilter;
  keepDays: number;
  now: number;
}): SafeHtml {
  const { connection: c, filter, now } = opts;
  const params = (page: number) =>
    new URLSearchParams({ c: c.name, flow: filter.flow, result: filter.result, page: String(page) }).toString();
  return html`${opts.picker}${filterForm(c, filter)}
<p class="muted">Every pass of every flow (dry runs excepted), kept for ${opts.keepDays} days (FLOW_RUNS_KEEP_DAYS). Times are UTC until your browser shows them in its own time zone. Open a pass for its counts, its error and the events it recorded.</p>
<div id="runs-live" hx-get="/runs?${params(filter.page)}" hx-trigger="every 5s" hx-select="#runs-live" hx-target="this" hx-swap="outerHTML">
${
  opts.runs.length === 0
    ? html`<p data-testid="no-runs">No pass matches${filter.flow || filter.result ? ' these filters' : ' yet'}.</p>`
    : html`<table class="cards" data-testid="runs"><thead><tr><th>Flow</th><th>Started</th><th>Took</th><th>Did</th><th>Result</th></tr></thead>
<tbody>${opts.runs.map((r) => runRow(c, r, now))}</tbody></table>`
}
${opts.runs.length === RUNS_PAGE_SIZE ? html`<p><a href="/runs?${params(filter.page + 1)}">Older passes</a></p>` : ''}
</div>`;
}

function allCounts(counts: Record<string, number> | null): SafeHtml {
  const entries = Object.entries(counts ?? {});
  if (entries.length === 0) return html`<p class="muted">No counts recorded.</p>`;
  return html`<table data-testid="run-counts"><tbody>${entries.map(
    ([k, v]) => html`<tr><th scope="row">${k.replace(/_/g, ' ')}</th><td>${v}</td></tr>`,
  )}</tbody></table>`;
}

function eventList(c: Connection, d: RunDetail): SafeHtml {
  if (d.events.length === 0)
    return html`<p class="muted" data-testid="run-no-events">No event was recorded while this pass ran.</p>`;
  return html`<ol class="timeline" data-testid="run-events">${d.events.map(
    (e) =>
      html`<li data-event="${e.event}"><span class="event">${e.event.replace(/_/g, ' ')}</span> ${exactTime(e.at)} ${
        e.recordKind === 'order'
          ? html`<a href="/orders/${q(c.name)}/${q(e.recordKey)}">${e.display ?? e.recordKey}</a>`
          : html`<span class="muted">${e.recordKind.replace(/_/g, ' ')} ${e.display ?? e.recordKey}</span>`
      }<div>${reasonHtml(e.message, c.name)}</div></li>`,
  )}</ol>${d.more ? html`<p class="muted">Only the first ${RUN_EVENTS_SHOWN} events are shown.</p>` : ''}`;
}

/** One pass: when, how long, by which worker, its counts and error, and what the connection recorded meanwhile. */
export function runDetailView(c: Connection, d: RunDetail, now: number): SafeHtml {
  const r = d.run;
  return html`<p><a href="/runs?c=${q(c.name)}&amp;flow=${r.flow}">All ${r.flow} passes</a> · <a href="/runs?c=${q(c.name)}">All passes of ${c.name}</a></p>
<dl class="facts" data-testid="run-facts">
<dt>Result</dt><dd data-testid="run-result">${resultPill(r.result)}</dd>
<dt>Started</dt><dd>${exactTime(r.startedAt)}</dd>
<dt>Finished</dt><dd>${r.finishedAt ? exactTime(r.finishedAt) : html`<span class="muted">not yet</span>`}</dd>
<dt>Took</dt><dd>${elapsed(r.startedAt, r.finishedAt, now)}</dd>
<dt>Worker</dt><dd>${r.holder} <span class="muted">(lease token ${r.leaseToken})</span></dd>
</dl>
${r.error ? html`<h2>${r.result === 'off' ? 'Why it is off' : 'What went wrong'}</h2><p data-testid="run-error">${reasonHtml(r.error, c.name)}</p>` : ''}
<h2>Counts</h2>${allCounts(r.counts)}
<h2>Orders it touched</h2>${
    d.orders.length === 0
      ? html`<p class="muted" data-testid="run-no-orders">None.</p>`
      : html`<p data-testid="run-orders">${d.orders.map(
          (o, i) =>
            html`${i ? ', ' : ''}<a href="/orders/${q(c.name)}/${q(o.key)}" data-testid="run-order">${o.display}</a>`,
        )}</p>`
  }
<h2>Events while it ran</h2>
<p class="muted">The connection's audit events from the pass's start to its end, oldest first; a pass of another flow running at the same time adds its own.</p>
${eventList(c, d)}`;
}
