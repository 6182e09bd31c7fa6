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

/** Total log-likelihood over customers with x[i] >= 1 transactions of mean value m[i] > 0 (others are ignored). */
export function gammaGammaLogLikelihood(par: GammaGammaParams, x: ArrayLike<number>, m: ArrayLike<number>): number {
  const { p, q, gamma } = par;
  if (!(p > 0 && q > 0 && gamma > 0)) return -Infinity;
  const constQ = -lnGamma(q) + q * Math.log(gamma);
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const mi = m[i] as number;
    if (!(xi >= 1 && mi > 0)) continue;
    const px = p * xi;
    total += lnGamma(px + q) - lnGamma(px) + constQ + (px - 1) * Math.log(mi) + px * Math.log(xi) - (px + q) * Math.log(gamma + mi * xi);
  }
  return total;
}

export function fitGammaGamma(x: ArrayLike<number>, m: ArrayLike<number>, start: GammaGammaParams = { p: 1, q: 1, gamma: 1 }): GammaGammaFit {
  if (x.length !== m.length) throw new Error('Gamma-Gamma: x and m must have the same length');
  let n = 0;
  for (let i = 0; i < x.length; i++) if ((x[i] as number) >= 1 && (m[i] as number) > 0) n++;
  if (n === 0) throw new Error('Gamma-Gamma: no customer with a transaction of positive value');
  const toParams = (v: number[]): GammaGammaParams => ({ p: Math.exp(v[0] as number), q: Math.exp(v[1] as number), gamma: Math.exp(v[2] as number) });
  // log-parameters stay within +-20, as in the BG/NBD fit: a runaway p -> infinity is reported, not chased
  const objective = (v: number[]) => (v.every((u) => Math.abs(u) <= 20) ? -gammaGammaLogLikelihood(toParams(v), x, m) / n : Infinity);
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
