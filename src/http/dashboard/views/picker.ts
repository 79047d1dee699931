import type { Connection } from '../../../domain/connection.js';
import { html, type SafeHtml } from '../html.js';

/** Which connection a page shows (only when there are several). A plain GET form: no script needed. */
export function connectionPicker(all: readonly Connection[], selected: Connection, extra: SafeHtml = html``): SafeHtml {
  if (all.length <= 1) return html`<p class="muted">Connection <strong>${selected.name}</strong></p>`;
  return html`<form method="get" class="toolbar" data-testid="picker">
<label>Connection <select name="c">${all.map(
    (c) => html`<option value="${c.name}" ${c.id === selected.id ? html`selected` : ''}>${c.name}</option>`,
  )}</select></label>${extra}
<button type="submit" class="secondary">Show</button></form>`;
}

export function noConnectionsYet(): SafeHtml {
  return html`<p>No connections yet. <a href="/connections/new">Add a connection</a> first.</p>`;
}
