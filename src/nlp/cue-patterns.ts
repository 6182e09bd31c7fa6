// Gathers the wink custom-entity patterns of every cue lexicon, so one readDoc finds all cues.
import type { CustomEntityExample } from 'wink-nlp';
import { signalLexicon } from './signals.js';
import { advocacyLexicon } from './advocacy.js';

export function cuePatterns(): CustomEntityExample[] {
  const out: CustomEntityExample[] = [];
  for (const [id, def] of Object.entries(signalLexicon().signals)) out.push({ name: `signal:${id}`, patterns: def.patterns });
  for (const [id, patterns] of Object.entries(advocacyLexicon().cues)) out.push({ name: `advocacy:${id}`, patterns });
  return out;
}
