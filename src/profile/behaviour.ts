// Behavioural facts from one customer's transactions, the ones the archetype classifier and segments read.
import type { Transaction } from '../schemas/transaction.js';
import type { Behaviour } from './types.js';

const DAY = 86_400_000;

export function behaviourOf(transactions: readonly Transaction[]): Behaviour {
  const sorted = [...transactions].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  const purchases = sorted.filter((t) => t.amount > 0);
  const returns = sorted.filter((t) => t.amount < 0);
  const seenSku = new Set<string>();
  let newItems = 0;
  let withSku = 0;
  const categories = new Set<string>();
  for (const p of purchases) {
    if (p.category) categories.add(p.category);
    if (!p.sku) continue;
    withSku++;
    if (!seenSku.has(p.sku)) newItems++;
    seenSku.add(p.sku);
  }
  const first = purchases[0]?.timestamp ?? null;
  const last = purchases[purchases.length - 1]?.timestamp ?? null;
  const spanDays = first && last ? Math.max(30, (Date.parse(last) - Date.parse(first)) / DAY) : 30;
  const revenue = sorted.reduce((s, t) => s + t.amount, 0);
  return {
    orders: purchases.length,
    revenue: Math.round(revenue * 100) / 100,
    returns: returns.length,
    returnRate: purchases.length ? returns.length / purchases.length : 0,
    purchasesPer30d: purchases.length ? (purchases.length / spanDays) * 30 : 0,
    newItemShare: withSku ? newItems / withSku : 0,
    distinctCategories: categories.size,
    firstPurchase: first,
    lastPurchase: last,
  };
}
