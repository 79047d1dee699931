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
