// Behavioural segment from a customer's transactions (transactions.ts CustomerActivity).
// Purchase frequency: orders per 30 days of tenure (as-of - first purchase, at least 30 days):
//   one_off (a single order), occasional (< 0.5), regular (< 2), frequent (>= 2). This is the label.
// Returns rate: returned value / purchased value; "returner" above 10%.
// Share of new items: distinct items / purchase lines with an item; explorer >= 0.7,
//   repeat_buyer <= 0.3, else mixed ("unknown" without item codes).
// Category affinity: the category of at least half the purchase lines, else "varied" ("none"
//   without categories).
import { DAY_MS, type CustomerActivity } from './transactions.js';

export interface Behavioural {
  frequency: 'one_off' | 'occasional' | 'regular' | 'frequent';
  ordersPer30d: number;
  returnsRate: number;
  returner: boolean;
  newItemShare: number | null;
  items: 'explorer' | 'repeat_buyer' | 'mixed' | 'unknown';
  categoryAffinity: string;
  label: string;
}

export function behavioural(a: CustomerActivity, asOf: number): Behavioural {
  const orders = a.orders.size;
  const tenureDays = Math.max(30, (asOf - a.first) / DAY_MS);
  const ordersPer30d = (orders / tenureDays) * 30;
  const frequency = orders <= 1 ? 'one_off' : ordersPer30d < 0.5 ? 'occasional' : ordersPer30d < 2 ? 'regular' : 'frequent';
  const returnsRate = a.revenue > 0 ? Math.min(1, a.returnValue / a.revenue) : 0;
  const newItemShare = a.skuLines > 0 ? a.skus.size / a.skuLines : null;
  const items = newItemShare === null ? 'unknown' : newItemShare >= 0.7 ? 'explorer' : newItemShare <= 0.3 ? 'repeat_buyer' : 'mixed';
  let top = 'none';
  let topN = 0;
  let lines = 0;
  for (const [c, n] of a.categories) {
    lines += n;
    if (n > topN || (n === topN && c < top)) [top, topN] = [c, n];
  }
  const categoryAffinity = lines === 0 ? 'none' : topN / lines >= 0.5 ? top : 'varied';
  return { frequency, ordersPer30d, returnsRate, returner: returnsRate > 0.1, newItemShare, items, categoryAffinity, label: frequency };
}
