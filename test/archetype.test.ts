import { describe, expect, it } from 'vitest';
import { archetypeModel, classifyArchetype } from '../src/profile/archetype.js';
import { TRAINING_SETTINGS } from '../src/profile/archetype-training.js';
import { featureNames } from '../src/profile/archetype-features.js';
import { loadLabelledSet } from '../src/eval/labelled-corpus.js';
import { evaluate } from '../src/eval/archetypes.js';
import { analyze } from '../src/nlp/analyze.js';
import { emptyState, fold } from '../src/profile/state.js';
import { INSUFFICIENT } from '../src/profile/types.js';
import { evidenceSignals } from '../src/profile/playbook.js';
import { signalLexicon } from '../src/nlp/signals.js';

const DEV = '../shared/data/archetypes-dev';
const IMPLICIT = '../shared/data/archetypes-implicit';
const REAL = '../shared/data/archetypes-real';

const stateOf = (texts: string[]) =>
  texts.reduce(
    (s, text, i) => fold(s, analyze({ id: `m${i}`, customerId: 'c', channel: 'email', timestamp: `2025-0${1 + i}-01T10:00:00Z`, text })),
    emptyState('c'),
  );

describe('archetype model', () => {
  it('was trained on the signals the lexicon defines now (retrain after changing a lexicon)', () => {
    const model = archetypeModel();
    expect(model.features).toEqual(featureNames(TRAINING_SETTINGS.signals, model.lexicalClasses));
  });

  it("every type's defining evidence names signals the cue lexicon defines, and the model carries the same lists", () => {
    const defined = new Set(Object.keys(signalLexicon().signals));
    const lists = evidenceSignals();
    for (const [type, signals] of Object.entries(lists)) {
      expect(signals.length, type).toBeGreaterThan(0);
      for (const s of signals) expect(defined.has(s), `${type}: ${s}`).toBe(true);
    }
    expect(archetypeModel().abstain.evidenceSignals).toEqual(lists);
  });

  it('abstains on routine-only contact and names a type when the words show one', () => {
    const routine = classifyArchetype(stateOf(['Please could you send me a copy of my last invoice.', 'Thanks, received.']), null);
    expect(routine.primary).toBe(INSUFFICIENT);
    expect(routine.evidence).toEqual([]);
    const adversarial = classifyArchetype(
      stateOf([
        'Another hidden fee on my bill. This is a rip-off and you know it.',
        "I'd leave tomorrow but you're the only provider on my street, which I suspect you know. I don't trust a word you send.",
        'Cancel the add-on now or I am going to the ombudsman.',
      ]),
      null,
    );
    expect(adversarial.primary).toBe('adversarial');
    expect(adversarial.evidence.length).toBeGreaterThan(0);
    expect(Object.values(adversarial.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
  });

  it('names a type only when the words carry a cue that defines it: a loud one-off complaint is not adversarial', () => {
    const complaint = classifyArchetype(
      stateOf([
        'Worst customer service I have EVER dealt with. 40 minutes on hold and then cut off.',
        'I just want to send back a jacket that does not fit.',
        'Finally got a returns label. Why was that so hard',
      ]),
      null,
    );
    expect(complaint.primary).toBe(INSUFFICIENT);
    expect(complaint.evidence).toEqual([]);
    // it leans to adversarial, so its stated confidence is how often such abstentions were right in training
    expect(complaint.scores.adversarial).toBeGreaterThan(complaint.scores.insufficient_evidence!);
    expect(complaint.confidence).toBe(archetypeModel().abstain.unsupportedConfidence);
    // when a type is named, the first evidence the agent reads is a cue that defines it
    const adversarial = classifyArchetype(stateOf(['You hide the fees in the small print every single year. It is a scam.', 'Fine, the bill is paid.']), null);
    expect(adversarial.primary).toBe('adversarial');
    expect(adversarial.evidence[0]).toMatch(/fee|scam/i);
  });

  it('cross-validated on the written sets scores macro-F1 >= 0.92, above a bag-of-words baseline on the same folds', async () => {
    const report = await evaluate([DEV, IMPLICIT], { cv: true, folds: 5, seed: 1 });
    const baseline = Number(/baseline macro-F1 (0\.\d{3})/.exec(report.body)?.[1]);
    expect(report.macroF1).toBeGreaterThanOrEqual(0.92);
    expect(report.macroF1).toBeGreaterThan(baseline);
  }, 240_000);

  // thin tweets written for Rapport apart from its training sets (never trained on; model 1.4.0: 0.92,
  // 1.5.4: 0.906, 1.6.0: 0.894, which traded two of these 170 for customers of new writers and real tweets)
  it('on thin support tweets it never trained on, it is right for at least 88% of customers', () => {
    const customers = loadLabelledSet('models/data/thin-holdout');
    const results = customers.map((c) => classifyArchetype(c.state, null));
    const right = customers.filter((c, i) => results[i]!.primary === c.label).length;
    expect(right / customers.length).toBeGreaterThanOrEqual(0.88);
    // a brief names a type only when the model gives it at least even odds
    const named = results.filter((r) => r.primary !== INSUFFICIENT);
    expect(named.length).toBeGreaterThan(0);
    for (const r of named) expect(r.confidence).toBeGreaterThanOrEqual(0.5);
  }, 120_000);

  // implicit-style customers by two writers the model never saw (model 1.5.4: 0.907, 1.6.0: 0.944)
  it('carries to customers written by someone else: right for at least 90% of the implicit-style hold-out', () => {
    const customers = loadLabelledSet('models/data/implicit-holdout');
    const right = customers.filter((c) => classifyArchetype(c.state, c.behaviour).primary === c.label).length;
    expect(customers.length).toBe(54);
    expect(right / customers.length).toBeGreaterThanOrEqual(0.9);
  }, 120_000);

  // unhappy customers of every type, in tweets by four writers the model never saw (models/data/thin-support-3;
  // model 1.6.0: accuracy 0.680, named types right 61 of 72)
  it('on complaining customers of every type, a type it names is right at least 80% of the time', () => {
    const customers = loadLabelledSet('models/data/thin-support-3');
    const predicted = customers.map((c) => classifyArchetype(c.state, null).primary);
    const named = customers.map((c, i) => ({ gold: c.label, said: predicted[i] })).filter((p) => p.said !== INSUFFICIENT);
    const right = customers.filter((c, i) => predicted[i] === c.label).length;
    expect(customers.length).toBe(200);
    expect(named.filter((p) => p.said === p.gold).length / named.length).toBeGreaterThanOrEqual(0.8);
    expect(right / customers.length).toBeGreaterThanOrEqual(0.65);
  }, 120_000);

  it('with --errors, lists every customer the shipped model got wrong, and only those', async () => {
    const customers = loadLabelledSet('models/data/thin-holdout').filter((c) => c.label !== 'disputed');
    const wrong = customers.filter((c) => classifyArchetype(c.state, c.behaviour).primary !== c.label).map((c) => c.customerId);
    const report = await evaluate(['models/data/thin-holdout'], { errors: true });
    const listed = [...report.body.matchAll(/^ {2}(\S+): (\w+) -> (\w+) \(confidence/gm)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.sort()).toEqual(wrong.sort());
    expect(report.body).toContain(`customers the model got wrong (${wrong.length}):`);
    // without the flag the report stays as it was
    expect((await evaluate(['models/data/thin-holdout'], {})).body).not.toContain('got wrong');
  }, 120_000);

  it('states how far the draw of customers alone could move its accuracy: a 95% bootstrap interval around it', async () => {
    const report = await evaluate(['models/data/thin-holdout'], {});
    const accuracy = Number(/^accuracy (\d\.\d+);/m.exec(report.body)?.[1]);
    const [, low, high] = /95% bootstrap intervals over these \d+ customers .*: accuracy (\d\.\d+)-(\d\.\d+)/.exec(report.body) ?? [];
    expect(Number(low)).toBeLessThan(accuracy);
    expect(Number(high)).toBeGreaterThan(accuracy);
    expect(Number(high) - Number(low)).toBeLessThan(0.2);
  }, 120_000);

  // the goal for real text: insufficient_evidence recall >= 0.85 at precision >= 0.80 (model 1.5.3: 0.94 at 0.81)
  it('on real tweets it abstains for most customers who show no relationship, and its abstentions are mostly right', async () => {
    const customers = loadLabelledSet(REAL).filter((c) => c.label !== 'disputed');
    const predicted = customers.map((c) => classifyArchetype(c.state, null).primary);
    const abstained = customers.filter((_, i) => predicted[i] === INSUFFICIENT);
    const none = customers.filter((c) => c.label === INSUFFICIENT);
    const right = abstained.filter((c) => c.label === INSUFFICIENT).length;
    expect(right / none.length).toBeGreaterThanOrEqual(0.85);
    expect(right / abstained.length).toBeGreaterThanOrEqual(0.8);
  }, 120_000);
});
