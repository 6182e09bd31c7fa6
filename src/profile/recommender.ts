// Recommender score 0..100: how strongly a customer recommends the brand in public.
// Five components, each 0..1 through a saturating transform so no single viral post dominates:
//   frequency  brand posts per 30 days over the active span     1 - exp(-rate / frequencyScale)
//   recency    days since the last brand post                   2^(-days / recencyHalfLifeDays)
//   reach      mean people reached per post                     log(1 + reach) / log(1 + reachScale), capped at 1
//   love       likes + 2*shares + comments per post             log(1 + love) / log(1 + loveScale), capped at 1
//   advocacy   organic public recommendations (incentivised excluded)   1 - exp(-recommendations / advocacyScale)
// score = 100 * sum(weight_i * component_i) / sum(weights). Tiers need organic advocacy, not just noise:
// champion and advocate need organic recommendations; potential (a likely recommender) needs the customer's
// messages that carry a view to lean positive, since posting often about a brand is what its loudest
// critics do too.
import { z } from 'zod';
import type { CustomerState } from './state.js';
import type { RecommenderResult, RecommenderTier } from './types.js';

export const RecommenderConfigSchema = z
  .object({
    weights: z
      .object({
        frequency: z.number().min(0).default(0.2),
        recency: z.number().min(0).default(0.15),
        reach: z.number().min(0).default(0.2),
        love: z.number().min(0).default(0.15),
        advocacy: z.number().min(0).default(0.3),
      })
      .default({ frequency: 0.2, recency: 0.15, reach: 0.2, love: 0.15, advocacy: 0.3 }),
    frequencyScale: z.number().positive().default(2),
    recencyHalfLifeDays: z.number().positive().default(30),
    reachScale: z.number().positive().default(10_000),
    loveScale: z.number().positive().default(200),
    advocacyScale: z.number().positive().default(1.5),
    /** minimum score for each tier; champion and advocate also need organic recommendations */
    tiers: z
      .object({
        champion: z.number().min(0).max(100).default(60),
        advocate: z.number().min(0).max(100).default(40),
        potential: z.number().min(0).max(100).default(15),
      })
      .default({ champion: 60, advocate: 40, potential: 15 }),
    championMinRecommendations: z.number().int().min(0).default(2),
    advocateMinRecommendations: z.number().int().min(0).default(1),
    /** "potential" needs at least this share of the customer's messages with a view (positive: recommend or positive_no_rec; or negative) to be positive */
    potentialMinPositiveShare: z.number().min(0).max(1).default(0.6),
  })
  .refine((c) => c.tiers.champion >= c.tiers.advocate && c.tiers.advocate >= c.tiers.potential, {
    message: 'tier thresholds must satisfy champion >= advocate >= potential',
    path: ['tiers'],
  });
export type RecommenderConfig = z.output<typeof RecommenderConfigSchema>;
export const DEFAULT_RECOMMENDER_CONFIG: RecommenderConfig = RecommenderConfigSchema.parse({});

const DAY = 86_400_000;
const logScale = (x: number, scale: number) => Math.min(1, Math.log1p(Math.max(0, x)) / Math.log1p(scale));
const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function scoreRecommender(state: CustomerState, asOf: Date, config: RecommenderConfig = DEFAULT_RECOMMENDER_CONFIG): RecommenderResult {
  const s = state.social;
  const posts = s.brandPosts;
  const spanDays = state.first && state.last ? Math.max(30, (Date.parse(state.last) - Date.parse(state.first)) / DAY) : 30;
  const postsPer30d = (posts / spanDays) * 30;
  const daysSinceLastPost = s.last ? Math.max(0, (asOf.getTime() - Date.parse(s.last)) / DAY) : null;
  const meanReach = s.posts ? s.reach / s.posts : 0;
  const lovePerPost = s.posts ? (s.likes + 2 * s.shares + s.comments) / s.posts : 0;
  const components = {
    frequency: 1 - Math.exp(-postsPer30d / config.frequencyScale),
    recency: daysSinceLastPost === null ? 0 : 2 ** (-daysSinceLastPost / config.recencyHalfLifeDays),
    reach: logScale(meanReach, config.reachScale),
    love: logScale(lovePerPost, config.loveScale),
    advocacy: 1 - Math.exp(-s.organicRecommend / config.advocacyScale),
  };
  const w = config.weights;
  const totalWeight = w.frequency + w.recency + w.reach + w.love + w.advocacy || 1;
  const score =
    (100 *
      (w.frequency * components.frequency +
        w.recency * components.recency +
        w.reach * components.reach +
        w.love * components.love +
        w.advocacy * components.advocacy)) /
    totalWeight;
  const positive = (state.advocacy.recommend ?? 0) + (state.advocacy.positive_no_rec ?? 0);
  const negative = state.advocacy.negative ?? 0;
  const positiveShare = positive + negative ? positive / (positive + negative) : 0;
  let tier: RecommenderTier = 'none';
  if (score >= config.tiers.champion && s.organicRecommend >= config.championMinRecommendations) tier = 'champion';
  else if (score >= config.tiers.advocate && s.organicRecommend >= config.advocateMinRecommendations) tier = 'advocate';
  else if (score >= config.tiers.potential && posts > 0 && positive > 0 && positiveShare >= config.potentialMinPositiveShare) tier = 'potential';
  return {
    score: Math.round(score * 10) / 10,
    tier,
    components: {
      frequency: r3(components.frequency),
      recency: r3(components.recency),
      reach: r3(components.reach),
      love: r3(components.love),
      advocacy: r3(components.advocacy),
    },
    facts: {
      posts: s.posts,
      brandPosts: posts,
      postsPer30d: r3(postsPer30d),
      daysSinceLastPost: daysSinceLastPost === null ? null : Math.round(daysSinceLastPost),
      meanReach: Math.round(meanReach),
      lovePerPost: r3(lovePerPost),
      organicRecommendations: s.organicRecommend,
      incentivisedPosts: s.incentivised,
      positiveShare: r3(positiveShare),
      negativeMessages: negative,
    },
  };
}
