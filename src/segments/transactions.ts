// Transaction rows -> counted purchases and returns, and the per-customer ledger every segmenter reads.
//
// Row rules (first that applies wins; every row that does not count is tallied with its reason):
//   1. missing_customer_id  no customer id: cannot be attributed to anyone.
//   2. bad_date             timestamp missing or not a date. A zone-less "YYYY-MM-DD HH:MM[:SS]"
//                           (as in most exports) is read as UTC so results never depend on the machine.
//   3. after_as_of          later than --as-of: the future of the analysis date is not known yet.
//   4. non_positive_price   unit price <= 0, or an amount of exactly 0 (free samples, write-offs).
//   5. zero_quantity        quantity of 0.
//   6. invalid              any other field the transaction schema refuses (message names the field).
// Rows that pass become purchases (amount > 0) or returns: a cancellation invoice (orderId starting
// with "C", as in the UCI Online Retail file) or a negative amount. Returns never add to revenue or
// purchase counts; they only feed the behavioural returns rate, and they are tallied too.
import { TransactionSchema, type Transaction } from '../schemas/transaction.js';

export const DAY_MS = 86_400_000;

export const SKIP_REASONS = ['missing_customer_id', 'bad_date', 'after_as_of', 'non_positive_price', 'zero_quantity', 'invalid'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export type RowOutcome =
  | { kind: 'purchase'; txn: Transaction; time: number }
  | { kind: 'return'; txn: Transaction; time: number; cancellation: boolean }
  | { kind: 'skip'; reason: SkipReason; detail?: string };

const NAIVE_DATETIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** ISO string in UTC, or null when the text is not a date. */
export function normalizeTimestamp(value: unknown): string | null {
  if (typeof value !== 'string' && !(value instanceof Date)) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  const s = value.trim();
  if (!s) return null;
  const ms = Date.parse(NAIVE_DATETIME.test(s) ? `${s.replace(' ', 'T')}Z` : s);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const num = (v: unknown) => (blank(v) ? undefined : Number(v));

/**
 * Classifies one record (already renamed to our field names) as a purchase, a return or a
 * skip with its reason. Pure; `asOf` (ms) drops rows after the analysis date.
 */
export function classifyTransactionRow(raw: Record<string, unknown>, asOf?: number): RowOutcome {
  if (blank(raw.customerId)) return { kind: 'skip', reason: 'missing_customer_id' };
  const timestamp = normalizeTimestamp(raw.timestamp);
  if (timestamp === null) return { kind: 'skip', reason: 'bad_date', detail: `timestamp: ${String(raw.timestamp ?? '')}`.slice(0, 80) };
  const time = Date.parse(timestamp);
  if (asOf !== undefined && time > asOf) return { kind: 'skip', reason: 'after_as_of' };
  const unitPrice = num(raw.unitPrice);
  const amount = num(raw.amount);
  const quantity = num(raw.quantity);
  if ((unitPrice !== undefined && unitPrice <= 0) || amount === 0) return { kind: 'skip', reason: 'non_positive_price' };
  if (quantity === 0 && amount === undefined) return { kind: 'skip', reason: 'zero_quantity' };
  // empty CSV cells are absent fields, not zeros (z.coerce.number would read "" as 0)
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (!blank(v)) clean[k] = typeof v === 'string' ? v.trim() : v;
  clean.timestamp = timestamp;
  const parsed = TransactionSchema.safeParse(clean);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'skip', reason: 'invalid', detail: issue ? `${issue.path.join('.') || 'row'}: ${issue.message}` : 'invalid row' };
  }
  const txn = parsed.data;
  const cancellation = /^c/i.test(txn.orderId);
  if (cancellation || txn.amount < 0) {
    return { kind: 'return', txn: { ...txn, amount: -Math.abs(txn.amount) }, time, cancellation };
  }
  return { kind: 'purchase', txn, time };
}

/** What one customer's transactions add up to: only what the segmenters need, not the rows. */
export interface CustomerActivity {
  customerId: string;
  orders: Set<string>;
  /** UTC day index -> spend that day (purchase "periods" of the CLV models) */
  days: Map<number, number>;
  /** month index (year * 12 + month) -> purchase revenue */
  months: Map<number, number>;
  revenue: number;
  purchaseLines: number;
  returnLines: number;
  returnValue: number;
  /** distinct items bought, and purchase lines with an item: their ratio is the share of new items */
  skus: Set<string>;
  skuLines: number;
  categories: Map<string, number>;
  /** purchase revenue by UTC weekday (0 = Sunday) and calendar month (0 = January) */
  weekdaySpend: Float64Array;
  monthSpend: Float64Array;
  countries: Map<string, number>;
  first: number;
  last: number;
}

function emptyActivity(customerId: string): CustomerActivity {
  return {
    customerId,
    orders: new Set(),
    days: new Map(),
    months: new Map(),
    revenue: 0,
    purchaseLines: 0,
    returnLines: 0,
    returnValue: 0,
    skus: new Set(),
    skuLines: 0,
    categories: new Map(),
    weekdaySpend: new Float64Array(7),
    monthSpend: new Float64Array(12),
    countries: new Map(),
    first: Infinity,
    last: -Infinity,
  };
}

const bump = (m: Map<string, number>, k: string, v = 1) => m.set(k, (m.get(k) ?? 0) + v);

/** Streaming fold of transactions into per-customer activity, plus the skip/return tally. */
export class Ledger {
  readonly customers = new Map<string, CustomerActivity>();
  readonly skipped = new Map<SkipReason, number>();
  readonly skipExamples = new Map<SkipReason, string>();
  rows = 0;
  purchases = 0;
  returns = 0;
  cancellations = 0;
  /** latest purchase or return time seen (ms) */
  maxTime = -Infinity;

  /** Classifies and adds one raw record; returns the outcome so callers can route it further. */
  addRow(raw: Record<string, unknown>, asOf?: number): RowOutcome {
    this.rows++;
    const out = classifyTransactionRow(raw, asOf);
    if (out.kind === 'skip') {
      this.skipped.set(out.reason, (this.skipped.get(out.reason) ?? 0) + 1);
      if (out.detail && !this.skipExamples.has(out.reason)) this.skipExamples.set(out.reason, `line ${this.rows}: ${out.detail}`);
    } else {
      this.add(out.txn, out.time, out.kind === 'return' && out.cancellation);
    }
    return out;
  }

  /** Adds one validated transaction (time = Date.parse(txn.timestamp)). */
  add(txn: Transaction, time: number, cancellation = false): void {
    let a = this.customers.get(txn.customerId);
    if (!a) this.customers.set(txn.customerId, (a = emptyActivity(txn.customerId)));
    if (time > this.maxTime) this.maxTime = time;
    if (txn.country) bump(a.countries, txn.country);
    if (txn.amount < 0 || cancellation) {
      this.returns++;
      if (cancellation) this.cancellations++;
      a.returnLines++;
      a.returnValue += Math.abs(txn.amount);
      return;
    }
    this.purchases++;
    a.purchaseLines++;
    a.revenue += txn.amount;
    a.orders.add(txn.orderId);
    const day = Math.floor(time / DAY_MS);
    a.days.set(day, (a.days.get(day) ?? 0) + txn.amount);
    const d = new Date(time);
    const month = d.getUTCFullYear() * 12 + d.getUTCMonth();
    a.months.set(month, (a.months.get(month) ?? 0) + txn.amount);
    a.weekdaySpend[d.getUTCDay()] = (a.weekdaySpend[d.getUTCDay()] as number) + txn.amount;
    a.monthSpend[d.getUTCMonth()] = (a.monthSpend[d.getUTCMonth()] as number) + txn.amount;
    if (txn.sku) {
      a.skuLines++;
      a.skus.add(txn.sku);
    }
    if (txn.category) bump(a.categories, txn.category);
    if (time < a.first) a.first = time;
    if (time > a.last) a.last = time;
  }

  /** Customers with at least one purchase (a returns-only customer has no RFM). */
  buyers(): CustomerActivity[] {
    return [...this.customers.values()].filter((a) => a.purchaseLines > 0);
  }
}
