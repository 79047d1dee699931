import { html, type SafeHtml } from '../html.js';
import { ATTENTION_WORDS, type AttentionItem, type AttentionKind } from '../model/attention.js';
import { timeAgo } from './format.js';
import { linkPages, reasonHtml } from './page-links.js';

const ORDER: AttentionKind[] = [
  'stale_flow',
  'flow_failed',
  'held',
  'failed',
  'conflict',
  'voided_label',
  'write_back_refused',
  'shipment_conflict',
];

const HELP: Record<AttentionKind, string> = {
  stale_flow: 'A flow has not finished without error for longer than the staleness limit: check the Flows page.',
  flow_failed: 'The last run stopped with an error; it runs again at its next time.',
  held: 'Not sent to ShipStation until the reason is fixed (often a mapping). A saved mapping sends the orders waiting for it by itself; press Retry on the order only after fixing something else.',
  failed: 'ShipStation refused the order. Fix it in Sage 300 (it is sent again when it changes) or press Retry.',
  conflict: 'Changed in Sage 300 after it shipped, or otherwise out of step: decide what to do in Sage or ShipStation.',
  voided_label: 'A label was voided after its shipment reached Sage 300: check the Sage order.',
  write_back_refused: 'Sage 300 has not accepted the shipment yet: it stays queued, nothing is lost.',
  shipment_conflict: 'A shipment could not be matched to the order lines in Sage 300.',
};

function item(i: AttentionItem, now: number): SafeHtml {
  return html`<li class="check" data-kind="${i.kind}"><a href="${i.href}"><strong>${i.title}</strong></a>
<span class="muted">${i.connection}, ${timeAgo(i.since, now)}</span>
${i.reason ? html`<div>${reasonHtml(i.reason, i.connection)}</div>` : ''}</li>`;
}

export function attentionView(
  items: readonly AttentionItem[],
  now: number,
  alerts: { url: boolean; staleMinutes: number },
): SafeHtml {
  const groups = ORDER.map((kind) => ({ kind, list: items.filter((i) => i.kind === kind) })).filter(
    (g) => g.list.length,
  );
  return html`<p>${
    items.length === 0
      ? html`<span class="pill pill-pass" data-testid="attention-none">All clear</span> Nothing needs a person right now.`
      : html`<span class="pill pill-fail">${items.length}</span> thing${items.length === 1 ? ' needs' : 's need'} a person.`
  }</p>
${groups.map(
  (
    g,
  ) => html`<section class="checks" data-testid="attention-${g.kind}"><h2>${ATTENTION_WORDS[g.kind]} (${g.list.length})</h2>
<p class="muted">${linkPages(HELP[g.kind])}</p><ul>${g.list.map((i) => item(i, now))}</ul></section>`,
)}
<p class="muted">A flow counts as not running after ${alerts.staleMinutes} minutes without success (STALE_AFTER_MINUTES). ${
    alerts.url
      ? 'Each new item is also posted to the alert webhook (ALERT_WEBHOOK_URL).'
      : 'Set ALERT_WEBHOOK_URL to have each new item posted to a chat or paging tool.'
  } The same counts are in /metrics (mlc_attention, mlc_flow_stale).</p>`;
}
