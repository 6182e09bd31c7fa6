import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, predict, scoreAdvocacy } from '../src/eval/advocacy.js';
import type { Channel } from '../src/schemas/interaction.js';

const SET = 'test/data/advocacy-posts.ndjson';
const classify = (text: string, channel?: Channel) => predict({ text, channel });

describe('eval advocacy on the labelled set (test split)', () => {
  it('finds organic recommendations (recommend F1 >= 0.85) and never passes a paid post off as one', async () => {
    const score = await scoreAdvocacy([SET]);
    const rec = score.metrics.perClass.find((c) => c.label === 'recommend');
    expect(score.skipped).toBeGreaterThan(0); // the dev split is not scored
    expect(rec?.support).toBeGreaterThanOrEqual(40);
    expect(rec?.f1).toBeGreaterThanOrEqual(0.85);
    expect(score.incentivisedAsRecommend).toBe(0);
  });

  it('reports the confusion matrix, the recommend F1 and macro-F1 over the five classes', async () => {
    const report = await evaluate([SET], {});
    expect(report.body).toContain('confusion matrix');
    expect(report.body).toMatch(/recommend: precision [\d.]+ recall [\d.]+ F1 [\d.]+/);
    expect(report.body).not.toContain('use my code'); // post text stays out of the report
    const score = await scoreAdvocacy([SET]);
    const f1s = score.metrics.perClass.map((c) => c.f1);
    expect(f1s).toHaveLength(5);
    expect(report.macroF1).toBeCloseTo(f1s.reduce((a, b) => a + b, 0) / 5, 10);
  });

  it('reads CSV, scores every row when there is no split, and names the bad line and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-adv-'));
    const good = join(dir, 'posts.csv');
    writeFileSync(good, 'id,channel,text,label\n1,social,"Highly recommend Brewline, go get one",recommend\n2,,Where is my parcel?,neutral\n');
    const score = await scoreAdvocacy([good]);
    expect(score.metrics.n).toBe(2);
    expect(score.skipped).toBe(0);
    const bad = join(dir, 'bad.ndjson');
    writeFileSync(bad, '{"text":"fine","label":"neutral"}\n{"text":"hm","label":"promoter"}\n');
    await expect(scoreAdvocacy([bad])).rejects.toThrow(/line 2: label/);
  });
});

describe('classifyAdvocacy: negation', () => {
  it('reads negated recommendations as negative', () => {
    expect(classify('I would not recommend Kestrel Air to anyone.')).toBe('negative');
    expect(classify("Wouldn't recommend the Atlas desk, motor died in a week")).toBe('negative');
    expect(classify("Don't buy the Arcbook. Screen died after a month")).toBe('negative');
    expect(classify("Can't recommend Orbit Mobile, no signal outside town")).toBe('negative');
  });

  it("keeps praise that only looks negated: can't recommend enough, won't regret it", () => {
    expect(classify("Can't recommend Riverbend Vets highly enough!")).toBe('recommend');
    expect(classify("Cannot say enough good things about Petal & Stem")).toBe('recommend');
    expect(classify("Go with Brightside Removals, you won't regret it")).toBe('recommend');
  });

  it('reads sarcastic recommendations as negative', () => {
    expect(classify('Highly recommend Swiftship if you enjoy waiting 3 weeks for a parcel')).toBe('negative');
    expect(classify('Thanks for nothing @GlowLab, still no order')).toBe('negative');
  });

  it('does not take requests for, reports of, or advice with "recommend" as a recommendation', () => {
    expect(classify('Can anyone recommend a good accountant in Bristol?')).toBe('neutral');
    expect(classify('I would recommend that you update the FAQ page, the delivery times are out of date.', 'email')).not.toBe('recommend');
    expect(classify('Would you recommend the Sonik X3 for running?')).not.toBe('recommend');
  });
});

describe('classifyAdvocacy: incentives', () => {
  it('marks paid, gifted, affiliate and giveaway posts as incentivised even when they recommend', () => {
    expect(classify('Highly recommend the Corva mattress! Use my code CORVA20 for 20% off')).toBe('incentivised');
    expect(classify('Loving these trainers for my morning runs #ad')).toBe('incentivised');
    expect(classify('You should all try Flickbox, sign up with my referral link in bio')).toBe('incentivised');
    expect(classify('GIVEAWAY! Win a Kiln air fryer, follow and tag a friend to enter')).toBe('incentivised');
    expect(classify('Ad | the best headphones I have owned, go get them')).toBe('incentivised');
    expect(classify('Thanks @MossSkincare for the PR package, obsessed #gifted')).toBe('incentivised');
  });

  it('lets an explicit "not sponsored" post be organic advocacy', () => {
    expect(classify('Not sponsored, I just love it: highly recommend the Halden jacket')).toBe('recommend');
  });

  it('does not call a customer talking about a code in a private chat an incentivised post', () => {
    expect(classify('My discount code is not working at checkout, can you help?', 'chat')).not.toBe('incentivised');
    expect(classify('I have recommended you to three colleagues and sent them my referral link', 'chat')).toBe('incentivised');
  });

  // What customers tweet at a brand's support account (real-text check: test/data/advocacy-real). These
  // sentences are written for this test, in the shapes the real tweets showed.
  it('does not take advice or rebukes addressed to the company for recommendations', () => {
    expect(classify('@KestrelAir you should be ashamed, three hours on the tarmac')).toBe('negative');
    expect(classify('@KestrelAir you need to get better staff at gate 12')).not.toBe('recommend');
    expect(classify('@NimbusBank get it together, the app has been down all day')).toBe('negative');
    expect(classify('@NimbusBank just tell people when the outage will end')).not.toBe('recommend');
    expect(classify('@Fibrenet I recommend adding a callback option to your helpline')).not.toBe('recommend');
    expect(classify('You should try restarting the router first', 'chat')).not.toBe('recommend');
  });

  it('reads an imperative as a recommendation only in a text that names a brand or product', () => {
    expect(classify('Get a lawyer. Seriously, go to bed and get some rest.')).not.toBe('recommend');
    expect(classify('Just get the Dyra V8, pet hair is gone in one pass')).toBe('recommend');
    expect(classify('go get one from @BeanThere, best flat white in town')).toBe('recommend');
  });

  it('tells word of mouth for a brand from telling about someone else or about a bad experience', () => {
    expect(classify('The agent at the desk kept telling people the flight was full')).not.toBe('recommend');
    expect(classify('I will tell everyone I know about this horrible experience')).toBe('negative');
    expect(classify('@KestrelAir I always tell everyone to fly with you, best crew anywhere')).toBe('recommend');
    expect(classify('@KestrelAir @sam_r you should try their red-eye to Lisbon, so comfy')).toBe('recommend');
    expect(classify('Arrived two hours early as recommended and the queue was empty')).not.toBe('recommend');
  });

  it('does not call questions about a promotion, or a code in a support tweet, incentivised', () => {
    expect(classify('@KestrelAir is there a referral programme for the travel card?')).toBe('neutral');
    expect(classify('@Orbit_Mobile how do I win tickets for the concert?')).not.toBe('incentivised');
    expect(classify('@BeanThere my promo code expired last week, any new offers')).not.toBe('incentivised');
    expect(classify('@Orbit_Mobile is giving away 5 phones this week!! RT to enter')).toBe('incentivised');
    expect(classify('The captain was a wonderful ambassador for the airline')).not.toBe('incentivised');
  });

  it('reads plain praise without a recommendation as positive_no_rec, questions as neutral', () => {
    expect(classify('Loving my new Halden jacket, so warm')).toBe('positive_no_rec');
    expect(classify('Does anyone know if Trailmark ships to Canada?')).toBe('neutral');
  });
});
