// MBG/NBD: the published CDNOW fit, recovery of known parameters from simulated customers, its
// predictions against what simulated customers go on to buy, and what sets it apart from BG/NBD
// (one-time buyers can be gone).
import { describe, expect, it } from 'vitest';
import {
  fitMbgNbd,
  mbgnbdExpectedPurchases,
  mbgnbdExpectedPurchasesNew,
  mbgnbdLogLikelihood,
  mbgnbdProbabilityAlive,
  type MbgNbdParams,
} from '../src/segments/clv/mbgnbd.js';
import { bgnbdLogLikelihood } from '../src/segments/clv/bgnbd.js';
import { fitValueModel, pAlive, purchasesWithin, type CustomerSummary } from '../src/segments/value.js';
import { seededRandom } from '../src/random.js';
import { simulateBetaGeometric } from './helpers/beta-geometric.js';
import { cdnowSummary, within } from './helpers/cdnow.js';

/** The MBG/NBD story (see helpers/beta-geometric.ts). */
const simulate = (par: MbgNbdParams, n: number, seed: number, T: () => number, future = 0) =>
  simulateBetaGeometric(par, n, seed, T, { dropAfterFirstPurchase: true, future });

describe('MBG/NBD', () => {
  it('fits the CDNOW sample to the BTYDplus parameters within 1%', () => {
    const fit = fitMbgNbd(cdnowSummary());
    // BTYDplus mbgcnbd.EstimateParameters with k = 1 (as quoted in lifetimes' tests)
    const published = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(within(fit.params[k], published[k], 0.01), `${k}=${fit.params[k]}`).toBe(true);
    // E[X(t)] for a new customer against Hardie's spreadsheet values (lifetimes' tests, 5% there too)
    const times = [0.1429, 1, 3, 31.8571, 32, 78];
    const sheet = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => expect(within(mbgnbdExpectedPurchasesNew(fit.params, t), sheet[i] as number, 0.05), `t=${t}`).toBe(true));
  });

  it('log-likelihood: the sum of the two latent histories, checked by direct integration', () => {
    // L = E over lambda, p of lambda^x [(1-p)^(x+1) e^(-lambda T) + p (1-p)^x e^(-lambda t_x)], by
    // midpoint sums over the Gamma and Beta densities (shapes > 1 keep the integrands smooth)
    const par = { r: 2.5, alpha: 3, a: 2, b: 3 };
    const cases: [number, number, number][] = [[0, 0, 5], [1, 2, 5], [4, 3.5, 6]];
    const lnG = (v: number) => {
      // Stirling is enough for a cross-check of constants near 1..10
      let s = 0;
      while (v < 10) s -= Math.log(v++);
      return s + (v - 0.5) * Math.log(v) - v + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * v) - 1 / (360 * v ** 3);
    };
    for (const [x, tx, T] of cases) {
      const nl = 4000;
      const np = 400;
      const lmax = 12;
      let total = 0;
      for (let i = 0; i < nl; i++) {
        const lam = ((i + 0.5) * lmax) / nl;
        const gd = Math.exp(par.r * Math.log(par.alpha) + (par.r - 1) * Math.log(lam) - par.alpha * lam - lnG(par.r));
        let inner = 0;
        for (let j = 0; j < np; j++) {
          const p = (j + 0.5) / np;
          const bd = Math.exp((par.a - 1) * Math.log(p) + (par.b - 1) * Math.log(1 - p) - (lnG(par.a) + lnG(par.b) - lnG(par.a + par.b)));
          inner += (bd / np) * ((1 - p) ** (x + 1) * Math.exp(-lam * T) + p * (1 - p) ** x * Math.exp(-lam * tx));
        }
        total += (gd * lmax * lam ** x * inner) / nl;
      }
      const ll = mbgnbdLogLikelihood(par, { x: [x], tx: [tx], T: [T] });
      expect(ll).toBeCloseTo(Math.log(total), 4);
    }
  });

  it('recovers known parameters from simulated customers within 10%', () => {
    const truth = { r: 0.8, alpha: 12, a: 0.7, b: 2.5 };
    const rand = seededRandom(7);
    const data = simulate(truth, 20_000, 42, () => 52 + 52 * rand());
    const fit = fitMbgNbd(data);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(within(fit.params[k], truth[k], 0.1), `${k}=${fit.params[k]}`).toBe(true);
    // and it explains its own data better than BG/NBD does at MBG/NBD's optimum
    expect(fit.logLikelihood).toBeGreaterThan(bgnbdLogLikelihood(fit.params, data));
  });

  it('predicts a simulated base: E[X(t)] matches the simulated mean of new customers', () => {
    const p = { r: 0.8, alpha: 12, a: 0.7, b: 2.5 };
    const data = simulate(p, 20_000, 3, () => 40);
    const mean = data.x.reduce((s, v) => s + v, 0) / data.x.length;
    expect(within(mbgnbdExpectedPurchasesNew(p, 40), mean, 0.05), `${mbgnbdExpectedPurchasesNew(p, 40)} vs ${mean}`).toBe(true);
  });

  it('conditional expectation: predicts the purchases simulated customers go on to make, overall and by history', () => {
    const truth = { r: 0.8, alpha: 12, a: 0.7, b: 2.5 };
    const d = simulate(truth, 40_000, 23, () => 52, 26);
    let predicted = 0;
    let actual = 0;
    // the one-time buyers on their own: the group MBG/NBD treats differently from BG/NBD
    let predicted0 = 0;
    let actual0 = 0;
    for (let i = 0; i < d.x.length; i++) {
      const e = mbgnbdExpectedPurchases(truth, 26, d.x[i] as number, d.tx[i] as number, d.T[i] as number);
      predicted += e;
      actual += d.later[i] as number;
      if (d.x[i] === 0) {
        predicted0 += e;
        actual0 += d.later[i] as number;
      }
    }
    expect(within(predicted, actual, 0.05), `predicted ${predicted} vs ${actual}`).toBe(true);
    expect(within(predicted0, actual0, 0.08), `one-time buyers: predicted ${predicted0} vs ${actual0}`).toBe(true);
  });

  it('conditional expectation: sanity of its shape', () => {
    const p = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
    // nothing in no time, more in more time, never more than an immortal customer would buy ((r+x) t / (alpha+T))
    expect(mbgnbdExpectedPurchases(p, 0, 2, 30, 38)).toBe(0);
    const e10 = mbgnbdExpectedPurchases(p, 10, 2, 30, 38);
    const e39 = mbgnbdExpectedPurchases(p, 39, 2, 30, 38);
    expect(e10).toBeGreaterThan(0);
    expect(e39).toBeGreaterThan(e10);
    expect(e39).toBeLessThan(((p.r + 2) * 39) / (p.alpha + 38));
    // recent and frequent buyers are worth more
    expect(mbgnbdExpectedPurchases(p, 39, 5, 38, 39)).toBeGreaterThan(mbgnbdExpectedPurchases(p, 39, 5, 5, 39));
    expect(mbgnbdExpectedPurchases(p, 39, 5, 38, 39)).toBeGreaterThan(mbgnbdExpectedPurchases(p, 39, 1, 38, 39));
    // with almost no dropout (a -> 0) it is the NBD prediction (r+x) t / (alpha+T)
    const nbd = { r: 0.8, alpha: 60, a: 1e-6, b: 50 };
    expect(within(mbgnbdExpectedPurchases(nbd, 90, 3, 40, 100), ((nbd.r + 3) * 90) / (nbd.alpha + 100), 1e-3)).toBe(true);
    // one more step past the removable singularity at a = 1 changes nothing visible
    const one = { ...p, a: 1 };
    expect(mbgnbdExpectedPurchases(one, 39, 2, 30, 38)).toBeCloseTo(mbgnbdExpectedPurchases({ ...p, a: 1 + 1e-5 }, 39, 2, 30, 38), 3);
  });

  it('a one-time buyer can be gone, and more likely so the longer they have been silent', () => {
    const p = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
    expect(mbgnbdProbabilityAlive(p, 0, 0, 1)).toBeLessThan(1);
    expect(mbgnbdProbabilityAlive(p, 0, 0, 39)).toBeLessThan(mbgnbdProbabilityAlive(p, 0, 0, 2));
    expect(mbgnbdProbabilityAlive(p, 5, 5, 39)).toBeLessThan(mbgnbdProbabilityAlive(p, 5, 38, 39));
    for (const [x, tx, T] of [[0, 0, 0], [3, 10, 50], [20, 70, 70]] as const) {
      const v = mbgnbdProbabilityAlive(p, x, tx, T);
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });
});

describe('MBG/NBD as a purchase-model choice (value.ts)', () => {
  const truth = { r: 0.8, alpha: 12, a: 0.7, b: 2.5 };
  const rand = seededRandom(9);
  const d = simulate(truth, 4000, 10, () => 52 + 52 * rand());
  const base: CustomerSummary[] = d.x.map((x, i) => ({
    customerId: `c${i}`,
    first: 0,
    x,
    tx: d.tx[i] as number,
    T: d.T[i] as number,
    dayMean: 10,
    spendCount: x + 1,
    spendMean: 10,
  }));

  it("'mbgnbd' predicts with MBG/NBD; 'best' picks it on MBG/NBD data (higher likelihood than BG/NBD and Pareto/NBD)", () => {
    const m = fitValueModel(base, 'mbgnbd');
    expect(m.purchases).toBe('mbgnbd');
    const s = base.find((c) => c.x === 0) as CustomerSummary;
    const f = m.mbgnbd?.params as MbgNbdParams;
    expect(purchasesWithin(m, s, 30)).toBeCloseTo(mbgnbdExpectedPurchases(f, 30, s.x, s.tx, s.T), 12);
    expect(pAlive(m, s)).toBeLessThan(1);
    const best = fitValueModel(base, 'best');
    expect(best.purchases).toBe('mbgnbd');
    expect(best.mbgnbd?.logLikelihood).toBeGreaterThan(best.bgnbd.logLikelihood);
    expect(best.mbgnbd?.logLikelihood).toBeGreaterThan(best.paretoNbd?.logLikelihood as number);
    // BG/NBD alone fits nothing else
    expect(fitValueModel(base, 'bgnbd').mbgnbd).toBeUndefined();
  }, 60_000);
});
