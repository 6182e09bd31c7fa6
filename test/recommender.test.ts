import { describe, expect, it } from 'vitest';
import { emptyState, fold } from '../src/profile/state.js';
import { DEFAULT_RECOMMENDER_CONFIG, RecommenderConfigSchema, scoreRecommender } from '../src/profile/recommender.js';
import { EMOTIONS, type AdvocacyClass, type MessageAnalysis } from '../src/nlp/types.js';

const ASOF = new Date('2025-03-01T00:00:00Z');
const zero = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as MessageAnalysis['emotions'];

/** A customer's public posts about the brand, a few days apart, the last one a day before ASOF. */
function poster(id: string, classes: AdvocacyClass[], social: MessageAnalysis['social'] = { likes: 30, shares: 5, reach: 3000 }) {
  const s = emptyState(id);
  classes.forEach((advocacy, i) => {
    const day = 28 - (classes.length - 1 - i) * 3;
    fold(s, { id: `${id}-${i}`, customerId: id, channel: 'social', timestamp: `2025-02-${String(day).padStart(2, '0')}T12:00:00Z`, words: 12, sentiment: advocacy === 'negative' ? -0.6 : 0.5, emotions: zero, emotion: 'neutral', signals: {}, advocacy, evidence: [], social });
  });
  return s;
}

describe('recommender tiers', () => {
  it('makes a frequent poster with organic recommendations and reach a champion', () => {
    const r = scoreRecommender(poster('fan', ['recommend', 'recommend', 'positive_no_rec', 'recommend']), ASOF);
    expect(r.tier).toBe('champion');
    expect(r.facts.organicRecommendations).toBe(3);
  });

  it('calls a customer who posts warmly but has not recommended a potential recommender', () => {
    const r = scoreRecommender(poster('warm', ['positive_no_rec', 'positive_no_rec', 'neutral']), ASOF);
    expect(r.tier).toBe('potential');
    expect(r.facts.positiveShare).toBe(1); // the neutral question carries no view
  });

  it('never lists a loud critic as a likely recommender, however often and widely they post', () => {
    const r = scoreRecommender(poster('critic', ['negative', 'negative', 'negative', 'positive_no_rec', 'negative']), ASOF);
    expect(r.score).toBeGreaterThan(DEFAULT_RECOMMENDER_CONFIG.tiers.potential);
    expect(r.tier).toBe('none');
    expect(r.facts.negativeMessages).toBe(4);
  });

  it('does not count paid posts as advocacy', () => {
    const r = scoreRecommender(poster('paid', ['incentivised', 'incentivised', 'incentivised']), ASOF);
    expect(r.facts.organicRecommendations).toBe(0);
    expect(r.tier).not.toBe('champion');
    expect(r.tier).not.toBe('advocate');
  });

  it("follows the marketer's thresholds", () => {
    const mixed = poster('mixed', ['positive_no_rec', 'negative', 'positive_no_rec']);
    expect(scoreRecommender(mixed, ASOF).tier).toBe('potential'); // two views in three positive: above the default 0.6
    const strict = RecommenderConfigSchema.parse({ potentialMinPositiveShare: 0.8 });
    expect(scoreRecommender(mixed, ASOF, strict).tier).toBe('none');
    expect(scoreRecommender(poster('asks', ['neutral', 'neutral']), ASOF).tier).toBe('none'); // questions only: no view at all
    expect(() => RecommenderConfigSchema.parse({ potentialMinPositiveShare: 2 })).toThrow();
  });
});
