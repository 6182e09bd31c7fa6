// derive(): CustomerState (+ attributes, transactions) -> Profile. Pure, so a profile can always be rebuilt.
import type { Customer } from '../schemas/customer.js';
import type { Transaction } from '../schemas/transaction.js';
import { EMOTIONS, zeroEmotions, type EmotionScores } from '../nlp/types.js';
import type { CustomerState } from './state.js';
import type { Profile, SentimentSummary } from './types.js';
import { classifyArchetype } from './archetype.js';
import { scoreRecommender, DEFAULT_RECOMMENDER_CONFIG, type RecommenderConfig } from './recommender.js';
import { playbookFor } from './playbook.js';
import { behaviourOf } from './behaviour.js';
import { risksOf } from './risks.js';
import { modelVersions } from './versions.js';

export interface DeriveOptions {
  /** the moment recency is measured from; defaults to the customer's last interaction. */
  asOf?: Date;
  recommender?: RecommenderConfig;
  /** classic segments computed over the whole customer base (segments/). */
  segments?: Record<string, string>;
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

export function sentimentSummary(s: CustomerState): SentimentSummary {
  if (s.n === 0) return { mean: 0, last: 0, trend: 0, n: 0 };
  const mean = s.sSum / s.n;
  // least-squares slope of sentiment on time: cov(t, s) / var(t)
  const varT = s.tSq / s.n - (s.tSum / s.n) ** 2;
  const covTS = s.stSum / s.n - (s.tSum / s.n) * mean;
  const trend = s.n >= 2 && varT > 1e-9 ? covTS / varT : 0;
  return { mean: round(mean), last: round(s.recent[0]?.sentiment ?? 0), trend: round(Math.max(-2, Math.min(2, trend))), n: s.n };
}

export function emotionShares(s: CustomerState): EmotionScores {
  const total = s.emotions.reduce((a, b) => a + b, 0);
  const out = zeroEmotions();
  if (total <= 0) return out;
  EMOTIONS.forEach((e, i) => (out[e] = round((s.emotions[i] ?? 0) / total)));
  return out;
}

export function derive(
  state: CustomerState,
  customer?: Customer,
  transactions?: readonly Transaction[],
  options: DeriveOptions = {},
): Profile {
  const asOf = options.asOf ?? (state.last ? new Date(state.last) : new Date(0));
  const behaviour = transactions && transactions.length ? behaviourOf(transactions) : null;
  const archetype = classifyArchetype(state, behaviour, customer);
  const sentiment = sentimentSummary(state);
  const recommender = scoreRecommender(state, asOf, options.recommender ?? DEFAULT_RECOMMENDER_CONFIG);
  return {
    customerId: state.customerId,
    archetype,
    playbook: playbookFor(archetype.primary),
    sentiment,
    emotions: emotionShares(state),
    recent: state.recent.map(({ timestamp, channel, sentiment: s, emotion }) => ({ timestamp, channel, sentiment: round(s), emotion })),
    recommender,
    segments: options.segments ?? {},
    behaviour,
    risks: risksOf(state, sentiment, archetype),
    interactions: { total: state.n, byChannel: { ...state.channels }, first: state.first, last: state.last },
    model: { ...modelVersions() },
    asOf: asOf.toISOString(),
  };
}
