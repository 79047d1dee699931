import type { Connection } from '../../../domain/connection.js';
import type { MappingTarget } from '../../../domain/mappings.js';
import { html, type SafeHtml } from '../html.js';
import { KIND_TITLES, type MappingRow, type MappingTable } from '../model/mapping-tables.js';
import { q } from './format.js';
import { csrfField } from './layout.js';

const STATUS_WORDS: Record<MappingRow['status'], string> = {
  mapped: 'Mapped',
  skip: 'Not through ShipStation',
  suggested: 'Suggested: not confirmed',
  unmapped: 'Not mapped',
  new: 'Not mapped',
};

function targetName(t: MappingTarget | 'skip' | null | undefined): string {
  if (!t) return '';
  if (t === 'skip' || 'skip' in t) return 'Not through ShipStation';
  return t.name;
}

/**
 * A mapping form that shows it is working: saving waits for an orders pass in flight and starts the next
 * (up to ~20 s), so htmx posts it, disables its button and shows `saving` until the server says where to
 * go (HX-Redirect, with the message). Without JavaScript it is a plain form post.
 */
function savingForm(action: string, body: SafeHtml, saving = SAVING): SafeHtml {
  return html`<form method="post" action="${action}" class="inline saving-form" hx-post="${action}" hx-disabled-elt="find button">${body}
<span class="htmx-indicator saving" role="status" data-testid="saving">${saving}</span></form>`;
}

const SAVING = 'Saving… orders waiting for this mapping then go out by themselves.';

function row(c: Connection, r: MappingRow, t: MappingTable, csrf: string): SafeHtml {
  const action = `/mappings/${q(c.name)}`;
  const hidden = html`${csrfField(csrf)}<input type="hidden" name="kind" value="${r.kind}"><input type="hidden" name="sageValue" value="${r.sageValue}">`;
  const pending = r.status === 'suggested' || r.status === 'unmapped' || r.status === 'new';
  const suggestion =
    r.suggestion?.target && pending
      ? html`${targetName(r.suggestion.target)} <span class="muted">(${Math.round(r.suggestion.score * 100)}% alike${r.suggestion.unambiguous ? '' : ', not clear-cut'})</span>
${savingForm(`${action}/accept`, html`${hidden}<button type="submit" class="secondary" data-testid="accept">Accept</button>`)}`
      : html`<span class="muted">${pending ? 'none: choose one' : ''}</span>`;
  const ok = r.status === 'mapped' || r.status === 'skip';
  return html`<tr data-kind="${r.kind}" data-value="${r.sageValue}" data-status="${r.status}">
<td data-label="Sage 300"><strong>${r.sageValue}</strong> ${r.sageName}</td>
<td data-label="Now"><span class="pill ${ok ? 'pill-pass' : 'pill-warn'}">${STATUS_WORDS[r.status]}</span> ${ok ? targetName(r.status === 'skip' ? 'skip' : r.target) : ''}${r.source === 'auto' && ok ? html` <span class="muted">(accepted automatically)</span>` : ''}</td>
<td data-label="Suggestion">${suggestion}</td>
<td data-label="Change">${savingForm(
    `${action}/set`,
    html`${hidden}
<select name="target" aria-label="Map ${r.sageValue} to" data-testid="target">
<option value="">Not mapped</option>
${t.options.map((o) => html`<option value="${o.value}" ${o.value === r.selected ? html`selected` : ''}>${o.label}</option>`)}
</select> <button type="submit" data-testid="set">Save</button>`,
  )}</td>
</tr>`;
}

function table(c: Connection, t: MappingTable, csrf: string): SafeHtml {
  const empty =
    t.kind === 'inventory_location'
      ? 'ShipStation has no inventory locations for this account (needs a V2 key and the Inventory add-on): stock levels are not sent.'
      : 'Nothing read yet. Use "Read both systems now".';
  return html`<section id="${t.kind}" data-testid="mappings-${t.kind}">
<h2>${KIND_TITLES[t.kind]}</h2>
${
  t.rows.length === 0
    ? html`<p class="muted">${empty}</p>`
    : html`<table class="cards"><thead><tr><th>Sage 300</th><th>Now</th><th>Suggestion</th><th>Change</th></tr></thead>
<tbody>${t.rows.map((r) => row(c, r, t, csrf))}</tbody></table>`
}</section>`;
}

export function mappingsView(opts: {
  connection: Connection;
  tables: MappingTable[];
  acceptable: number;
  check: SafeHtml;
  csrf: string;
  picker: SafeHtml;
}): SafeHtml {
  const { connection: c, csrf } = opts;
  return html`${opts.picker}
<p>Orders whose location or ship-via code is not mapped are held back until it is. Once a mapping is saved, the orders held for it go out by themselves within seconds: no need to press Retry.</p>
<div class="actions">
${savingForm(
  `/mappings/${q(c.name)}/accept-all`,
  html`${csrfField(csrf)}
<button type="submit" data-testid="accept-all" ${opts.acceptable === 0 ? html`disabled` : ''}>Accept all clear suggestions (${opts.acceptable})</button>`,
  'Saving… orders waiting for these mappings then go out by themselves.',
)}
<form method="post" action="/mappings/${q(c.name)}/refresh" class="inline">${csrfField(csrf)}
<button type="submit" class="secondary" data-testid="refresh-reference">Read both systems now</button></form>
<a href="/mappings/fields?c=${q(c.name)}" data-testid="field-mapping-link">Field mapping (custom fields, notes, gift, billing)</a>
</div>
${opts.check}
${opts.tables.map((t) => table(c, t, csrf))}`;
}
