import type { Connection } from '../../../domain/connection.js';
import { FIELD_TARGETS, type FieldTarget } from '../../../domain/field-mapping.js';
import { FIELD_TARGET_LABELS } from '../../../mapping/field-mapping.js';
import type { FieldMappingPreview } from '../../../runtime/field-mapping-runner.js';
import { WIRE_NAMES } from '../../../runtime/field-mapping-runner.js';
import { html, type SafeHtml } from '../html.js';
import { q } from './format.js';
import { csrfField } from './layout.js';

export interface FieldMappingPageModel {
  connection: Connection;
  csrf: string;
  picker: SafeHtml;
  /** The source text of each target as shown in its box (the saved mapping, or what was typed). */
  values: Readonly<Record<FieldTarget, string>>;
  orderNumber: string;
  /** Refusals of the last save or preview (unknown fields with their nearest names, bad source text). */
  errors: readonly string[];
  preview: FieldMappingPreview | null;
}

const GROUPS: readonly { title: string; targets: readonly FieldTarget[] }[] = [
  {
    title: 'Custom fields and notes',
    targets: ['customField1', 'customField2', 'customField3', 'internalNotes', 'customerNotes'],
  },
  { title: 'Gift and tags', targets: ['gift', 'giftMessage', 'tags'] },
  { title: 'Third-party billing', targets: ['billToParty', 'billToAccount', 'billToPostalCode', 'billToCountry'] },
];

function row(t: FieldTarget, value: string, api: 'v1' | 'v2'): SafeHtml {
  return html`<tr data-testid="field-${t}"><th scope="row"><label for="f-${t}">${FIELD_TARGET_LABELS[t]}</label></th>
<td><code>${WIRE_NAMES[t][api]}</code></td>
<td><input id="f-${t}" name="${t}" value="${value}" size="36" autocomplete="off" spellcheck="false"></td></tr>`;
}

function previewTable(p: FieldMappingPreview): SafeHtml {
  if (!p.found) return html`<p class="error" data-testid="preview">Sage 300 has no order ${p.orderNumber}.</p>`;
  const changed = p.rows.filter((r) => r.changed).length;
  return html`<section data-testid="preview"><h2>Preview: order ${p.orderNumber}</h2>
<p>${changed === 0 ? 'Nothing changes on this order.' : html`${changed} field${changed === 1 ? '' : 's'} change on this order (nothing is saved yet).`}</p>
<table class="cards"><thead><tr><th>Field</th><th>Now</th><th>With these choices</th></tr></thead><tbody>
${p.rows.map(
  (r) =>
    html`<tr class="${r.changed ? 'changed' : ''}" data-testid="preview-${r.target}"><th scope="row">${FIELD_TARGET_LABELS[r.target]}</th><td>${r.before || html`<span class="muted">—</span>`}</td><td>${r.after || html`<span class="muted">—</span>`}${r.changed ? html` <strong>(changed)</strong>` : ''}</td></tr>`,
)}
</tbody></table>
${p.problems.length ? html`<p class="error" data-testid="preview-problems">Would be held: ${p.problems.join(' ')}</p>` : ''}</section>`;
}

/**
 * The field mapping page: one box per ShipStation field with its Sage source typed as
 * `order:<field>`, `order-optional:<field>`, `customer:<field>`, `customer-optional:<field>`, `text:<text>` or
 * `none`; Preview shows a real order before and after, Save checks the fields against Sage's `$metadata`.
 */
export function fieldMappingView(m: FieldMappingPageModel): SafeHtml {
  const c = m.connection;
  const api = c.shipstation?.ordersApi ?? 'v1';
  const action = `/mappings/${q(c.name)}/fields`;
  return html`${m.picker}
<p><a href="/mappings?c=${q(c.name)}">← Mappings</a></p>
<p>Which Sage 300 value fills each ShipStation field. Type <code>order:PurchaseOrderNumber</code> (an order field), <code>order-optional:GIFTMSG</code> (an order optional field), <code>customer:CustomerName</code>, <code>customer-optional:BILLACCT</code>, <code>text:Thank you</code> (fixed text) or <code>none</code>. Saving checks the fields against Sage; open orders are then updated by the next edits pass, shipped orders never.</p>
${m.errors.length ? html`<div class="flash error" role="alert" data-testid="field-errors">${m.errors.map((e) => html`<p>${e}</p>`)}</div>` : ''}
<form method="post" action="${action}/save" class="field-mapping" data-testid="field-mapping-form">${csrfField(m.csrf)}
${GROUPS.map(
  (
    g,
  ) => html`<section><h2>${g.title}</h2><table class="cards"><thead><tr><th>ShipStation field</th><th>${api === 'v1' ? 'V1' : 'V2'} name</th><th>From Sage 300</th></tr></thead>
<tbody>${g.targets.map((t) => row(t, m.values[t], api))}</tbody></table></section>`,
)}
<p><label for="f-order">Preview on Sage order</label> <input id="f-order" name="orderNumber" value="${m.orderNumber}" size="14" data-testid="preview-order">
<button type="submit" class="secondary" formaction="${action}/preview" data-testid="preview-button">Preview</button>
<button type="submit" data-testid="save-fields">Save</button></p>
</form>
${m.preview ? previewTable(m.preview) : ''}`;
}

/** Every target's text from a form body (missing ones as the empty string, i.e. none). */
export function valuesFrom(body: Record<string, unknown>): Record<FieldTarget, string> {
  return Object.fromEntries(FIELD_TARGETS.map((t) => [t, typeof body[t] === 'string' ? body[t] : ''])) as Record<
    FieldTarget,
    string
  >;
}
