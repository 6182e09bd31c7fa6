// Special functions the CLV models need: log-gamma and the Gauss hypergeometric 2F1.
// Written here (a dozen lines each) rather than pulled from a package: both are textbook series.

// Lanczos approximation, g = 7, n = 9 (Numerical Recipes 3rd ed., sec. 6.1; coefficients as in
// Godfrey's table); relative error below 1e-14 for x > 0.
const G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (reflection formula below 0.5). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const y = x - 1;
  let s = LANCZOS[0] as number;
  for (let i = 1; i < G + 2; i++) s += (LANCZOS[i] as number) / (y + i);
  const t = y + G + 0.5;
  return HALF_LOG_2PI + (y + 0.5) * Math.log(t) - t + Math.log(s);
}

/** ln B(a, b) */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/**
 * Gauss hypergeometric 2F1(a, b; c; z) for 0 <= z < 1 by its power series
 * sum_k (a)_k (b)_k / ((c)_k k!) z^k. BG/NBD only asks for z = t / (alpha + T + t) < 1.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (z < 0 || z >= 1) throw new RangeError(`hyp2f1: z must be in [0, 1), got ${z}`);
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 100_000; k++) {
    term *= ((a + k) * (b + k)) / ((c + k) * (k + 1)) * z;
    sum += term;
    if (Math.abs(term) <= 1e-15 * Math.abs(sum)) return sum;
  }
  return sum;
}
