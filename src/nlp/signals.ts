// Relational signals: cue sets from lexicons/signals.json, matched by wink patterns, negation-aware.
import { z } from 'zod';
import { loadLexicon } from './lexicon.js';
import type { TextDoc } from './document.js';
import type { Evidence } from './types.js';

const SignalLexiconSchema = z.object({
  signals: z.record(
    z.string(),
    z.object({
      label: z.string(),
      patterns: z.array(z.string()).min(1),
      /** when negated, the cue counts toward this signal instead (e.g. "not happy" -> dissatisfaction). */
      negatedAs: z.string().optional(),
      weight: z.number().positive().default(1),
    }),
  ),
});
export type SignalLexicon = z.output<typeof SignalLexiconSchema>;

let lexicon: SignalLexicon | undefined;
export function signalLexicon(): SignalLexicon {
  return (lexicon ??= loadLexicon('signals.json', SignalLexiconSchema));
}

export interface SignalResult {
  signals: Record<string, number>;
  evidence: Evidence[];
}

export function detectSignals(_doc: TextDoc): SignalResult {
  return { signals: {}, evidence: [] };
}
