// Pareto/NBD purchase model (Schmittlein, Morrison & Colombo 1987, "Counting your customers: who
// are they and what will they do next?", Management Science 33(1)), fitted by maximum likelihood on
// the same summaries (x, t_x, T) as BG/NBD (see bgnbd.ts). While alive a customer buys as a Poisson
// process with rate lambda ~ Gamma(r, alpha); their lifetime is exponential with rate
// mu ~ Gamma(s, beta), independent of purchasing. Unlike BG/NBD, dropout can happen between
// purchases, so a long silence after the last purchase (T - t_x) lowers P(alive) for any x.
//
// Likelihood (Fader, Hardie & Lee 2005, "A note on implementing the Pareto/NBD model in MATLAB", eq. 1):
//   L = Gamma(r+x) alpha^r beta^s / Gamma(r) * [ 1 / ((alpha+T)^(r+x) (beta+T)^s) + s/(r+s+x) A0 ]
// where A0 is a difference of two 2F1 terms. s/(r+s+x) A0 is the integral over the dropout time tau
// in (t_x, T] that it stands for,
//   s/(r+s+x) A0 = s * I,  I = int_{t_x}^{T} (alpha+tau)^-(r+x) (beta+tau)^-(s+1) dtau,
// and that integral is what we compute: the 2F1 forms need z = |alpha-beta|/(max(alpha,beta)+t),
// which tends to 1 as the fit approaches no dropout (s -> 0, beta -> infinity, as on Online Retail),
// where the power series stops converging. I is taken by Gauss-Legendre quadrature after the
// substitution alpha+tau = (alpha+t_x) R^u, R = (alpha+T)/(alpha+t_x), u in [0, 1], which turns the
// steep power (alpha+tau)^-(r+x) into an exponential in u; panels keep the decay per panel <= 4
// (10 nodes then integrate it to ~1e-12 relative) and the tail beyond a decay of 50 is dropped.
// P(alive | x, t_x, T) = first bracket term / whole bracket (SMC 1987; FHL 2005 note, eq. 2).
// E[Y(t) | x, t_x, T] = (r+x)(beta+T) / ((alpha+T)(s-1)) * [1 - ((beta+T)/(beta+T+t))^(s-1)] * P(alive)
//   (FHL 2005 note, eq. 3; its s = 1 limit is (r+x)(beta+T)/(alpha+T) ln((beta+T+t)/(beta+T))).
import { lnGamma } from './special.js';
import { nelderMead } from '../optimize.js';
import type { RfmSummary } from './bgnbd.js';

export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

export interface ParetoNbdFit {
  params: ParetoNbdParams;
  logLikelihood: number;
  customers: number;
  iterations: number;
}

/** Gauss-Legendre nodes and weights on [0, 1], by Newton's method on P_n (Numerical Recipes 3rd ed., sec. 4.6). */
function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      dp = (n * (z * p1 - p2)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    nodes[i] = (1 - z) / 2;
    weights[i] = 1 / ((1 - z * z) * dp * dp);
  }
  return { nodes, weights };
}

const GL = gaussLegendre(10);

/** ln I (see above); -Infinity when t_x = T. */
function lnDropoutIntegral(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  const A = alpha + tx;
  const lnR = Math.log((alpha + T) / A);
  if (!(lnR > 0)) return -Infinity;
  const k = r + x;
  const decay = (Math.abs(k - 1) + s + 1) * lnR;
  const U = k > 1 ? Math.min(1, 50 / ((k - 1) * lnR)) : 1;
  const panels = Math.min(40, Math.max(1, Math.ceil((decay * U) / 4)));
  const width = U / panels;
  const shift = beta - alpha;
  // log-sum-exp over all nodes, referenced to u = 0 where the integrand is largest when k >= 1
  const ref = -(s + 1) * Math.log(beta + tx);
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    for (let i = 0; i < 10; i++) {
      const u = (p + (GL.nodes[i] as number)) * width;
      const lnf = u * (1 - k) * lnR - (s + 1) * Math.log(shift + A * Math.exp(u * lnR));
      sum += (GL.weights[i] as number) * Math.exp(lnf - ref);
    }
  }
  return (1 - k) * Math.log(A) + Math.log(lnR) + Math.log(sum * width) + ref;
}

/** ln of the two bracket terms: alive at T, and dropped out in (t_x, T]. */
function lnTerms(p: ParetoNbdParams, x: number, tx: number, T: number): [number, number] {
  const { r, alpha, s, beta } = p;
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const dropped = Math.log(s) + lnDropoutIntegral(r, alpha, s, beta, x, tx, T);
  return [alive, dropped];
}

const logAddExp = (a: number, b: number) => {
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
};

export function paretoNbdLogLikelihood(p: ParetoNbdParams, s: RfmSummary): number {
  const { r, alpha, beta } = p;
  if (!(r > 0 && alpha > 0 && p.s > 0 && beta > 0)) return -Infinity;
  const base = -lnGamma(r) + r * Math.log(alpha) + p.s * Math.log(beta);
  let total = 0;
  let lastX = -1;
  let lnGx = 0;
  for (let i = 0; i < s.x.length; i++) {
    const x = s.x[i] as number;
    if (x !== lastX) {
      lnGx = lnGamma(r + x);
      lastX = x;
    }
    const [a, d] = lnTerms(p, x, s.tx[i] as number, s.T[i] as number);
    total += base + lnGx + logAddExp(a, d);
  }
  return total;
}

/** Maximum-likelihood fit (Nelder-Mead on log-parameters within +-20, start at 1, as for BG/NBD). */
export function fitParetoNbd(s: RfmSummary, start: ParetoNbdParams = { r: 1, alpha: 1, s: 1, beta: 1 }): ParetoNbdFit {
  const n = s.x.length;
  if (n === 0) throw new Error('Pareto/NBD: no customers to fit');
  if (s.tx.length !== n || s.T.length !== n) throw new Error('Pareto/NBD: x, tx and T must have the same length');
  for (let i = 0; i < n; i++) {
    const x = s.x[i] as number;
    const tx = s.tx[i] as number;
    const T = s.T[i] as number;
    if (!(x >= 0 && Number.isInteger(x))) throw new Error(`Pareto/NBD: customer ${i}: x must be a whole number >= 0, got ${x}`);
    if (!(tx >= 0 && T >= tx)) throw new Error(`Pareto/NBD: customer ${i}: need 0 <= t_x <= T, got t_x=${tx}, T=${T}`);
  }
  // sorted by x so lnGamma(r + x) is computed once per distinct frequency
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => (s.x[i] as number) - (s.x[j] as number));
  const sorted: RfmSummary = {
    x: Float64Array.from(order, (i) => s.x[i] as number),
    tx: Float64Array.from(order, (i) => s.tx[i] as number),
    T: Float64Array.from(order, (i) => s.T[i] as number),
  };
  const toParams = (v: number[]): ParetoNbdParams => ({
    r: Math.exp(v[0] as number),
    alpha: Math.exp(v[1] as number),
    s: Math.exp(v[2] as number),
    beta: Math.exp(v[3] as number),
  });
  const objective = (v: number[]) => (v.every((u) => Math.abs(u) <= 20) ? -paretoNbdLogLikelihood(toParams(v), sorted) / n : Infinity);
  const x0 = [start.r, start.alpha, start.s, start.beta].map(Math.log);
  const res = nelderMead(objective, x0, { tolerance: 1e-12, maxIterations: 20_000, restarts: 8 });
  return { params: toParams(res.x), logLikelihood: -res.value * n, customers: n, iterations: res.iterations };
}

export function paretoNbdProbabilityAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const [a, d] = lnTerms(p, x, tx, T);
  return d === -Infinity ? 1 : 1 / (1 + Math.exp(d - a));
}

/** E[purchases in (T, T+t] | x, t_x, T]. */
export function paretoNbdExpectedPurchases(p: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, s, beta } = p;
  const rate = (r + x) / (alpha + T);
  // expected alive time in the next t, per unit of (beta+T): removable singularity at s = 1
  const lnRatio = Math.log((beta + T + t) / (beta + T));
  const life = Math.abs(s - 1) < 1e-9 ? lnRatio : -Math.expm1(-(s - 1) * lnRatio) / (s - 1);
  return rate * (beta + T) * life * paretoNbdProbabilityAlive(p, x, tx, T);
}
