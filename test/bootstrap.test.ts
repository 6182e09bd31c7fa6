import { describe, expect, it } from 'vitest';
import { bootstrapInterval, classificationMetrics } from '../src/eval/metrics.js';

const accuracy = (g: readonly string[], p: readonly string[]) => classificationMetrics(g, p).accuracy;
const labels = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

describe('bootstrap interval of a metric', () => {
  it('is a point for a perfect predictor, and brackets the estimate otherwise', () => {
    const gold = labels(100, (i) => (i % 3 ? 'a' : 'b'));
    expect(bootstrapInterval(gold, gold, accuracy)).toEqual([1, 1]);
    // 80 of 100 right
    const predicted = gold.map((g, i) => (i < 20 ? (g === 'a' ? 'b' : 'a') : g));
    const [low, high] = bootstrapInterval(gold, predicted, accuracy);
    expect(low).toBeLessThan(0.8);
    expect(high).toBeGreaterThan(0.8);
    // binomial standard error sqrt(0.8 * 0.2 / 100) = 0.04: the 95% interval spans about 4 of them
    expect(high - low).toBeGreaterThan(0.1);
    expect(high - low).toBeLessThan(0.22);
  });

  it('narrows with more customers, and repeats exactly for the same seed', () => {
    const wide = (n: number) => {
      const gold = labels(n, () => 'a');
      const predicted = gold.map((g, i) => (i % 5 === 0 ? 'b' : g));
      const [low, high] = bootstrapInterval(gold, predicted, accuracy, { seed: 7 });
      return high - low;
    };
    expect(wide(1000)).toBeLessThan(wide(100) / 2);
    const gold = labels(50, (i) => (i % 2 ? 'a' : 'b'));
    const predicted = gold.map((g, i) => (i % 4 ? g : 'c'));
    expect(bootstrapInterval(gold, predicted, accuracy, { seed: 3 })).toEqual(bootstrapInterval(gold, predicted, accuracy, { seed: 3 }));
  });
});
