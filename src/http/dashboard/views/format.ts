import { html, type SafeHtml } from '../html.js';

/** "42s ago", "5 min ago", "in 3 min": people read relative times faster than timestamps. */
export function relative(iso: string | number | null | undefined, now: number): string {
  if (iso === null || iso === undefined) return 'never';
  const at = typeof iso === 'number' ? iso : Date.parse(iso);
  if (!Number.isFinite(at)) return 'unknown';
  const s = Math.round((now - at) / 1000);
  const span = duration(Math.abs(s));
  if (Math.abs(s) < 2) return 'just now';
  return s < 0 ? `in ${span}` : `${span} ago`;
}

export function duration(seconds: number): string {
  if (seconds < 90) return `${seconds}s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

/** A relative time with the exact UTC time on hover. */
export function timeAgo(iso: string | number | null | undefined, now: number): SafeHtml {
  if (iso === null || iso === undefined) return html`<span class="muted">never</span>`;
  const exact = new Date(typeof iso === 'number' ? iso : Date.parse(iso)).toISOString();
  return html`<time datetime="${exact}" title="${exact.replace('T', ' ').slice(0, 19)} UTC">${relative(iso, now)}</time>`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** A URL path segment or query value from data (connection names, order keys). */
export function q(value: string): string {
  return encodeURIComponent(value);
}

/**
 * An exact time that says its zone: the UTC time, marked UTC, in a <time> element the page's script
 * (/assets/local-time.js) rewrites in the browser's own time zone. Without the script it still does not lie.
 */
export function exactTime(iso: string | null | undefined): SafeHtml {
  if (!iso) return html`<span class="muted">-</span>`;
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return html`${iso}`;
  const exact = new Date(at).toISOString();
  return html`<time datetime="${exact}" data-local>${exact.replace('T', ' ').slice(0, 19)} UTC</time>`;
}

/** How long a pass took: milliseconds under a second, then as `duration` says it. */
export function elapsed(fromIso: string, toIso: string | null, now: number): string {
  const ms = Math.max(0, (toIso ? Date.parse(toIso) : now) - Date.parse(fromIso));
  return ms < 1000 ? `${ms} ms` : duration(Math.round(ms / 1000));
}

/** A pass's counts in words ("sent 3, held 1"), the zero ones left out. */
export function countsSummary(counts: Record<string, number> | null): SafeHtml {
  if (!counts) return html`<span class="muted">-</span>`;
  const entries = Object.entries(counts).filter(([, v]) => v > 0);
  if (entries.length === 0) return html`<span class="muted">nothing to do</span>`;
  return html`${entries.map(([k, v], i) => html`${i ? ', ' : ''}${k.replace(/_/g, ' ')} <strong>${v}</strong>`)}`;
}
