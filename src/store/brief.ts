// The brief: what an agent sees before contact, cut from a profile (pure; stored beside the profile).
import { EMOTIONS } from '../nlp/types.js';
import type { Profile } from '../profile/types.js';

export interface Brief {
  customerId: string;
  archetype: { primary: string; label: string | null; confidence: number };
  playbook: { wants: string; do: string[]; dont: string[] } | null;
  sentiment: { mean: number; last: number; trend: number; direction: 'improving' | 'worsening' | 'steady' };
  emotions: { top: { emotion: string; share: number }[]; recent: { timestamp: string; channel: string; sentiment: number; emotion: string }[] };
  risks: Profile['risks'];
  recommender: { score: number; tier: string };
  segments: Record<string, string>;
  evidence: string[];
  interactions: { total: number; last: string | null };
  asOf: string;
}

const TREND_STEP = 0.05;

export function briefOf(p: Profile): Brief {
  const top = EMOTIONS.map((e) => ({ emotion: e, share: p.emotions[e] }))
    .filter((x) => x.share > 0)
    .sort((a, b) => b.share - a.share || (a.emotion < b.emotion ? -1 : 1))
    .slice(0, 3);
  const t = p.sentiment.trend;
  return {
    customerId: p.customerId,
    archetype: { primary: p.archetype.primary, label: p.playbook?.label ?? null, confidence: p.archetype.confidence },
    playbook: p.playbook ? { wants: p.playbook.wants, do: p.playbook.do, dont: p.playbook.dont } : null,
    sentiment: { mean: p.sentiment.mean, last: p.sentiment.last, trend: t, direction: t > TREND_STEP ? 'improving' : t < -TREND_STEP ? 'worsening' : 'steady' },
    emotions: { top, recent: p.recent },
    risks: p.risks,
    recommender: { score: p.recommender.score, tier: p.recommender.tier },
    segments: p.segments,
    // evidence phrases come out of analysis already redacted
    evidence: p.archetype.evidence.slice(0, 5),
    interactions: { total: p.interactions.total, last: p.interactions.last },
    asOf: p.asOf,
  };
}
