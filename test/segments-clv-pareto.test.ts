// Pareto/NBD: the published CDNOW fit, recovery of known parameters from simulated customers, and
// the behaviour that sets it apart from BG/NBD (a long silence lowers P(alive) even with no repeat).
import { describe, expect, it } from 'vitest';
import { fitParetoNbd, paretoNbdExpectedPurchases, paretoNbdProbabilityAlive, type ParetoNbdParams } from '../src/segments/clv/pareto-nbd.js';
import { seededRandom } from '../src/random.js';
import { gammaSampler } from './helpers/gamma.js';
import { cdnowSummary, within } from './helpers/cdnow.js';


/** The Pareto/NBD story: lambda ~ Gamma(r, alpha), lifetime ~ Exp(mu), mu ~ Gamma(s, beta); observed for T, then `future` more. */
function simulate(par: ParetoNbdParams, n: number, seed: number, T: () => number, future = 0) {
  const rand = seededRandom(seed);
  const gamma = gammaSampler(rand);
  const x: number[] = [];
  const tx: number[] = [];
  const Ts: number[] = [];
  const later: number[] = [];
  for (let i = 0; i < n; i++) {
    const lambda = gamma(par.r) / par.alpha;
    const life = -Math.log(1 - rand()) / (gamma(par.s) / par.beta);
    const age = T();
    let t = 0;
    let last = 0;
    let k = 0;
    let y = 0;
    for (;;) {
      t += -Math.log(1 - rand()) / lambda;
      if (t > life || t > age + future) break;
      if (t <= age) {
        k++;
        last = t;
      } else y++;
    }
    x.push(k);
    tx.push(last);
    Ts.push(age);
    later.push(y);
  }
  return { x, tx, T: Ts, later };
}

describe('Pareto/NBD', () => {
  it('fits the CDNOW sample to the published parameters (Fader, Hardie & Lee 2005 note) within 2%', () => {
    const fit = fitParetoNbd(cdnowSummary());
    const published = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };
    for (const k of ['r', 'alpha', 's', 'beta'] as const) expect(within(fit.params[k], published[k], 0.02), `${k}=${fit.params[k]}`).toBe(true);
    // published LL -9595.0
    expect(fit.logLikelihood).toBeCloseTo(-9595.0, 0);
  });

  it('recovers known parameters from simulated customers within 10%', () => {
    const truth = { r: 0.8, alpha: 12, s: 1.2, beta: 30 };
    const rand = seededRandom(5);
    const fit = fitParetoNbd(simulate(truth, 20_000, 17, () => 52 + 52 * rand()));
    for (const k of ['r', 'alpha', 's', 'beta'] as const) expect(within(fit.params[k], truth[k], 0.1), `${k}=${fit.params[k]}`).toBe(true);
  });

  it('predicts the purchases simulated customers go on to make', () => {
    const truth = { r: 0.8, alpha: 12, s: 1.2, beta: 30 };
    const d = simulate(truth, 20_000, 23, () => 52, 26);
    let predicted = 0;
    let actual = 0;
    for (let i = 0; i < d.x.length; i++) {
      predicted += paretoNbdExpectedPurchases(truth, 26, d.x[i] as number, d.tx[i] as number, d.T[i] as number);
      actual += d.later[i] as number;
    }
    expect(within(predicted, actual, 0.05), `predicted ${predicted} vs ${actual}`).toBe(true);
  });

  it('lowers P(alive) with the silence since the last purchase, also for one-time buyers', () => {
    const p = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };
    expect(paretoNbdProbabilityAlive(p, 5, 5, 39)).toBeLessThan(paretoNbdProbabilityAlive(p, 5, 38, 39));
    expect(paretoNbdProbabilityAlive(p, 0, 0, 39)).toBeLessThan(paretoNbdProbabilityAlive(p, 0, 0, 2));
    expect(paretoNbdProbabilityAlive(p, 3, 39, 39)).toBe(1);
    expect(paretoNbdExpectedPurchases(p, 39, 5, 38, 39)).toBeGreaterThan(paretoNbdExpectedPurchases(p, 39, 5, 5, 39));
  });
});
