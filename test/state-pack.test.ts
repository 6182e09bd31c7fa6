// Packed customer states (state-pack.ts, packed-states.ts): the batch keeps cold states as compact strings,
// so a pack/unpack round trip must give back the very same state, down to float bits and key order
// (derive() sums Object.entries in order), and a batch that packs must write the same profiles.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyState, fold, type CustomerState } from '../src/profile/state.js';
import { KeyTable, pack, unpack } from '../src/profile/state-pack.js';
import { PackedStates } from '../src/profile/packed-states.js';
import { ProfileBatch } from '../src/profile/batch.js';
import { EMOTIONS, type MessageAnalysis } from '../src/nlp/types.js';
import { analysisArb } from './helpers/arbitraries.js';
import { generateInteractions } from '../bench/generate.js';

/** Every number as its float64 bits, every Record as its entries in order, the id Set in order. */
function exact(s: CustomerState): unknown {
  const bits = (v: unknown): unknown => {
    if (typeof v === 'number') return `f64:${Buffer.from(new Float64Array([v]).buffer).toString('hex')}`;
    if (v instanceof Set) return { set: [...v].map(bits) };
    if (Array.isArray(v)) return v.map(bits);
    if (v && typeof v === 'object') return Object.entries(v).map(([k, x]) => [k, bits(x)]);
    return v;
  };
  return bits(s);
}

// any double, including -0, NaN, infinities, integers at the 2^31 edge and beyond
const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 2 ** 31 - 1, 2 ** 31, 2 ** 53, -1, 0.5), fc.nat(300));
// strings of any UTF-16 code units, so wide chars and lone surrogates are covered
const anyString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));
// Record keys as fold() can make them: plain objects, and no "__proto__" (an assignment would not create it)
const anyKey = anyString.filter((k) => k !== '__proto__');
const counts = fc.dictionary(anyKey, anyNumber, { maxKeys: 50, noNullPrototype: true });

const stateArb: fc.Arbitrary<CustomerState> = fc.record({
  customerId: anyString,
  ids: fc.uniqueArray(anyString, { maxLength: 30 }).map((ids) => new Set(ids)),
  n: anyNumber,
  words: anyNumber,
  first: fc.option(anyString, { nil: null }),
  last: fc.option(anyString, { nil: null }),
  sSum: anyNumber,
  sSq: anyNumber,
  tSum: anyNumber,
  tSq: anyNumber,
  stSum: anyNumber,
  emotions: fc.array(anyNumber, { minLength: 8, maxLength: 8 }),
  signals: counts,
  signalMsgs: counts,
  channels: counts,
  channelLast: fc.dictionary(anyKey, anyString, { noNullPrototype: true }),
  advocacy: counts,
  social: fc.record({
    posts: anyNumber,
    brandPosts: anyNumber,
    likes: anyNumber,
    shares: anyNumber,
    comments: anyNumber,
    reach: anyNumber,
    organicRecommend: anyNumber,
    incentivised: anyNumber,
    last: fc.option(anyString, { nil: null }),
  }),
  recent: fc.array(
    fc.record({ timestamp: anyString, id: anyString, channel: anyString, sentiment: anyNumber, emotion: fc.constantFrom(...EMOTIONS, 'neutral' as const) }),
    { maxLength: 5 },
  ),
  evidence: fc.array(fc.record({ signal: anyString, phrase: anyString, negated: fc.boolean() }), { maxLength: 20 }),
});

const anyAnalysis = analysisArb({
  id: fc.string({ minLength: 1, maxLength: 6 }),
  signalIds: ['gratitude_trust', 'distrust_exploitation', 'lexical_partner', 'semantic_x'],
  phrase: anyString,
});

describe('pack / unpack', () => {
  it('gives back any state exactly: float bits, strings, key and element order, with the phrase table full or not', () => {
    fc.assert(
      // a tiny phrase table: some evidence phrases are written out in the state, the others by index
      fc.property(stateArb, fc.nat(4), (state, phraseLimit) => {
        const keys = new KeyTable(phraseLimit);
        expect(exact(unpack(pack(state, keys), keys))).toEqual(exact(state));
      }),
      { numRuns: 300 },
    );
  });

  it('gives back folded states, many sharing one key table, and folding on after a round trip is unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.array(anyAnalysis, { maxLength: 10 }), { minLength: 1, maxLength: 5 }), anyAnalysis, (customers, next) => {
        const keys = new KeyTable();
        const states = customers.map((list) => list.reduce((s, a) => fold(s, a), emptyState('c1')));
        const packed = states.map((s) => pack(s, keys));
        states.forEach((s, i) => expect(exact(unpack(packed[i] as Uint8Array, keys))).toEqual(exact(s)));
        const first = states[0] as CustomerState;
        const viaPack = fold(unpack(packed[0] as Uint8Array, keys), next);
        expect(exact(viaPack)).toEqual(exact(fold(first, next)));
      }),
      { numRuns: 200 },
    );
  });

  it('is much smaller than the live state it stands for', () => {
    const state = emptyState('c00042');
    for (let i = 0; i < 20; i++) state.ids.add(`i${i * 50_000 + 42}`);
    for (let i = 0; i < 45; i++) {
      state.signals[`signal_${i}`] = 0.1 + i / 7;
      state.signalMsgs[`signal_${i}`] = i;
    }
    // the key strings alone, written out per customer, would take more than this
    expect(pack(state, new KeyTable()).byteLength).toBeLessThan(900);
  });
});

describe('PackedStates', () => {
  it('keeps first-seen order, folds into packed customers and returns equal states', () => {
    const held = new PackedStates(1);
    const plain = new Map<string, CustomerState>();
    const order = ['b', 'a', 'c', 'a', 'b', 'b', 'c', 'a'];
    order.forEach((c, i) => {
      const a = { id: `m${i}`, customerId: c, channel: 'email', timestamp: `2024-01-0${(i % 9) + 1}T00:00:00.000Z`, words: i, sentiment: i / 10 - 0.3, emotions: Object.fromEntries(EMOTIONS.map((e) => [e, i / 100])), emotion: 'joy', signals: { [`s${i % 3}`]: i / 3 }, advocacy: 'neutral', evidence: [{ signal: `s${i % 3}`, phrase: `p${i}` }] } as MessageAnalysis;
      let s = held.open(c);
      if (!s) held.add(c, (s = emptyState(c)));
      fold(s, a);
      if (!plain.has(c)) plain.set(c, emptyState(c));
      fold(plain.get(c) as CustomerState, a);
    });
    expect([...held.keys()]).toEqual(['b', 'a', 'c']);
    expect([...held].map(([id, s]) => [id, exact(s)])).toEqual([...plain].map(([id, s]) => [id, exact(s)]));
    expect(held.delete('a')).toBe(true);
    expect([held.size, held.has('a'), held.get('a')]).toEqual([2, false, undefined]);
  });

  it('keeps states of any size, as they grow, move between slots, reuse freed ones and get compacted', () => {
    // compacting whenever free space outweighs the space in use
    const held = new PackedStates(1, 0);
    const plain = new Map<string, CustomerState>();
    // every customer grows by a different step; one outgrows the arena's largest slot (a few MB)
    const customers = ['small', 'mid', 'huge', 'other', ...Array.from({ length: 40 }, (_, i) => `n${i}`)];
    for (let round = 0; round < 12; round++) {
      customers.forEach((c, k) => {
        const phrase = 'x'.repeat(c === 'huge' ? 200_000 * round : 7 * round * (k + 1));
        const a = { id: `${c}${round}`, customerId: c, channel: 'chat', timestamp: '2024-05-01T00:00:00.000Z', words: 1, sentiment: 0.1, emotions: Object.fromEntries(EMOTIONS.map((e) => [e, 0])), emotion: 'neutral', signals: { [`s${round}`]: round / 3 }, advocacy: 'neutral', evidence: [{ signal: `s${round}`, phrase }] } as MessageAnalysis;
        let s = held.open(c);
        if (!s) held.add(c, (s = emptyState(c)));
        fold(s, a);
        if (!plain.has(c)) plain.set(c, emptyState(c));
        fold(plain.get(c) as CustomerState, a);
      });
      if (round === 6) {
        // a customer leaving frees its slot for the others
        held.delete('other');
        plain.delete('other');
      }
    }
    expect([...held].map(([id, s]) => [id, exact(s)])).toEqual([...plain].map(([id, s]) => [id, exact(s)]));
  });
});

describe('ProfileBatch with packed states', () => {
  it('writes the same profiles, and spots the same repeated ids, as a batch that never packs', () => {
    // interleaved customers, so nearly every line folds into a state that was packed in between
    const lines = [...generateInteractions({ count: 240, customers: 15, seed: 7 })];
    const repeats = lines.filter((_, i) => i % 17 === 0);
    const packing = new ProfileBatch({}, 1);
    const live = new ProfileBatch({}, 1_000_000);
    for (const batch of [packing, live]) {
      for (const line of [...lines, ...repeats]) batch.addInteraction(line);
      batch.addCustomer({ customerId: 'c03', country: 'UK' });
      batch.addTransaction({ orderId: 'o1', customerId: 'c03', timestamp: '2023-06-01T00:00:00Z', amount: 40 });
    }
    expect([packing.analysed, packing.duplicates]).toEqual([live.analysed, live.duplicates]);
    expect(packing.duplicates).toBe(repeats.length);
    const asOf = new Date('2024-12-31T00:00:00Z');
    const out = (b: ProfileBatch) => [...b.profiles({ asOf })].map((p) => JSON.stringify(p));
    const expected = out(live);
    expect(expected).toHaveLength(15);
    expect(out(packing)).toEqual(expected);
    expect(packing.states.size).toBe(0);
  });
});
