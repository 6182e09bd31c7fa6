import { describe, expect, it } from 'vitest';
import { readTextDoc } from '../src/nlp/document.js';
import { detectDefection } from '../src/nlp/defection.js';
import { analyze } from '../src/nlp/analyze.js';
import { emptyState, fold } from '../src/profile/state.js';
import { derive } from '../src/profile/derive.js';
import { archetypeModel } from '../src/profile/archetype.js';
import { featureVector } from '../src/profile/archetype-features.js';

const phrases = (text: string) => detectDefection(readTextDoc(text)).map((e) => e.phrase);

function profileOf(texts: string[]) {
  const s = emptyState('c1');
  texts.forEach((text, i) => fold(s, analyze({ id: `m${i}`, customerId: 'c1', channel: 'social', timestamp: `2025-02-0${i + 1}T09:00:00Z`, text })));
  return { state: s, profile: derive(s) };
}

describe('defection statements', () => {
  it('finds the ways customers say they are leaving for good', () => {
    expect(phrases("@KestrelAir that's it, I'm never flying Kestrel Air again")).toEqual(['never flying Kestrel Air again']);
    expect(phrases("We won't be booking with you again.")).toEqual(["won't be booking with you again"]);
    expect(phrases('Congratulations, you just lost a loyal customer')).toEqual(['lost a loyal customer']);
    expect(phrases('This is the last time I shop at @Brewline. Never again!')).toEqual(['the last time I shop', 'Never again']);
  });

  it('leaves alone what only sounds like it', () => {
    expect(phrases('The last time I flew with you was lovely')).toEqual([]);
    expect(phrases('I lost my bag at the gate')).toEqual([]);
    expect(phrases('I never fly without my neck pillow')).toEqual([]);
    expect(phrases('Will I ever get my refund?')).toEqual([]);
  });
});

describe('risks in the brief', () => {
  it('warns of churn when a customer says they will not come back, with the phrase as evidence', () => {
    const { state, profile } = profileOf(['@KestrelAir flight delayed again', '@KestrelAir three hours on the tarmac. Never flying with you again.']);
    expect(profile.risks).toContainEqual(expect.objectContaining({ kind: 'churn', level: 'high' }));
    expect(state.evidence.map((e) => e.phrase)).toContain('Never flying with you again');
  });

  it('raises no churn warning for a content customer', () => {
    const { profile } = profileOf(['@KestrelAir lovely crew today, thanks', '@KestrelAir can I add a bag to my booking?']);
    expect(profile.risks.filter((r) => r.kind === 'churn')).toEqual([]);
  });

  it('keeps defection out of the archetype model: the features do not move', () => {
    const model = archetypeModel();
    expect(model.signals).not.toContain('defection');
    const { state } = profileOf(['@KestrelAir flight delayed again, never flying with you again']);
    const without = { ...state, signals: { ...state.signals }, signalMsgs: { ...state.signalMsgs } };
    delete without.signals.defection;
    delete without.signalMsgs.defection;
    expect(featureVector(state, null, model.signals)).toEqual(featureVector(without, null, model.signals));
  });
});
