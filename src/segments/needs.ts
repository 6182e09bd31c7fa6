// Needs / benefit segment from what customers write (relational signals of lexicons/signals.json).
// A need's strength = share of the customer's messages carrying any of its signals; a need holds at
// strength >= 0.2. Default signal sets (configurable; the lexicon has no dedicated quality cue, so
// quality-seeking reads critique and suggestions: customers who care how the product works):
//   price_sensitive  price_value
//   quality_seeking  constructive_critique, suggestion_idea
//   convenience      reliability_expectation, routine_request, urgency
//   support_heavy    dissatisfaction, escalation, or support contacts (email, chat, call) >= 3 and at
//                    least one per two orders (customers without orders count from 3 contacts)
// Label: the strongest need (support_heavy at strength 1 when it holds by contacts), "none_detected"
// when none holds, "unknown" without interactions. `needs` lists every need that holds.
import type { TextFacts } from './text-facts.js';

export const NEEDS = ['price_sensitive', 'quality_seeking', 'convenience', 'support_heavy'] as const;
export type Need = (typeof NEEDS)[number];

export interface NeedsConfig {
  signals: Record<Need, readonly string[]>;
  threshold: number;
  supportChannels: readonly string[];
}

export const DEFAULT_NEEDS_CONFIG: NeedsConfig = {
  signals: {
    price_sensitive: ['price_value'],
    quality_seeking: ['constructive_critique', 'suggestion_idea'],
    convenience: ['reliability_expectation', 'routine_request', 'urgency'],
    support_heavy: ['dissatisfaction', 'escalation'],
  },
  threshold: 0.2,
  supportChannels: ['email', 'chat', 'call_note'],
};

export interface Needs {
  strengths: Record<Need, number>;
  needs: Need[];
  label: string;
}

export function needs(facts: TextFacts | undefined, orders: number, config: NeedsConfig = DEFAULT_NEEDS_CONFIG): Needs {
  const strengths = { price_sensitive: 0, quality_seeking: 0, convenience: 0, support_heavy: 0 } as Record<Need, number>;
  if (!facts || facts.interactions === 0) return { strengths, needs: [], label: 'unknown' };
  for (const need of NEEDS) {
    // a message may carry several signals of one need: the share is capped at 1
    let msgs = 0;
    for (const s of config.signals[need]) msgs += facts.signalMsgs[s] ?? 0;
    strengths[need] = Math.min(1, msgs / facts.interactions);
  }
  let support = 0;
  for (const ch of config.supportChannels) support += facts.byChannel[ch] ?? 0;
  if (support >= 3 && (orders === 0 || support / orders >= 0.5)) strengths.support_heavy = 1;
  const held = NEEDS.filter((n) => strengths[n] >= config.threshold);
  let label = 'none_detected';
  for (const n of held) if (label === 'none_detected' || strengths[n] > strengths[label as Need]) label = n;
  return { strengths, needs: held, label };
}
