// Customers drawn from the BG/NBD story (Fader, Hardie & Lee 2005) or its MBG/NBD variant (Batislam
// et al. 2007): lambda ~ Gamma(r, alpha), p ~ Beta(a, b); after each repeat purchase a coin with
// P(drop) = p, and under MBG/NBD one more right after the first purchase. Observed for T, then
// `future` more (purchases in the future window are counted in `later`).
import type { BgNbdParams } from '../../src/segments/clv/bgnbd.js';
import { seededRandom } from '../../src/random.js';
import { gammaSampler } from './gamma.js';

export function simulateBetaGeometric(
  par: BgNbdParams,
  n: number,
  seed: number,
  T: () => number,
  options: { dropAfterFirstPurchase?: boolean; future?: number } = {},
) {
  const { dropAfterFirstPurchase = false, future = 0 } = options;
  const rand = seededRandom(seed);
  const gamma = gammaSampler(rand);
  const x: number[] = [];
  const tx: number[] = [];
  const Ts: number[] = [];
  const later: number[] = [];
  for (let i = 0; i < n; i++) {
    const lambda = gamma(par.r) / par.alpha;
    const g1 = gamma(par.a);
    const p = g1 / (g1 + gamma(par.b));
    const age = T();
    let t = 0;
    let last = 0;
    let k = 0;
    let y = 0;
    let alive = dropAfterFirstPurchase ? rand() >= p : true;
    while (alive) {
      t += -Math.log(1 - rand()) / lambda;
      if (t > age + future) break;
      if (t <= age) {
        k++;
        last = t;
      } else y++;
      alive = rand() >= p;
    }
    x.push(k);
    tx.push(last);
    Ts.push(age);
    later.push(y);
  }
  return { x, tx, T: Ts, later };
}
