// Gathers the cue patterns of every cue lexicon, compiled for wink, so one readDoc finds all cues.
import type { CustomEntityExample } from 'wink-nlp';
import { signalLexicon } from './signals.js';
import { advocacyLexicon } from './advocacy.js';
import { compilePattern, type Tokenize } from './cue-compiler.js';

export function cuePatterns(tokenize: Tokenize): CustomEntityExample[] {
  const compile = (patterns: string[]) => [...new Set(patterns.flatMap((p) => compilePattern(p, tokenize)))];
  const out: CustomEntityExample[] = [];
  for (const [id, def] of Object.entries(signalLexicon().signals)) if (def.patterns.length) out.push({ name: `signal:${id}`, patterns: compile(def.patterns) });
  for (const [id, patterns] of Object.entries(advocacyLexicon().cues)) out.push({ name: `advocacy:${id}`, patterns: compile(patterns) });
  return out;
}
