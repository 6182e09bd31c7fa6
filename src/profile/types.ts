// The profile of docs/data-formats.md: what derive() makes of a customer's state.
import type { EmotionScores, Emotion } from '../nlp/types.js';

export const ARCHETYPES = [
  'basic_exchange',
  'business_partner',
  'fling',
  'best_friend',
  'buddies',
  'master_servant',
  'adversarial',
] as const;
export type Archetype = (typeof ARCHETYPES)[number];
export const INSUFFICIENT = 'insufficient_evidence' as const;
export type ArchetypeLabel = Archetype | typeof INSUFFICIENT;

export interface ArchetypeResult {
  primary: ArchetypeLabel;
  /** calibrated probability that `primary` is right (for insufficient_evidence: that no type shows). */
  confidence: number;
  /** probability of every archetype (and insufficient_evidence), summing to 1. */
  scores: Record<string, number>;
  evidence: string[];
}

export type RecommenderTier = 'champion' | 'advocate' | 'potential' | 'none';

export interface RecommenderResult {
  score: number;
  tier: RecommenderTier;
  components: {
    frequency: number;
    recency: number;
    reach: number;
    love: number;
    advocacy: number;
  };
  /** raw facts behind the components, for the marketer. */
  facts: {
    posts: number;
    brandPosts: number;
    postsPer30d: number;
    daysSinceLastPost: number | null;
    meanReach: number;
    lovePerPost: number;
    organicRecommendations: number;
    incentivisedPosts: number;
    /** of the customer's messages with a view (positive: recommend or positive_no_rec; negative), the positive share */
    positiveShare: number;
    negativeMessages: number;
  };
}

export interface Playbook {
  label: string;
  wants: string;
  do: string[];
  dont: string[];
}

export interface SentimentSummary {
  mean: number;
  last: number;
  /** least-squares slope of sentiment over time, per 30 days. */
  trend: number;
  n: number;
}

export interface Reading {
  timestamp: string;
  channel: string;
  sentiment: number;
  emotion: Emotion | 'neutral';
}

export interface Behaviour {
  orders: number;
  revenue: number;
  returns: number;
  returnRate: number;
  purchasesPer30d: number;
  /** share of purchases of an item (sku) the customer had not bought before. */
  newItemShare: number;
  distinctCategories: number;
  firstPurchase: string | null;
  lastPurchase: string | null;
}

export interface Risk {
  kind: 'churn' | 'escalation' | 'complaint' | 'legal';
  level: 'low' | 'medium' | 'high';
  why: string;
}

export interface Profile {
  customerId: string;
  archetype: ArchetypeResult;
  playbook: Playbook | null;
  sentiment: SentimentSummary;
  emotions: EmotionScores;
  recent: Reading[];
  recommender: RecommenderResult;
  segments: Record<string, string>;
  behaviour: Behaviour | null;
  risks: Risk[];
  interactions: { total: number; byChannel: Record<string, number>; first: string | null; last: string | null };
  /** lexicon and model versions that produced this profile. */
  model: Record<string, string>;
  asOf: string;
}
