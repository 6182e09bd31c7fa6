// MBG/NBD purchase model (Batislam, Denizel & Filiztekin 2007, "Empirical validation and comparison
// of models for customer base analysis", International Journal of Research in Marketing 24(3);
// conditional expectation corrected by Wagner & Hoppe 2008, "Erratum on the MBG/NBD model", IJRM
// 25(3)), fitted by maximum likelihood on the same summaries (x, t_x, T) as BG/NBD (see bgnbd.ts).
// The story is BG/NBD's (Poisson purchases at rate lambda ~ Gamma(r, alpha) while active, dropout
// with probability p ~ Beta(a, b) after each purchase) with one more dropout chance: right after the
// first purchase too. So a customer with no repeat purchase (x = 0) may already be gone, which
// BG/NBD cannot express (its one-time buyers are alive for sure, P(alive | x = 0) = 1).
//
// Given lambda and p, the history has density lambda^x [(1-p)^(x+1) e^(-lambda T) + p (1-p)^x e^(-lambda t_x)]
// (alive at T after x + 1 survived coin flips, or dropped right after the last purchase, at t_x;
// for x = 0 that is at the first purchase). Integrating over p and lambda:
//   L = Gamma(r+x) alpha^r / Gamma(r) * [ B(a, b+x+1)/B(a,b) (alpha+T)^-(r+x) + B(a+1, b+x)/B(a,b) (alpha+t_x)^-(r+x) ]
// and in logs, as lifetimes' ModifiedBetaGeoFitter._negative_log_likelihood (lifetimes 0.11):
//   A1 = lnG(r+x) - lnG(r) + r ln(alpha),  A2 = lnG(a+b) + lnG(b+x+1) - lnG(b) - lnG(a+b+x+1),
//   A3 = -(r+x) ln(alpha+T),  A4 = ln(a) - ln(b+x) + (r+x) (ln(alpha+T) - ln(alpha+t_x)),
//   ln L = A1 + A2 + A3 + ln(1 + e^A4)   (B(a+1, b+x) / B(a, b+x+1) = a / (b+x)).
// P(alive | x, t_x, T) = 1 / (1 + a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x))   (BDF 2007, appendix A, eq. 5)
// Alive at T, the posterior is lambda ~ Gamma(r+x, alpha+T), p ~ Beta(a, b+x+1), and an active
// customer buys (1 - e^(-lambda p t)) / p times in the next t on average, so (Wagner & Hoppe 2008)
//   E[Y(t) | x, t_x, T] = (a+b+x)/(a-1) * [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; t/(alpha+T+t))] * P(alive)
// E[X(t)] for a new customer = b/(a-1) * [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))]   (BDF 2007)
import { lnGamma, hyp2f1 } from './special.js';
import { fitBetaGeometricNbd, groupByX, type BgNbdParams, type RfmSummary } from './bgnbd.js';

/** Same four parameters as BG/NBD: r, alpha (purchase rate), a, b (dropout probability). */
export type MbgNbdParams = BgNbdParams;

export interface MbgNbdFit {
  params: MbgNbdParams;
  /** total log-likelihood at the optimum */
  logLikelihood: number;
  customers: number;
  iterations: number;
}

/** Total log-likelihood of the summaries under the given parameters (A1..A4 above). */
export function mbgnbdLogLikelihood(p: MbgNbdParams, s: RfmSummary, groups = groupByX(s.x)): number {
  const { r, alpha, a, b } = p;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return -Infinity;
  const base = -lnGamma(r) + r * Math.log(alpha) + lnGamma(a + b) - lnGamma(b);
  const lnA = Math.log(a);
  let total = 0;
  for (const [x, idx] of groups) {
    const common = base + lnGamma(r + x) + lnGamma(b + x + 1) - lnGamma(a + b + x + 1);
    const dropTerm = lnA - Math.log(b + x);
    for (const i of idx) {
      const lnAlphaT = Math.log(alpha + (s.T[i] as number));
      const a3 = -(r + x) * lnAlphaT;
      const a4 = dropTerm + (r + x) * (lnAlphaT - Math.log(alpha + (s.tx[i] as number)));
      // ln(1 + e^a4), stable both ways
      const soft = a4 > 0 ? a4 + Math.log1p(Math.exp(-a4)) : Math.log1p(Math.exp(a4));
      total += common + a3 + soft;
    }
  }
  return total;
}

/**
 * Maximum-likelihood fit, as fitBgNbd (bgnbd.ts): Nelder-Mead on log-parameters within +-20, start
 * at 1, mean negative log-likelihood, optional `lifetimes` L2 penalizer with alpha in units of the
 * longest T.
 */
export function fitMbgNbd(s: RfmSummary, start: MbgNbdParams = { r: 1, alpha: 1, a: 1, b: 1 }, penalizer = 0): MbgNbdFit {
  return fitBetaGeometricNbd('MBG/NBD', mbgnbdLogLikelihood, s, start, penalizer);
}

/** P(customer still active | x, t_x, T); below 1 also for one-time buyers (x = 0). */
export function mbgnbdProbabilityAlive(p: MbgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  return 1 / (1 + (a / (b + x)) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx))));
}

/** E[purchases in (T, T+t] | x, t_x, T] (Wagner & Hoppe 2008; see above). */
export function mbgnbdExpectedPurchases(p: MbgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, b } = p;
  // removable singularity at a = 1, as in BG/NBD
  const a = Math.abs(p.a - 1) < 1e-7 ? 1 + 1e-7 : p.a;
  const z = t / (alpha + T + t);
  const head = (a + b + x) / (a - 1);
  const tail = 1 - Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t))) * hyp2f1(r + x, b + x + 1, a + b + x, z);
  return head * tail * mbgnbdProbabilityAlive(p, x, tx, T);
}

/** E[X(t)]: repeat purchases a new customer is expected to make in their first t periods (BDF 2007). */
export function mbgnbdExpectedPurchasesNew(p: MbgNbdParams, t: number): number {
  const { r, alpha, b } = p;
  const a = Math.abs(p.a - 1) < 1e-7 ? 1 + 1e-7 : p.a;
  const z = t / (alpha + t);
  return (b / (a - 1)) * (1 - Math.exp(r * Math.log(alpha / (alpha + t))) * hyp2f1(r, b + 1, a + b, z));
}
