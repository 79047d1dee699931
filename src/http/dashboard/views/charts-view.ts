import { html, type SafeHtml } from '../html.js';
import type { BucketFrame, ChartRange } from '../model/chart-buckets.js';
import type { ChartData, RangeSeries } from '../model/chart-data.js';
import type { WaitingLevels } from '../model/waiting-levels.js';

const W = 480;
const PAD = { left: 28, right: 6, top: 10, bottom: 22 };

const TITLES: Record<ChartRange, string> = { '24h': 'Last 24 hours, by the hour', '7d': 'Last 7 days, by the day' };
const WAITING: { key: keyof WaitingLevels; label: string }[] = [
  { key: 'held', label: 'held' },
  { key: 'failed', label: 'failed' },
  { key: 'awaiting', label: 'awaiting write-back' },
];

interface Plot {
  slot: number;
  y: (v: number) => number;
  base: number;
}

function plot(count: number, height: number, max: number): Plot {
  const base = height - PAD.bottom;
  return {
    slot: (W - PAD.left - PAD.right) / Math.max(1, count),
    y: (v: number) => PAD.top + (base - PAD.top) * (1 - v / Math.max(1, max)),
    base,
  };
}

function rect(cls: string, x: number, top: number, width: number, bottom: number): SafeHtml {
  const h = Math.max(0, bottom - top);
  return html`<rect class="${cls}" x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${width.toFixed(1)}" height="${h.toFixed(1)}"></rect>`;
}

/** Axis labels: every bucket for days, every sixth hour (and the current one) for hours. */
function ticks(frames: readonly BucketFrame[], p: Plot, height: number): SafeHtml[] {
  const every = frames.length > 7 ? 6 : 1;
  return frames
    .map((f, i) => ({ f, i }))
    .filter(({ i }) => i % every === 0 || i === frames.length - 1)
    .map(({ f, i }) =>
      // The last label ends at the right edge instead of starting at its bar (it would be cut off).
      i === frames.length - 1 && every > 1
        ? html`<text x="${W - PAD.right}" y="${height - 6}" text-anchor="end" data-tick="${f.iso}">${f.label}</text>`
        : html`<text x="${(PAD.left + i * p.slot).toFixed(1)}" y="${height - 6}" data-tick="${f.iso}">${f.label}</text>`,
    );
}

function frame(height: number, max: number, label: string, body: SafeHtml): SafeHtml {
  return html`<svg viewBox="0 0 ${W} ${height}" role="img" aria-label="${label}">
<line class="axis" x1="${PAD.left}" y1="${height - PAD.bottom}" x2="${W - PAD.right}" y2="${height - PAD.bottom}"></line>
<text x="2" y="${PAD.top + 8}">${max}</text><text x="2" y="${height - PAD.bottom}">0</text>${body}</svg>`;
}

function movedSvg(s: RangeSeries): SafeHtml {
  const H = 140;
  const max = Math.max(1, ...s.ordersOut, ...s.shipmentsBack);
  const p = plot(s.frames.length, H, max);
  const bar = Math.max(1, p.slot / 2 - 1);
  const bars = s.frames.map((f, i) => {
    const x = PAD.left + i * p.slot;
    const out = s.ordersOut[i] ?? 0;
    const back = s.shipmentsBack[i] ?? 0;
    return html`<g data-bucket="${f.iso}" data-out="${out}" data-back="${back}"><title>${f.title}: ${out} out, ${back} back</title>
${rect('out', x, p.y(out), bar, p.base)}${rect('back', x + bar + 1, p.y(back), bar, p.base)}</g>`;
  });
  return frame(H, max, `Orders out and shipments back, ${TITLES[s.range]}`, html`${bars}${ticks(s.frames, p, H)}`);
}

function waitingSvg(s: RangeSeries): SafeHtml {
  const H = 110;
  const max = Math.max(1, ...s.waiting.map((w) => (w ? w.held + w.failed + w.awaiting : 0)));
  const p = plot(s.frames.length, H, max);
  const bars = s.frames.map((f, i) => {
    const w = s.waiting[i];
    const x = PAD.left + i * p.slot;
    if (!w) return html`<g data-bucket="${f.iso}" data-waiting="none"><title>${f.title}: not sampled</title></g>`;
    let total = 0;
    const parts = WAITING.map(({ key }) => {
      const from = total;
      total += w[key];
      return rect(`wait-${key}`, x, p.y(total), Math.max(1, p.slot - 2), p.y(from));
    });
    const words = WAITING.map(({ key, label }) => `${w[key]} ${label}`).join(', ');
    return html`<g data-bucket="${f.iso}" data-waiting="${total}"><title>${f.title}: ${words}</title>${parts}</g>`;
  });
  return frame(H, max, `What waits, ${TITLES[s.range]}`, html`${bars}${ticks(s.frames, p, H)}`);
}

function rangeFigure(s: RangeSeries, zone: string): SafeHtml {
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const now = s.waiting.at(-1);
  return html`<figure class="chart" data-testid="chart-${s.range}" data-range="${s.range}" data-zone="${zone}">
<h3>${TITLES[s.range]}</h3>
${movedSvg(s)}
<figcaption><span class="key out"></span> Orders out (accepted by ShipStation): <strong data-testid="orders-out-${s.range}">${sum(s.ordersOut)}</strong>
<span class="key back"></span> Shipments back (written to Sage 300): <strong data-testid="shipments-back-${s.range}">${sum(s.shipmentsBack)}</strong></figcaption>
${waitingSvg(s)}
<figcaption>What waits, at the end of each ${s.range === '24h' ? 'hour' : 'day'}:${WAITING.map(
    ({ key, label }) =>
      html` <span class="key wait-${key}"></span> ${label}${now ? html` <strong data-testid="waiting-${key}-${s.range}">${now[key]}</strong>` : ''}`,
  )} <span class="muted">(now)</span></figcaption>
</figure>`;
}

/** The home page's charts: per range, what moved (bars) and what waits (stacked), in the browser's zone. */
export function chartsView(data: ChartData): SafeHtml {
  return html`<h2>Orders out, shipments back and what waits</h2>
<p class="muted" data-testid="chart-zone">Hours and days in ${data.zone}${data.zone === 'UTC' ? '' : ", your browser's time zone"}. Updated every minute.</p>
<div class="charts">${data.ranges.map((s) => rangeFigure(s, data.zone))}</div>`;
}
