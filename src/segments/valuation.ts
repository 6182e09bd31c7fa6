// Segment valuation: per segment of every segmentation, its size, revenue, predicted 12-month CLV,
// growth, cost-to-serve and a priority score.
//   growth        = least-squares slope of the segment's monthly revenue over the 12 complete
//                   calendar months before the as-of month, divided by its mean monthly revenue
//                   (relative change per month; 0 when the segment had no revenue then).
//   cost_to_serve = sum over the segment's interactions of the cost of their channel
//                   (configurable; defaults below are relative units, not a currency).
//   priority      = 100 * net / (sum of positive nets of the same segmentation) * (1 + g), where
//                   net = revenue - cost_to_serve and g = clamp(12 * growth, -0.5, 1): the segment's
//                   share of the net value, raised for growing and lowered for shrinking segments.
//                   Size counts through revenue; a segment that costs more than it earns is <= 0.
import { slope } from './stats.js';

export type ChannelCosts = Record<string, number>;
export const DEFAULT_CHANNEL_COSTS: ChannelCosts = { email: 2, chat: 3, call_note: 6, social: 1 };

export interface ValuedCustomer {
  segments: Record<string, string>;
  revenue: number;
  clv12m: number | null;
  /** month index (year * 12 + month) -> revenue */
  months: ReadonlyMap<number, number>;
  /** interactions per channel */
  contacts: Record<string, number>;
}

export interface SegmentValue {
  segmentation: string;
  segment: string;
  customers: number;
  revenue: number;
  revenuePerCustomer: number;
  clv12m: number;
  growth: number;
  costToServe: number;
  priority: number;
}

export function monthIndex(ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

export function valuation(customers: readonly ValuedCustomer[], asOf: number, costs: ChannelCosts = DEFAULT_CHANNEL_COSTS): SegmentValue[] {
  const lastFull = monthIndex(asOf) - 1;
  const first = lastFull - 11;
  const acc = new Map<string, { segmentation: string; segment: string; customers: number; revenue: number; clv: number; cost: number; months: Float64Array }>();
  for (const c of customers) {
    let cost = 0;
    for (const [ch, n] of Object.entries(c.contacts)) cost += n * (costs[ch] ?? 0);
    for (const [segmentation, segment] of Object.entries(c.segments)) {
      const key = `${segmentation}\u0000${segment}`;
      let a = acc.get(key);
      if (!a) acc.set(key, (a = { segmentation, segment, customers: 0, revenue: 0, clv: 0, cost: 0, months: new Float64Array(12) }));
      a.customers++;
      a.revenue += c.revenue;
      a.clv += c.clv12m ?? 0;
      a.cost += cost;
      for (const [m, v] of c.months) if (m >= first && m <= lastFull) a.months[m - first] = (a.months[m - first] as number) + v;
    }
  }
  const rows = [...acc.values()].map((a) => {
    const mean = a.months.reduce((s, v) => s + v, 0) / 12;
    return {
      segmentation: a.segmentation,
      segment: a.segment,
      customers: a.customers,
      revenue: a.revenue,
      revenuePerCustomer: a.revenue / a.customers,
      clv12m: a.clv,
      growth: mean > 0 ? slope(a.months) / mean : 0,
      costToServe: a.cost,
      priority: 0,
    };
  });
  const positive = new Map<string, number>();
  for (const r of rows) positive.set(r.segmentation, (positive.get(r.segmentation) ?? 0) + Math.max(0, r.revenue - r.costToServe));
  for (const r of rows) {
    const total = positive.get(r.segmentation) ?? 0;
    const g = Math.max(-0.5, Math.min(1, 12 * r.growth));
    r.priority = total > 0 ? (100 * (r.revenue - r.costToServe) * (1 + g)) / total : 0;
  }
  return rows.sort((a, b) => (a.segmentation === b.segmentation ? b.priority - a.priority : a.segmentation < b.segmentation ? -1 : 1));
}
