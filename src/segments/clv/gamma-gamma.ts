// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves for
// customer base analysis", JMR 42(4); the form of Fader & Hardie 2013, "The Gamma-Gamma model of
// monetary value"), fitted by maximum likelihood as the `lifetimes` library does.
// A customer's transaction values z ~ Gamma(p, nu); across customers nu ~ Gamma(q, gamma).
// Fitted on each customer's number of transactions x >= 1 and their mean value m > 0 (`lifetimes`
// passes the repeat transactions only; value.ts passes all of them, see there).
//
// Likelihood of (m, x):
//   f(m | p,q,gamma,x) = Gamma(px+q) / (Gamma(px) Gamma(q)) * gamma^q m^(px-1) x^(px) / (gamma + m x)^(px+q)
// Conditional expected value of a transaction:
//   E[Z | p,q,gamma,m,x] = (p (gamma + x m)) / (p x + q - 1)      (needs q > 1)
// which for a customer with no transactions (x = 0) is the population mean p gamma / (q - 1).
import { lnGamma } from './special.js';
import { nelderMead } from '../optimize.js';

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  customers: number;
  iterations: number;
}

/**
 * The data regrouped by transaction count x: every term of the likelihood but the last depends on the
 * customer only through x and log m, so they are summed once per distinct x (a handful of values) and only
 * (px + q) log(gamma + m x) is evaluated per customer. Same likelihood, about a third of the logs.
 */
interface Grouped {
  /** distinct counts, how many customers have each, and the sum of their log m */
  counts: number[];
  customers: number[];
  sumLogM: number[];
  /** per customer, the index of its count in `counts`, and m x */
  group: Int32Array;
  mx: Float64Array;
}

function groupByCount(x: ArrayLike<number>, m: ArrayLike<number>): Grouped {
  const index = new Map<number, number>();
  const counts: number[] = [];
  const customers: number[] = [];
  const sumLogM: number[] = [];
  const group: number[] = [];
  const mx: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const mi = m[i] as number;
    if (!(xi >= 1 && mi > 0)) continue;
    let g = index.get(xi);
    if (g === undefined) {
      g = counts.length;
      index.set(xi, g);
      counts.push(xi);
      customers.push(0);
      sumLogM.push(0);
    }
    customers[g] = (customers[g] as number) + 1;
    sumLogM[g] = (sumLogM[g] as number) + Math.log(mi);
    group.push(g);
    mx.push(mi * xi);
  }
  return { counts, customers, sumLogM, group: Int32Array.from(group), mx: Float64Array.from(mx) };
}

/** Total log-likelihood of the grouped customers (those with x >= 1 transactions of mean value m > 0). */
function groupedLogLikelihood(par: GammaGammaParams, d: Grouped): number {
  const { p, q, gamma } = par;
  if (!(p > 0 && q > 0 && gamma > 0)) return -Infinity;
  const constQ = -lnGamma(q) + q * Math.log(gamma);
  let total = 0;
  const perGroup = d.counts.map((xi, g) => {
    const px = p * xi;
    const c = d.customers[g] as number;
    total += c * (lnGamma(px + q) - lnGamma(px) + constQ + px * Math.log(xi)) + (px - 1) * (d.sumLogM[g] as number);
    return px + q;
  });
  for (let i = 0; i < d.mx.length; i++) total -= (perGroup[d.group[i] as number] as number) * Math.log(gamma + (d.mx[i] as number));
  return total;
}

/**
 * Where the fit is degenerate: when spend barely varies within customers the likelihood keeps rising as
 * p -> infinity and gamma -> 0 (a ridge the simplex would crawl along for minutes), and the model says no
 * more than each customer's own mean. value.ts then uses that mean.
 */
export const DEGENERATE = { maxP: 1e6, minGamma: 1e-6 };

export class DegenerateSpendError extends Error {}

export function fitGammaGamma(x: ArrayLike<number>, m: ArrayLike<number>, start: GammaGammaParams = { p: 1, q: 1, gamma: 1 }): GammaGammaFit {
  if (x.length !== m.length) throw new Error('Gamma-Gamma: x and m must have the same length');
  const data = groupByCount(x, m);
  const n = data.mx.length;
  if (n === 0) throw new Error('Gamma-Gamma: no customer with a transaction of positive value');
  const toParams = (v: number[]): GammaGammaParams => ({ p: Math.exp(v[0] as number), q: Math.exp(v[1] as number), gamma: Math.exp(v[2] as number) });
  let best = { value: Infinity, params: toParams([0, 0, 0]) };
  // log-parameters stay within +-20, as in the BG/NBD fit; a best point on the degenerate ridge ends the search
  const objective = (v: number[]) => {
    if (!v.every((u) => Math.abs(u) <= 20)) return Infinity;
    const params = toParams(v);
    const value = -groupedLogLikelihood(params, data) / n;
    if (value < best.value) {
      best = { value, params };
      if (params.p > DEGENERATE.maxP || params.gamma < DEGENERATE.minGamma) {
        throw new DegenerateSpendError(`spend varies too little within customers for a spend model (p -> infinity: p=${params.p.toPrecision(3)}, gamma=${params.gamma.toPrecision(3)})`);
      }
    }
    return value;
  };
  const res = nelderMead(objective, [start.p, start.q, start.gamma].map(Math.log), { tolerance: 1e-13, maxIterations: 20_000, restarts: 8 });
  return { params: toParams(res.x), logLikelihood: -res.value * n, customers: n, iterations: res.iterations };
}

/** Expected value of this customer's future transactions. */
export function expectedSpend(par: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = par;
  if (q <= 1) throw new Error(`Gamma-Gamma: expected spend needs q > 1, got q=${q}`);
  if (x === 0 || !(m > 0)) return (p * gamma) / (q - 1);
  return (p * (gamma + x * m)) / (p * x + q - 1);
}
