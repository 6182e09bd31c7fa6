// The segmentation map: each segment a bubble, size by customers, colour by value per customer.
// Axes: the two attributes that best tell the segments apart, by eta^2 = between-segment sum of
// squares / total sum of squares (the share of an attribute's variance the segments explain);
// the second axis skips attributes correlated |r| > 0.9 with the first, so the two axes say
// different things. A bubble sits at its segment's mean of each attribute. The chart states both
// axes and their eta^2. Pure: data in, data and SVG text out.
import { pearson } from './stats.js';

export interface MapAttribute {
  name: string;
  values: ArrayLike<number>;
}

export interface Bubble {
  segment: string;
  customers: number;
  x: number;
  y: number;
  /** mean value per customer (the colour) */
  value: number;
}

export interface SegmentMap {
  segmentation: string;
  x: { attribute: string; eta2: number };
  y: { attribute: string; eta2: number };
  valueLabel: string;
  bubbles: Bubble[];
}

export function eta2(labels: readonly string[], values: ArrayLike<number>): number {
  const n = labels.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] as number;
  mean /= n || 1;
  const sums = new Map<string, [number, number]>();
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    total += (v - mean) ** 2;
    const s = sums.get(labels[i] as string) ?? [0, 0];
    s[0] += v;
    s[1]++;
    sums.set(labels[i] as string, s);
  }
  let between = 0;
  for (const [sum, cnt] of sums.values()) between += cnt * (sum / cnt - mean) ** 2;
  return total > 0 ? between / total : 0;
}

export function segmentMap(segmentation: string, labels: readonly string[], attributes: readonly MapAttribute[], value: ArrayLike<number>, valueLabel: string): SegmentMap {
  if (attributes.length < 2) throw new Error('segment map needs at least two attributes');
  const scored = attributes.map((a) => ({ a, e: eta2(labels, a.values) })).sort((p, q) => q.e - p.e);
  const first = scored[0] as { a: MapAttribute; e: number };
  const second = scored.slice(1).find((s) => Math.abs(pearson(s.a.values, first.a.values)) <= 0.9) ?? (scored[1] as { a: MapAttribute; e: number });
  const acc = new Map<string, { n: number; x: number; y: number; v: number }>();
  labels.forEach((l, i) => {
    const b = acc.get(l) ?? { n: 0, x: 0, y: 0, v: 0 };
    b.n++;
    b.x += first.a.values[i] as number;
    b.y += second.a.values[i] as number;
    b.v += value[i] as number;
    acc.set(l, b);
  });
  const bubbles = [...acc.entries()]
    .map(([segment, b]) => ({ segment, customers: b.n, x: b.x / b.n, y: b.y / b.n, value: b.v / b.n }))
    .sort((p, q) => q.customers - p.customers || (p.segment < q.segment ? -1 : 1));
  return { segmentation, x: { attribute: first.a.name, eta2: first.e }, y: { attribute: second.a.name, eta2: second.e }, valueLabel, bubbles };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (v: number) => (Math.abs(v) >= 1000 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

/** Pale yellow (low) to dark blue (high), by the bubble's value rank. */
function colour(t: number): string {
  const lo = [253, 231, 169];
  const hi = [31, 78, 121];
  const c = lo.map((l, i) => Math.round(l + (((hi[i] as number) - l) * t)));
  return `rgb(${c.join(',')})`;
}

export function mapSvg(map: SegmentMap): string {
  const W = 860;
  const H = 600;
  const m = { left: 80, right: 40, top: 70, bottom: 70 };
  const xs = map.bubbles.map((b) => b.x);
  const ys = map.bubbles.map((b) => b.y);
  const span = (v: number[]) => {
    const lo = Math.min(...v);
    const hi = Math.max(...v);
    const pad = (hi - lo || Math.abs(hi) || 1) * 0.12;
    return [lo - pad, hi + pad] as const;
  };
  const [x0, x1] = span(xs);
  const [y0, y1] = span(ys);
  const px = (v: number) => m.left + ((v - x0) / (x1 - x0)) * (W - m.left - m.right);
  const py = (v: number) => H - m.bottom - ((v - y0) / (y1 - y0)) * (H - m.top - m.bottom);
  const maxN = Math.max(1, ...map.bubbles.map((b) => b.customers));
  const byValue = [...map.bubbles].sort((a, b) => a.value - b.value).map((b) => b.segment);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${W / 2}" y="24" text-anchor="middle" font-size="16">${esc(`Segment map: ${map.segmentation}`)}</text>`);
  out.push(
    `<text x="${W / 2}" y="44" text-anchor="middle" fill="#555">${esc(
      `axes: the two attributes the segments differ on most (eta²); bubble size = customers; colour = ${map.valueLabel} (pale low, dark high)`,
    )}</text>`,
  );
  out.push(`<line x1="${m.left}" y1="${H - m.bottom}" x2="${W - m.right}" y2="${H - m.bottom}" stroke="#333"/>`);
  out.push(`<line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${H - m.bottom}" stroke="#333"/>`);
  for (let i = 0; i <= 4; i++) {
    const xv = x0 + ((x1 - x0) * i) / 4;
    const yv = y0 + ((y1 - y0) * i) / 4;
    out.push(`<text x="${px(xv).toFixed(1)}" y="${H - m.bottom + 16}" text-anchor="middle" fill="#555">${fmt(xv)}</text>`);
    out.push(`<text x="${m.left - 8}" y="${(py(yv) + 4).toFixed(1)}" text-anchor="end" fill="#555">${fmt(yv)}</text>`);
  }
  out.push(`<text x="${(m.left + W - m.right) / 2}" y="${H - 20}" text-anchor="middle">${esc(`${map.x.attribute} (segment mean; eta² ${map.x.eta2.toFixed(2)})`)}</text>`);
  out.push(
    `<text x="20" y="${(m.top + H - m.bottom) / 2}" text-anchor="middle" transform="rotate(-90 20 ${(m.top + H - m.bottom) / 2})">${esc(`${map.y.attribute} (segment mean; eta² ${map.y.eta2.toFixed(2)})`)}</text>`,
  );
  for (const b of map.bubbles) {
    const r = 6 + 44 * Math.sqrt(b.customers / maxN);
    const t = byValue.length > 1 ? byValue.indexOf(b.segment) / (byValue.length - 1) : 1;
    const cx = px(b.x).toFixed(1);
    const cy = py(b.y).toFixed(1);
    out.push(
      `<circle cx="${cx}" cy="${cy}" r="${r.toFixed(1)}" fill="${colour(t)}" fill-opacity="0.8" stroke="#333"><title>${esc(
        `${b.segment}: ${b.customers} customers, ${map.valueLabel} ${fmt(b.value)}`,
      )}</title></circle>`,
    );
    out.push(`<text x="${cx}" y="${(py(b.y) - r - 4).toFixed(1)}" text-anchor="middle">${esc(`${b.segment} (${b.customers})`)}</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}
