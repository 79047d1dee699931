import { html, type SafeHtml } from '../html.js';
import type { HourBucket } from '../model/chart-series.js';

const W = 480;
const H = 140;
const PAD = { left: 28, right: 6, top: 10, bottom: 22 };

/**
 * Orders out and shipments back per hour over the last 24 hours, as an inline SVG bar chart (two bars
 * per hour). It scales with the page width (viewBox), so it fits a phone screen.
 */
export function chartView(buckets: readonly HourBucket[]): SafeHtml {
  const max = Math.max(1, ...buckets.map((b) => Math.max(b.ordersOut, b.shipmentsBack)));
  const slot = (W - PAD.left - PAD.right) / Math.max(1, buckets.length);
  const bar = Math.max(1, slot / 2 - 1);
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  const bars = buckets.map((b, i) => {
    const x = PAD.left + i * slot;
    const label = `${new Date(b.hour).toISOString().slice(11, 13)}:00 UTC: ${b.ordersOut} out, ${b.shipmentsBack} back`;
    return html`<g><title>${label}</title>
<rect class="out" x="${x.toFixed(1)}" y="${y(b.ordersOut).toFixed(1)}" width="${bar.toFixed(1)}" height="${(H - PAD.bottom - y(b.ordersOut)).toFixed(1)}"></rect>
<rect class="back" x="${(x + bar + 1).toFixed(1)}" y="${y(b.shipmentsBack).toFixed(1)}" width="${bar.toFixed(1)}" height="${(H - PAD.bottom - y(b.shipmentsBack)).toFixed(1)}"></rect></g>`;
  });
  const ticks = buckets
    .map((b, i) => ({ b, i }))
    .filter(({ i }) => i % 6 === 0 || i === buckets.length - 1)
    .map(
      ({ b, i }) =>
        html`<text x="${(PAD.left + i * slot).toFixed(1)}" y="${H - 6}">${new Date(b.hour).toISOString().slice(11, 13)}h</text>`,
    );
  const totalOut = buckets.reduce((a, b) => a + b.ordersOut, 0);
  const totalBack = buckets.reduce((a, b) => a + b.shipmentsBack, 0);
  return html`<figure class="chart" data-testid="chart">
<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="Orders out and shipments back per hour, last 24 hours">
<line class="axis" x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}"></line>
<text x="2" y="${PAD.top + 8}">${max}</text><text x="2" y="${H - PAD.bottom}">0</text>
${bars}${ticks}
</svg>
<figcaption><span class="key out"></span> Orders out: <strong data-testid="orders-out">${totalOut}</strong>
<span class="key back"></span> Shipments back: <strong data-testid="shipments-back">${totalBack}</strong> <span class="muted">(last 24 hours, UTC hours)</span></figcaption>
</figure>`;
}
