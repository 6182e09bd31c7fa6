// Occasion segment from when a customer buys (UTC purchase revenue by month and weekday).
//   holiday share = revenue in November and December / all revenue;
//   peak quarter  = the calendar quarter with the most revenue, and its share.
// Label (first rule that applies): few_purchases (fewer than 3 purchase days: too little to call a
// pattern), holiday_shopper (holiday share >= 0.5), seasonal_q1..q4 (peak quarter share >= 0.5),
// year_round. Week part: weekend buyer when Saturday + Sunday carry at least half the revenue.
import type { CustomerActivity } from './transactions.js';

export interface Occasion {
  holidayShare: number;
  peakQuarter: number;
  peakQuarterShare: number;
  weekPart: 'weekday' | 'weekend';
  label: string;
}

export function occasion(a: CustomerActivity): Occasion {
  const m = a.monthSpend;
  let total = 0;
  for (const v of m) total += v;
  const quarters = [0, 1, 2, 3].map((q) => (m[3 * q] as number) + (m[3 * q + 1] as number) + (m[3 * q + 2] as number));
  let peak = 0;
  quarters.forEach((v, q) => {
    if (v > (quarters[peak] as number)) peak = q;
  });
  const share = (v: number) => (total > 0 ? v / total : 0);
  const holidayShare = share((m[10] as number) + (m[11] as number));
  const peakQuarterShare = share(quarters[peak] as number);
  const w = a.weekdaySpend;
  let week = 0;
  for (const v of w) week += v;
  const weekPart = week > 0 && ((w[0] as number) + (w[6] as number)) / week >= 0.5 ? 'weekend' : 'weekday';
  const label =
    a.days.size < 3 ? 'few_purchases' : holidayShare >= 0.5 ? 'holiday_shopper' : peakQuarterShare >= 0.5 ? `seasonal_q${peak + 1}` : 'year_round';
  return { holidayShare, peakQuarter: peak + 1, peakQuarterShare, weekPart, label };
}
