// RFM segmentation over the whole customer base.
//
// Measures (per customer with at least one purchase):
//   recency_days = whole days from the last purchase to the analysis date (as-of),
//   frequency    = distinct purchase orders,
//   monetary     = purchase revenue net of returns (computed by the caller, segments/index.ts).
// Scores: quintiles over the base, 1..5 (stats.quantileScores: mid-rank percentile, ties share a
// score). Recency is inverted: the most recent fifth scores 5. FM = round((F + M) / 2), halves up.
// Named segments, R score (rows) x FM score (columns), the usual map (after Putler's RFM table,
// with its overlaps resolved so every cell has exactly one name):
//   R\FM   1               2                   3                4               5
//   5      new_customers   potential_loyalist  loyal            champions       champions
//   4      promising       potential_loyalist  loyal            champions       champions
//   3      about_to_sleep  need_attention      need_attention   loyal           loyal
//   2      hibernating     hibernating         at_risk          at_risk         at_risk
//   1      lost            lost                at_risk          cant_lose_them  cant_lose_them
import { quantileScores } from './stats.js';

export const RFM_SEGMENTS = [
  'champions',
  'loyal',
  'potential_loyalist',
  'new_customers',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose_them',
  'hibernating',
  'lost',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/** RFM_GRID[5 - R][FM - 1] */
const RFM_GRID: readonly (readonly RfmSegment[])[] = [
  ['new_customers', 'potential_loyalist', 'loyal', 'champions', 'champions'],
  ['promising', 'potential_loyalist', 'loyal', 'champions', 'champions'],
  ['about_to_sleep', 'need_attention', 'need_attention', 'loyal', 'loyal'],
  ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'at_risk'],
  ['lost', 'lost', 'at_risk', 'cant_lose_them', 'cant_lose_them'],
];

export function rfmSegmentOf(r: number, f: number, m: number): RfmSegment {
  const fm = Math.floor((f + m) / 2 + 0.5);
  const seg = RFM_GRID[5 - r]?.[fm - 1];
  if (!seg) throw new Error(`RFM scores must be 1..5, got r=${r} f=${f} m=${m}`);
  return seg;
}

export interface RfmInput {
  customerId: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
}

export interface RfmRow extends RfmInput {
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
}

export function rfm(base: readonly RfmInput[]): RfmRow[] {
  const r = quantileScores(base.map((c) => -c.recencyDays));
  const f = quantileScores(base.map((c) => c.frequency));
  const m = quantileScores(base.map((c) => c.monetary));
  return base.map((c, i) => {
    const ri = r[i] as number;
    const fi = f[i] as number;
    const mi = m[i] as number;
    return { ...c, r: ri, f: fi, m: mi, segment: rfmSegmentOf(ri, fi, mi) };
  });
}
