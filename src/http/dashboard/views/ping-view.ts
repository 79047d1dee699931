import type { ConnectionPing } from '../../../connections/ping-connection.js';
import { type PingCheck, worstStatus } from '../../../domain/ping.js';
import { html, type SafeHtml } from '../html.js';
import { fixForPage } from '../model/page-fix.js';
import { timeAgo } from './format.js';
import { linkPages } from './page-links.js';

const WORDS: Record<PingCheck['status'], string> = { pass: 'Pass', warn: 'Warning', fail: 'Fail', skip: 'Skipped' };

export function statusPill(status: PingCheck['status'] | 'ok' | 'unknown', text?: string): SafeHtml {
  const words = text ?? (status === 'ok' ? 'OK' : status === 'unknown' ? 'Not checked' : WORDS[status]);
  return html`<span class="pill pill-${status}">${words}</span>`;
}

function checksList(title: string, checks: readonly PingCheck[]): SafeHtml {
  return html`<section class="checks" data-testid="checks-${title === 'Sage 300' ? 'sage300' : 'shipstation'}">
<h3>${title} ${statusPill(worstStatus(checks))}</h3>
<ul>${checks.map((c) => {
    const fix = c.status === 'pass' || c.status === 'skip' ? undefined : fixForPage(c);
    return html`<li class="check check-${c.status}" data-check="${c.id}" data-status="${c.status}">
${statusPill(c.status)} <strong>${c.label}</strong>: ${c.detail}
${fix ? html`<p class="fix" data-testid="fix"><strong>How to fix:</strong> ${linkPages(fix)}</p>` : ''}</li>`;
  })}</ul></section>`;
}

/** Every check of both systems with its verdict, and for each failure the fix in plain words. */
export function pingView(ping: ConnectionPing & { at?: string }, now: number): SafeHtml {
  const worst = worstStatus([...ping.sage300, ...ping.shipstation]);
  return html`<div class="ping-result" data-testid="ping-result" data-worst="${worst}">
<p>${worst === 'pass' ? 'Every check passed.' : worst === 'warn' ? 'Works, with warnings below.' : worst === 'fail' ? 'Some checks failed: see how to fix each one.' : 'Nothing could be checked.'}
${ping.at ? html` <span class="muted">Checked ${timeAgo(ping.at, now)}.</span>` : ''}</p>
${checksList('Sage 300', ping.sage300)}
${checksList('ShipStation', ping.shipstation)}
</div>`;
}
