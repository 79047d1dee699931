import type { CheckFinding } from '../../../engine/mappings/check.js';
import { html, type SafeHtml } from '../html.js';
import type { MappingCheck } from '../model/mapping-check.js';

const WORDS: Record<CheckFinding['severity'], { pill: string; text: string }> = {
  blocking: { pill: 'fail', text: 'Blocking' },
  warning: { pill: 'warn', text: 'Warning' },
  info: { pill: 'skip', text: 'For information' },
};

const KIND_WORDS: Record<CheckFinding['kind'], string> = {
  location: 'Sage location',
  ship_via: 'Sage ship-via',
  inventory_location: 'Sage location (stock)',
  item: 'Sage item',
  warehouse: 'ShipStation warehouse',
  service: 'ShipStation service',
  product: 'ShipStation product',
};

function finding(f: CheckFinding): SafeHtml {
  const w = WORDS[f.severity];
  // The command's fixes name commands; on the page, Sage-side values are fixed in the tables below.
  const fix =
    f.side === 'sage300' && f.severity !== 'info' ? 'Choose its ShipStation counterpart in the table below.' : '';
  return html`<li class="check" data-severity="${f.severity}"><span class="pill pill-${w.pill}">${w.text}</span>
${KIND_WORDS[f.kind]} <strong>${f.value}</strong> ${f.name}: ${f.problem}${fix ? html` <span class="muted">${fix}</span>` : ''}</li>`;
}

/** The mapping check: what holds orders back first, then what limits stock sync, then information. */
export function mappingCheckView(check: MappingCheck): SafeHtml {
  if (!check.read) return html``;
  const main = check.findings.filter((f) => f.severity !== 'info');
  const info = check.findings.filter((f) => f.severity === 'info');
  return html`<section class="checks" data-testid="mapping-check" data-blocking="${check.blocking}">
<h2>Mapping check</h2>
<p>${
    check.blocking === 0
      ? html`<span class="pill pill-pass">Ready</span> Every Sage 300 location and ship-via code orders can use is mapped: no order is held back for a mapping.`
      : html`<span class="pill pill-fail">${check.blocking} to map</span> Orders that use these are held back until they are mapped.`
  }${check.warnings ? html` ${check.warnings} warning${check.warnings === 1 ? '' : 's'}.` : ''}</p>
${main.length ? html`<ul>${main.map(finding)}</ul>` : ''}
${info.length ? html`<details><summary>${info.length} note${info.length === 1 ? '' : 's'} for information</summary><ul>${info.map(finding)}</ul></details>` : ''}
</section>`;
}
