// Advocacy class of one message: recommend | positive_no_rec | neutral | negative | incentivised.
import { z } from 'zod';
import { loadLexicon } from './lexicon.js';
import type { TextDoc } from './document.js';
import type { AdvocacyClass } from './types.js';
import type { Interaction } from '../schemas/interaction.js';

const AdvocacyLexiconSchema = z.object({
  /** cue group -> wink patterns; groups are read by classifyAdvocacy. */
  cues: z.record(z.string(), z.array(z.string()).min(1)),
});
export type AdvocacyLexicon = z.output<typeof AdvocacyLexiconSchema>;

let lexicon: AdvocacyLexicon | undefined;
export function advocacyLexicon(): AdvocacyLexicon {
  return (lexicon ??= loadLexicon('advocacy.json', AdvocacyLexiconSchema));
}

export function classifyAdvocacy(_doc: TextDoc, sentiment: number, _interaction?: Interaction): AdvocacyClass {
  return sentiment > 0.05 ? 'positive_no_rec' : sentiment < -0.05 ? 'negative' : 'neutral';
}
