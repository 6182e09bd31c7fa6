// Small statistics shared by the segmenters: tie-aware ranks, Spearman correlation, quantile scores.

/** 1-based ranks with ties given their average rank (the convention Spearman's rho needs). */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
  const ranks = new Float64Array(n);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && values[order[end] as number] === values[order[start] as number]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k] as number] = rank;
    start = end;
  }
  return ranks;
}

export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n !== b.length || n < 2) throw new Error('pearson: need two series of the same length >= 2');
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] as number;
    mb += b[i] as number;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** Spearman's rank correlation (Pearson on average ranks, so ties are handled). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return pearson(averageRanks(a), averageRanks(b));
}

/**
 * Quantile score 1..bins of every value within the base: score = min(bins, 1 + floor(bins * p)),
 * where p = (values strictly below + half the values equal, itself included) / n is the mid-rank
 * percentile. Equal values always get equal scores, so heavy ties (many one-order customers)
 * never split arbitrarily.
 */
export function quantileScores(values: ArrayLike<number>, bins = 5): Uint8Array {
  const n = values.length;
  const ranks = averageRanks(values);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    // a tie group of size m after `below` values has average rank below + (m + 1) / 2: R - 0.5 = below + m / 2
    const p = ((ranks[i] as number) - 0.5) / n;
    out[i] = Math.min(bins, 1 + Math.floor(bins * p));
  }
  return out;
}

/** z-scores (mean 0, sd 1; a constant column becomes all 0). */
export function standardize(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] as number;
  mean /= n || 1;
  let v = 0;
  for (let i = 0; i < n; i++) v += ((values[i] as number) - mean) ** 2;
  const sd = Math.sqrt(v / (n || 1));
  const out = new Float64Array(n);
  if (sd > 0) for (let i = 0; i < n; i++) out[i] = ((values[i] as number) - mean) / sd;
  return out;
}

/** Least-squares slope of y on 0..n-1. */
export function slope(y: ArrayLike<number>): number {
  const n = y.length;
  if (n < 2) return 0;
  const mx = (n - 1) / 2;
  let my = 0;
  for (let i = 0; i < n; i++) my += y[i] as number;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - mx) * ((y[i] as number) - my);
    sxx += (i - mx) ** 2;
  }
  return sxy / sxx;
}

