// fast-check arbitraries shared by the property tests of customer states (state.test.ts, state-pack.test.ts).
import fc from 'fast-check';
import { EMOTIONS, ADVOCACY_CLASSES, type MessageAnalysis } from '../../src/nlp/types.js';
import { CHANNELS } from '../../src/schemas/interaction.js';

/** One analysis of customer c1; each test picks the ids, signal ids and evidence phrases that exercise it. */
export function analysisArb(options: { id: fc.Arbitrary<string>; signalIds: readonly string[]; phrase: fc.Arbitrary<string> }): fc.Arbitrary<MessageAnalysis> {
  return fc.record({
    id: options.id,
    customerId: fc.constant('c1'),
    channel: fc.constantFrom(...CHANNELS),
    timestamp: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2026, 0, 1) }).map((t) => new Date(t).toISOString()),
    words: fc.nat(200),
    sentiment: fc.double({ min: -1, max: 1, noNaN: true }),
    emotions: fc.record(Object.fromEntries(EMOTIONS.map((e) => [e, fc.double({ min: 0, max: 1, noNaN: true })])) as never),
    emotion: fc.constantFrom(...EMOTIONS, 'neutral' as const),
    signals: fc.dictionary(fc.constantFrom(...options.signalIds), fc.double({ min: 0.1, max: 3, noNaN: true })),
    advocacy: fc.constantFrom(...ADVOCACY_CLASSES),
    evidence: fc.array(fc.record({ signal: fc.constantFrom('a', 'b'), phrase: options.phrase, negated: fc.boolean() }), { maxLength: 4 }),
    social: fc.option(fc.record({ likes: fc.nat(1000), shares: fc.nat(100), reach: fc.nat(100000) }), { nil: undefined }),
  }) as fc.Arbitrary<MessageAnalysis>;
}
