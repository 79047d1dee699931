import { html, joinHtml, type SafeHtml } from '../html.js';
import { forThePage } from '../model/page-fix.js';
import { q } from './format.js';

/** The dashboard pages a reason can name, as the menu names them, and whether the page is per connection. */
const PAGES: Record<string, { path: string; perConnection: boolean }> = {
  Connections: { path: '/', perConnection: false },
  Mappings: { path: '/mappings', perConnection: true },
  Flows: { path: '/flows', perConnection: true },
  Runs: { path: '/runs', perConnection: true },
  Orders: { path: '/orders', perConnection: true },
  Attention: { path: '/attention', perConnection: false },
};

const NAME = Object.keys(PAGES).join('|');

/**
 * Where a page is named in running text: "the Mappings page", "the Flows and Runs pages", a bare name after
 * a word that points at a place ("see Attention", "on Orders"; not at the start of a sentence, where
 * "Orders held…" is a plain word), and "the connection's form".
 */
const MENTION = new RegExp(
  [
    `\\b(?<pair1>${NAME}) and (?:the )?(?<pair2>${NAME}) pages\\b`,
    `\\b(?<page>${NAME}) page\\b`,
    `(?<=\\b(?:on|in|see|open|from|under) )(?<bare>${NAME})\\b`,
    `\\b(?<form>connection's form)`,
  ].join('|'),
  'g',
);

function href(name: string, connection: string | undefined): string {
  const page = PAGES[name];
  if (!page) return '/';
  return page.perConnection && connection ? `${page.path}?c=${q(connection)}` : page.path;
}

function link(to: string, label: string): SafeHtml {
  return html`<a href="${to}" class="page-link">${label}</a>`;
}

/**
 * A text written for people (a reason, a help line, an error) as HTML in which every dashboard page it
 * names is a link to that page, with the connection (`?c=`) where the page shows one connection. The rest
 * of the text is escaped as always; nothing in the text itself can make markup.
 */
export function linkPages(text: string, connection?: string): SafeHtml {
  const parts: SafeHtml[] = [];
  let at = 0;
  for (const m of text.matchAll(MENTION)) {
    const g = m.groups ?? {};
    parts.push(html`${text.slice(at, m.index)}`);
    if (g['pair1'] && g['pair2']) {
      const rest = m[0].slice(g['pair1'].length, m[0].length - g['pair2'].length - ' pages'.length);
      parts.push(
        html`${link(href(g['pair1'], connection), g['pair1'])}${rest}${link(href(g['pair2'], connection), `${g['pair2']} pages`)}`,
      );
    } else if (g['page']) parts.push(link(href(g['page'], connection), m[0]));
    else if (g['bare']) parts.push(link(href(g['bare'], connection), m[0]));
    else if (g['form']) parts.push(link(connection ? `/connections/${q(connection)}` : '/', m[0]));
    at = m.index + m[0].length;
  }
  parts.push(html`${text.slice(at)}`);
  return joinHtml(parts);
}

/** A reason from the flows on a page: commands reworded as pages (forThePage), and those pages linked. */
export function reasonHtml(text: string | null | undefined, connection?: string): SafeHtml {
  return linkPages(forThePage(text ?? ''), connection);
}
