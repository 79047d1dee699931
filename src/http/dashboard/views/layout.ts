import { html, type SafeHtml } from '../html.js';

export type NavKey = 'connections' | 'mappings' | 'flows' | 'runs' | 'orders' | 'attention' | 'none';

export interface FlashMessage {
  kind: 'ok' | 'error';
  text: string;
}

export interface Chrome {
  title: string;
  active: NavKey;
  csrf: string;
  flash?: FlashMessage | null | undefined;
  attention?: number;
}

const NAV: { key: NavKey; href: string; label: string }[] = [
  { key: 'connections', href: '/', label: 'Connections' },
  { key: 'mappings', href: '/mappings', label: 'Mappings' },
  { key: 'flows', href: '/flows', label: 'Flows' },
  { key: 'runs', href: '/runs', label: 'Runs' },
  { key: 'orders', href: '/orders', label: 'Orders' },
  { key: 'attention', href: '/attention', label: 'Attention' },
];

function head(title: string): SafeHtml {
  return html`<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content="${JSON.stringify({ includeIndicatorStyles: false, allowEval: false })}">
<title>${title} · ml-connector</title>
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/dashboard.css">
<script src="/assets/htmx.min.js" defer></script>
<script src="/assets/local-time.js" defer></script>
</head>`;
}

export function flashBox(flash: FlashMessage | null | undefined): SafeHtml {
  if (!flash) return html``;
  return html`<p class="flash flash-${flash.kind}" role="${flash.kind === 'error' ? 'alert' : 'status'}">${flash.text}</p>`;
}

/** A page of the signed-in dashboard. htmx sends the CSRF token with every request it makes (hx-headers). */
export function layout(chrome: Chrome, body: SafeHtml): SafeHtml {
  const nav = NAV.map(
    (n) =>
      html`<a href="${n.href}" class="${n.key === chrome.active ? 'active' : ''}">${n.label}${
        n.key === 'attention' && chrome.attention
          ? html` <span class="badge" data-testid="attention-count">${chrome.attention}</span>`
          : ''
      }</a>`,
  );
  return html`<!doctype html>
<html lang="en">
${head(chrome.title)}
<body hx-headers="${JSON.stringify({ 'x-csrf-token': chrome.csrf })}">
<header class="top">
  <a class="brand" href="/">ml-connector</a>
  <nav>${nav}</nav>
  <form method="post" action="/logout" class="logout">
    <input type="hidden" name="_csrf" value="${chrome.csrf}">
    <button type="submit" class="link">Sign out</button>
  </form>
</header>
<main>
<h1>${chrome.title}</h1>
${flashBox(chrome.flash)}
${body}
</main>
</body>
</html>`;
}

/** Sign-in and setup pages: no navigation, no session. */
export function bareLayout(title: string, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="en">
${head(title)}
<body class="bare">
<main class="narrow">
<p class="brand">ml-connector</p>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}

/** The hidden CSRF field every form carries (htmx requests send the header as well). */
export function csrfField(csrf: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${csrf}">`;
}
