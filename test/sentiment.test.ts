import { describe, expect, it } from 'vitest';
import { readTextDoc } from '../src/nlp/document.js';
import { scoreSentiment } from '../src/nlp/sentiment.js';
import { compareOnGroundTruth, evaluate } from '../src/eval/sentiment.js';

const score = (text: string) => scoreSentiment(readTextDoc(text));

describe('scoreSentiment', () => {
  it('stays within -1..1 and is 0 for text without sentiment', () => {
    expect(score('Can you tell me the opening hours?')).toBe(0);
    expect(score('')).toBe(0);
    const extreme = score('BEST BEST BEST service EVER, amazing amazing love love love!!!!!! 😍😍😍');
    expect(extreme).toBeGreaterThan(0.9);
    expect(extreme).toBeLessThanOrEqual(1);
    expect(score('WORST WORST service, awful horrible hate hate!!!!!! 😡😡😡')).toBeGreaterThanOrEqual(-1);
  });

  it('flips and dampens negated words', () => {
    expect(score('The service was bad.')).toBeLessThan(0);
    expect(score('The service was not bad.')).toBeGreaterThan(0);
    expect(score('The service was good.')).toBeGreaterThan(0);
    expect(score("The service wasn't good.")).toBeLessThan(0);
    expect(score('Never again.')).toBeLessThan(0);
    // the flip is weaker than the plain word (VADER's -0.74)
    expect(Math.abs(score('The service was not bad.'))).toBeLessThan(Math.abs(score('The service was bad.')));
  });

  it('lets the clause after "but" outweigh the one before', () => {
    expect(score('The food was great but the service was terrible.')).toBeLessThan(0);
    expect(score('The service was terrible but the food was great.')).toBeGreaterThan(0);
    expect(score('Although the delivery was late, the support team was fantastic.')).toBeGreaterThan(0);
  });

  it('scales with intensifiers, downtoners, capitals and exclamation marks', () => {
    const plain = score('The service was good.');
    expect(score('The service was extremely good.')).toBeGreaterThan(plain);
    expect(score('The service was slightly good.')).toBeLessThan(plain);
    expect(score('The service was kind of good.')).toBeLessThan(plain);
    expect(score('The service was GOOD.')).toBeGreaterThan(plain);
    expect(score('The service was good!!!')).toBeGreaterThan(plain);
  });

  it('reads emoji and emoticons, but not a ":/" inside a link', () => {
    expect(score('Order arrived 😍')).toBeGreaterThan(0.3);
    expect(score('Order arrived 😡')).toBeLessThan(-0.3);
    expect(score('Order arrived :)')).toBeGreaterThan(0.3);
    expect(score('Order arrived :(')).toBeLessThan(-0.3);
    expect(score('Order arrived =)')).toBeGreaterThan(0.3);
    expect(score('Order status at http://example.com/orders')).toBe(0);
  });

  it('knows customer-service complaints', () => {
    for (const text of [
      'Still waiting for my refund.',
      "I've been on hold for an hour.",
      'No one is responding to my emails.',
      'Worst customer service ever.',
      'The parcel was delayed and arrived broken.',
      'I have not received my order.',
      'It doesn\'t work.',
      'I want to cancel my subscription.',
      'This is a joke.',
    ]) {
      expect(score(text), text).toBeLessThan(-0.05);
    }
  });

  it('knows customer-service praise and fixed problems', () => {
    for (const text of ['Thanks for the quick help!', 'Issue resolved, thank you.', 'All sorted now, cheers.', 'The agent fixed the problem.', 'No problem at all.']) {
      expect(score(text), text).toBeGreaterThan(0.05);
    }
  });

  it('lets a "but" discount everything said before it, not just its own sentence', () => {
    expect(score('Love the design. Great phone. But the battery died within a week.')).toBeLessThan(-0.05);
  });

  it('does not count the good words of a question, but keeps the complaint in one', () => {
    expect(score('Can you help me?')).toBe(0);
    expect(score('Is the premium plan any good?')).toBe(0);
    expect(score('The premium plan is good.')).toBeGreaterThan(0.05);
    expect(score('Why is my order still broken?')).toBeLessThan(-0.05);
  });

  it("reads laughter at any length, eagerness, and skips HTML entities' letters", () => {
    expect(score('ahahahaha')).toBeGreaterThan(0.05);
    expect(score("Can't wait to get it!")).toBeGreaterThan(0.05);
    expect(score("I can't wait any longer.")).toBeLessThan(-0.05);
    // "&gt;" is split into "&" "gt" ";" and "gt" is chat for "great" in VADER's lexicon
    expect(score('Order 5 &gt; order 4')).toBe(0);
  });

  it('reads "like" after a verb\'s object as a comparison, not as liking', () => {
    expect(score('They treat customers like garbage.')).toBeLessThan(-0.05);
    expect(score('Customers like the new app.')).toBeGreaterThan(0.05);
    expect(score('I think customers like the new app.')).toBeGreaterThan(0.05);
  });

  it('treats requests and support-channel names as neutral', () => {
    expect(score('I would like to change my address, please.')).toBe(0);
    expect(score('I called customer support about my gift card.')).toBe(0);
  });
});

describe('rapport eval sentiment', () => {
  const tweets = '../shared/data/vader-groundtruth/tweets_GroundTruth.txt';

  it('reports confusion matrices, the peers side by side, and our pooled macro-F1', async () => {
    const report = await evaluate([tweets], { compare: true });
    expect(report.body).toContain('confusion matrix');
    expect(report.body).toContain('side by side');
    expect(report.body).toContain('VADER (vader-sentiment)');
    expect(report.macroF1).toBeGreaterThan(0);
  });

  it("beats AFINN and VADER on VADER's human-rated tweets", async () => {
    const { files } = await compareOnGroundTruth([tweets], true);
    const [ours, afinn, vader] = files[0]!.tools.map((t) => t.metrics.macroF1);
    expect(ours).toBeGreaterThan(afinn!);
    expect(ours).toBeGreaterThan(vader!);
  });
});
