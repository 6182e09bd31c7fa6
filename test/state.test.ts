import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyState, fold, merge, type CustomerState } from '../src/profile/state.js';
import type { MessageAnalysis } from '../src/nlp/types.js';
import { analysisArb } from './helpers/arbitraries.js';

const analysisArbOf = (id: fc.Arbitrary<string>) =>
  analysisArb({
    id,
    signalIds: ['gratitude_trust', 'distrust_exploitation', 'suggestion_idea'],
    // case variants of one phrase: evidence is kept case-insensitively
    phrase: fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom('Fee', 'fee', 'FEE', 'rip off', 'Rip off')),
  });

const uniqueAnalyses = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 0, maxLength: 12 })
  .chain((ids) => fc.tuple(...ids.map((id) => analysisArbOf(fc.constant(id)))));

/** Comparable view: plain JSON, ids sorted. */
function view(s: CustomerState) {
  return JSON.parse(JSON.stringify({ ...s, ids: [...s.ids].sort() }));
}

/**
 * Addition order moves the last bits of float sums, so numbers are compared within 5e-7 (not rounded:
 * two sums either side of a rounding boundary would differ by a whole unit of the last kept digit).
 */
function expectSameState(actual: CustomerState, expected: CustomerState): void {
  const close = (v: unknown): unknown =>
    typeof v === 'number' ? expect.closeTo(v, 6) : Array.isArray(v) ? v.map(close) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, close(x)])) : v;
  expect(view(actual)).toEqual(close(view(expected)));
}
const foldAll = (list: readonly MessageAnalysis[]) => list.reduce((s, a) => fold(s, a), emptyState('c1'));

describe('CustomerState', () => {
  it('folding the same interaction twice changes nothing', () => {
    fc.assert(
      fc.property(uniqueAnalyses, (list) => {
        const once = foldAll(list);
        const twice = foldAll([...list, ...list]);
        expectSameState(twice, once);
      }),
    );
  });

  it('the order of interactions does not matter', () => {
    fc.assert(
      fc.property(uniqueAnalyses.chain((l) => fc.tuple(fc.constant(l), fc.shuffledSubarray([...l], { minLength: l.length }))), ([list, shuffled]) => {
        expectSameState(foldAll(shuffled), foldAll(list));
      }),
    );
  });

  it('merge is commutative and equals folding everything into one state', () => {
    fc.assert(
      fc.property(uniqueAnalyses, fc.nat(12), (list, cut) => {
        const a = foldAll(list.slice(0, cut));
        const b = foldAll(list.slice(cut));
        expectSameState(merge(a, b), merge(b, a));
        expectSameState(merge(a, b), foldAll(list));
      }),
    );
  });

  it('counts social engagement only from social posts', () => {
    const s = foldAll([
      { id: 'x', customerId: 'c1', channel: 'email', timestamp: '2025-01-01T00:00:00Z', words: 3, sentiment: 0.5, emotions: { anger: 0, anticipation: 0, disgust: 0, fear: 0, joy: 1, sadness: 0, surprise: 0, trust: 0 }, emotion: 'joy', signals: {}, advocacy: 'recommend', evidence: [] },
      { id: 'y', customerId: 'c1', channel: 'social', timestamp: '2025-01-02T00:00:00Z', words: 3, sentiment: 0.5, emotions: { anger: 0, anticipation: 0, disgust: 0, fear: 0, joy: 1, sadness: 0, surprise: 0, trust: 0 }, emotion: 'joy', signals: {}, advocacy: 'recommend', evidence: [], social: { likes: 10, reach: 500 } },
    ]);
    expect(s.social).toMatchObject({ posts: 1, likes: 10, reach: 500, organicRecommend: 1 });
    expect(s.n).toBe(2);
  });
});
