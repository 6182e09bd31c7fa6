// What the text-derived segmenters (engagement, needs, matrix, clusters) read from a customer's
// interactions: a small flat record taken from CustomerState and the derived Profile, so those
// segmenters do not depend on the state's internals.
import type { CustomerState } from '../profile/state.js';
import type { Profile } from '../profile/types.js';

export interface TextFacts {
  interactions: number;
  byChannel: Record<string, number>;
  /** ISO time of the last interaction per channel */
  lastByChannel: Record<string, string>;
  first: string | null;
  /** signal id -> messages carrying it */
  signalMsgs: Record<string, number>;
  archetype: string;
  recommenderScore: number;
  sentimentMean: number;
}

export function textFactsOf(state: CustomerState, profile: Profile): TextFacts {
  return {
    interactions: state.n,
    byChannel: { ...state.channels },
    lastByChannel: { ...state.channelLast },
    first: state.first,
    signalMsgs: cueSignals(state.signalMsgs),
    archetype: profile.archetype.primary,
    recommenderScore: profile.recommender.score,
    sentimentMean: profile.sentiment.mean,
  };
}

/** Only the relational cue signals: the needs segmenter reads those, and the derived ones (semantic_*,
 * style_*, lexical_*) would triple the copy kept for every customer of the base. */
function cueSignals(msgs: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k in msgs) if (!/^(semantic|style|lexical)_/.test(k)) out[k] = msgs[k] as number;
  return out;
}
