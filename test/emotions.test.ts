import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTextDoc } from '../src/nlp/document.js';
import { emotionLexiconVersion, emotionModelInfo, scanLexicon, scoreEmotions } from '../src/nlp/emotions.js';
import { EMOTIONS } from '../src/nlp/types.js';
import { evaluate, parseEkmanTsv } from '../src/eval/emotions.js';

const score = (text: string) => scoreEmotions(readTextDoc(text));

describe('scoreEmotions', () => {
  it('reads an angry complaint as anger', () => {
    expect(score("I'm furious, this is the third time").emotion).toBe('anger');
  });

  it('gives every Plutchik emotion a score in 0..1 that sums to at most 1', () => {
    const { emotions } = score('Thanks so much, I was worried but you sorted it out fast!');
    expect(Object.keys(emotions).sort()).toEqual([...EMOTIONS].sort());
    for (const e of EMOTIONS) expect(emotions[e]).toBeGreaterThanOrEqual(0);
    expect(Object.values(emotions).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('does not count negated joy words as joy', () => {
    const happy = score('I am happy with the service');
    const notHappy = score('I am not happy with the service');
    expect(happy.emotion).toBe('joy');
    expect(notHappy.emotion).not.toBe('joy');
    expect(notHappy.emotions.joy).toBeLessThan(happy.emotions.joy / 2);
  });

  it('raises trust for reliance phrases and makes it dominant', () => {
    const plain = score("I've been able to call you guys.");
    const reliant = score("I've always been able to count on you guys.");
    expect(reliant.emotions.trust).toBeGreaterThan(plain.emotions.trust + 0.3);
    expect(reliant.emotion).toBe('trust');
    expect(score('Your team has always been there for us, so reliable.').emotion).toBe('trust');
  });

  it('reads "can\'t wait" as anticipation although wink marks it negated', () => {
    expect(score("I can't wait for the new version!").emotion).toBe('anticipation');
    expect(score('Really looking forward to the pre-order').emotion).toBe('anticipation');
    expect(score('Not looking forward to calling you again.').emotion).not.toBe('anticipation');
  });

  it('reads nothing into an empty message (a bare retweet): every emotion 0, neutral', () => {
    const r = scoreEmotions(readTextDoc(''));
    expect(r.emotion).toBe('neutral');
    for (const e of EMOTIONS) expect(r.emotions[e]).toBe(0);
  });

  it('leaves a plain statement neutral', () => {
    expect(score('My order number is on the invoice.').emotion).toBe('neutral');
  });
});

describe('scanLexicon', () => {
  it('counts negated terms apart from plain ones', () => {
    const weight = new Float64Array(EMOTIONS.length);
    const hits = new Float64Array(EMOTIONS.length);
    const negated = new Float64Array(EMOTIONS.length);
    const joy = EMOTIONS.indexOf('joy');
    scanLexicon(readTextDoc('I am not happy'), weight, hits, negated);
    expect([hits[joy], negated[joy]]).toEqual([0, 1]);
    scanLexicon(readTextDoc('I am happy'), weight, hits, negated);
    expect([hits[joy], negated[joy]]).toEqual([1, 0]);
  });
});

describe('emotion model file', () => {
  it('loads, names its version, matches the lexicon it was trained with and stays under 2 MB', () => {
    const info = emotionModelInfo();
    expect(info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(info.lexiconVersion).toBe(emotionLexiconVersion());
    expect(statSync(new URL('../models/emotions.json', import.meta.url)).size).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('rapport eval emotions', () => {
  it('names the line and field of a malformed row', () => {
    expect(() => parseEkmanTsv('fine text\t3\tid1\nbad text\t9\tid2\n', 'x.tsv')).toThrow(/x\.tsv:2: labels/);
  });

  it('reaches macro-F1 >= 0.50 on GoEmotions-Ekman dev (never trained on)', async () => {
    const report = await evaluate(['../shared/data/goemotions-ekman/dev.tsv'], {});
    expect(report.body).toContain('confusion matrix');
    expect(report.macroF1).toBeGreaterThanOrEqual(0.5);
  }, 60_000);
});
