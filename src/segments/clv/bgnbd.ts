// BG/NBD purchase model (Fader, Hardie & Lee 2005, "Counting your customers the easy way: an
// alternative to the Pareto/NBD model", Marketing Science 24(2)), fitted by maximum likelihood
// on per-customer summaries (x, t_x, T), as the Python `lifetimes` library does:
//   x   = repeat purchases (purchase periods after the first),
//   t_x = time of the last purchase, measured from the first,
//   T   = time from the first purchase to the end of observation (same unit as t_x).
// While active, a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha); after
// each purchase they drop out with probability p ~ Beta(a, b).
//
// Likelihood (FHL 2005, eq. 6):
//   L(r,alpha,a,b | x,t_x,T) = B(a, b+x)/B(a,b) * Gamma(r+x) alpha^r / (Gamma(r) (alpha+T)^(r+x))
//                            + [x>0] B(a+1, b+x-1)/B(a,b) * Gamma(r+x) alpha^r / (Gamma(r) (alpha+t_x)^(r+x))
// Conditional expectation (eq. 10):
//   E[Y(t) | x,t_x,T] = (a+b+x-1)/(a-1) * [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))]
//                       / (1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x))
// P(alive | x,t_x,T) = 1 / (1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x))   (FHL 2008 note, eq. 3)
import { lnGamma, hyp2f1 } from './special.js';
import { nelderMead } from '../optimize.js';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Per-customer summaries, column-wise: frequency x, recency t_x, age T. */
export interface RfmSummary {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
}

export interface BgNbdFit {
  params: BgNbdParams;
  /** total log-likelihood at the optimum */
  logLikelihood: number;
  customers: number;
  iterations: number;
}

/** Customers grouped by x so the gamma terms are computed once per distinct frequency. */
export function groupByX(x: ArrayLike<number>): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const g = groups.get(xi);
    if (g) g.push(i);
    else groups.set(xi, [i]);
  }
  return groups;
}

/** Throws on a summary no purchase model can read, naming the model and the customer's index. */
export function checkRfmSummary(s: RfmSummary, model: string): void {
  const n = s.x.length;
  if (s.tx.length !== n || s.T.length !== n) throw new Error(`${model}: x, tx and T must have the same length`);
  for (let i = 0; i < n; i++) {
    const x = s.x[i] as number;
    const tx = s.tx[i] as number;
    const T = s.T[i] as number;
    if (!(x >= 0 && Number.isInteger(x))) throw new Error(`${model}: customer ${i}: x must be a whole number >= 0, got ${x}`);
    if (!(tx >= 0 && T >= tx)) throw new Error(`${model}: customer ${i}: need 0 <= t_x <= T, got t_x=${tx}, T=${T}`);
    if (x === 0 && tx !== 0) throw new Error(`${model}: customer ${i}: t_x must be 0 when x is 0`);
  }
}

/** Total log-likelihood of the summaries under the given parameters (eq. 6 above, in logs). */
export function bgnbdLogLikelihood(p: BgNbdParams, s: RfmSummary, groups = groupByX(s.x)): number {
  const { r, alpha, a, b } = p;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return -Infinity;
  const base = -lnGamma(r) + r * Math.log(alpha) + lnGamma(a + b) - lnGamma(b);
  const lnA = Math.log(a);
  let total = 0;
  for (const [x, idx] of groups) {
    const common = base + lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x);
    const dropTerm = x > 0 ? lnA - Math.log(b + x - 1) : 0;
    for (const i of idx) {
      const a3 = -(r + x) * Math.log(alpha + (s.T[i] as number));
      let ll = a3;
      if (x > 0) {
        const a4 = dropTerm - (r + x) * Math.log(alpha + (s.tx[i] as number));
        const m = Math.max(a3, a4);
        ll = m + Math.log(Math.exp(a3 - m) + Math.exp(a4 - m));
      }
      total += common + ll;
    }
  }
  return total;
}

/**
 * Maximum-likelihood fit (Nelder-Mead on log-parameters; start at 1 like `lifetimes`).
 * `penalizer` c >= 0 adds `lifetimes`' L2 term c (r^2 + alpha'^2 + a^2 + b^2) to the mean negative
 * log-likelihood, alpha' being alpha in units of the longest T (BetaGeoFitter._negative_log_likelihood
 * with _scale_time, lifetimes 0.11, github.com/CamDavidsonPilon/lifetimes); the default 0 is plain ML
 * (lifetimes' default too, and what reproduces the published CDNOW fit). It keeps small or degenerate
 * bases off the parameter-space edges; on Online Retail it shrinks a and b together toward 0 and
 * does not change the hold-out ranking (bench/segments.ts --penalizer).
 */
export function fitBgNbd(s: RfmSummary, start: BgNbdParams = { r: 1, alpha: 1, a: 1, b: 1 }, penalizer = 0): BgNbdFit {
  return fitBetaGeometricNbd('BG/NBD', bgnbdLogLikelihood, s, start, penalizer);
}

/**
 * The maximum-likelihood fit shared by the models with BG/NBD's four parameters (BG/NBD, MBG/NBD):
 * Nelder-Mead on the log-parameters, optional `lifetimes` L2 penalizer (see fitBgNbd).
 */
export function fitBetaGeometricNbd(
  model: string,
  logLikelihood: (p: BgNbdParams, s: RfmSummary, groups: Map<number, number[]>) => number,
  s: RfmSummary,
  start: BgNbdParams,
  penalizer: number,
): BgNbdFit {
  if (!(penalizer >= 0 && Number.isFinite(penalizer))) throw new Error(`${model}: penalizer must be a finite number >= 0, got ${penalizer}`);
  checkRfmSummary(s, model);
  const n = s.x.length;
  if (n === 0) throw new Error(`${model}: no customers to fit`);
  const groups = groupByX(s.x);
  // log-parameters are kept within +-20: on data without dropout a -> 0 and b -> infinity (the NBD
  // limit), and beyond e^20 the closed-form expectation loses its precision to cancellation
  const inBounds = (v: number[]) => v.every((u) => Math.abs(u) <= 20);
  const toParams = (v: number[]): BgNbdParams => ({
    r: Math.exp(v[0] as number),
    alpha: Math.exp(v[1] as number),
    a: Math.exp(v[2] as number),
    b: Math.exp(v[3] as number),
  });
  // mean negative log-likelihood keeps the tolerance independent of the base size
  let maxT = 0;
  for (let i = 0; i < n; i++) maxT = Math.max(maxT, s.T[i] as number);
  const penalty = (p: BgNbdParams) => (penalizer > 0 ? penalizer * (p.r ** 2 + (p.alpha / (maxT || 1)) ** 2 + p.a ** 2 + p.b ** 2) : 0);
  const objective = (v: number[]) => {
    if (!inBounds(v)) return Infinity;
    const p = toParams(v);
    return -logLikelihood(p, s, groups) / n + penalty(p);
  };
  const x0 = [start.r, start.alpha, start.a, start.b].map(Math.log);
  // 1e-11 of the mean log-likelihood (~1e-7 in total at a few thousand customers): tighter, the
  // simplex crawls for minutes along the log-parameter wall on the no-dropout ridge (a -> 0), where
  // every point predicts alike
  const res = nelderMead(objective, x0, { tolerance: 1e-11, maxIterations: 20_000, restarts: 8 });
  const params = toParams(res.x);
  // the likelihood itself, without the penalty, so fits stay comparable
  return { params, logLikelihood: logLikelihood(params, s, groups), customers: n, iterations: res.iterations };
}

/** P(customer still active | x, t_x, T). */
export function probabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = p;
  return 1 / (1 + (a / (b + x - 1)) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx))));
}

/** E[purchases in (T, T+t] | x, t_x, T] (eq. 10 above). */
export function expectedPurchases(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, b } = p;
  // the closed form has a removable singularity at a = 1; step just off it
  const a = Math.abs(p.a - 1) < 1e-7 ? 1 + 1e-7 : p.a;
  const z = t / (alpha + T + t);
  const head = (a + b + x - 1) / (a - 1);
  const tail = 1 - Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t))) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  const denom = x > 0 ? 1 + (a / (b + x - 1)) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx))) : 1;
  return (head * tail) / denom;
}

/** E[X(t)]: purchases a new customer is expected to make in their first t periods (FHL 2005, eq. 9). */
export function expectedPurchasesNew(p: BgNbdParams, t: number): number {
  const { r, alpha, b } = p;
  const a = Math.abs(p.a - 1) < 1e-7 ? 1 + 1e-7 : p.a;
  const z = t / (alpha + t);
  return ((a + b - 1) / (a - 1)) * (1 - Math.exp(r * Math.log(alpha / (alpha + t))) * hyp2f1(r, b, a + b - 1, z));
}
