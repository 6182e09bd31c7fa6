// The CDNOW sample summary (Fader & Hardie, as shipped by `lifetimes`) that the purchase-model tests fit.
import { readFileSync } from 'node:fs';
import type { RfmSummary } from '../../src/segments/clv/bgnbd.js';

/** x (repeat purchases), t_x and T in weeks of the 2,357 CDNOW customers. */
export function cdnowSummary(): RfmSummary & { x: number[]; tx: number[]; T: number[] } {
  const rows = readFileSync('../shared/data/cdnow/cdnow_customers_summary.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  return { x: rows.map((r) => r[1] as number), tx: rows.map((r) => r[2] as number), T: rows.map((r) => r[3] as number) };
}

/** Whether got is within a relative tolerance of want. */
export const within = (got: number, want: number, tol: number) => Math.abs(got - want) / want <= tol;
