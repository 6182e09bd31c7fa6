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

const NEGATORS = new Set(['not', 'no', 'never', "n't", 'nor', 'without']);
const CONTEXT = 3;

/** Widens a cue span by a few words within its sentence, stopping at punctuation, for readable evidence. */
function contextSpan(doc: TextDoc, start: number, end: number): [number, number] {
  const s = doc.sentence[start];
  let a = start;
  let b = end;
  while (a > 0 && start - a < CONTEXT && doc.sentence[a - 1] === s && doc.type[a - 1] !== 'punctuation') a--;
  while (b < doc.normal.length - 1 && b - end < CONTEXT && doc.sentence[b + 1] === s && doc.type[b + 1] !== 'punctuation') b++;
  return [a, b];
}

/**
 * Relational signals of one text. A cue inside a negation scope ("I don't trust you") counts toward
 * its signal's `negatedAs` (here distrust) or not at all; cues that spell the negation themselves
 * ("can't wait") are taken as written. Style counts (exclamations, emoji, shouting) ride along as
 * `style_*` signals because the archetype model weighs them too.
 */
export function detectSignals(doc: TextDoc): SignalResult {
  const defs = signalLexicon().signals;
  const signals: Record<string, number> = {};
  const evidence: Evidence[] = [];
  for (const cue of doc.cues) {
    if (!cue.name.startsWith('signal:')) continue;
    const id = cue.name.slice(7);
    const def = defs[id];
    if (!def) continue;
    let inScope = false;
    let spellsNegation = false;
    for (let i = cue.start; i <= cue.end; i++) {
      if (doc.negated[i]) inScope = true;
      if (NEGATORS.has(doc.normal[i] as string)) spellsNegation = true;
    }
    const negated = inScope && !spellsNegation;
    const target = negated ? def.negatedAs : id;
    if (!target) continue;
    signals[target] = (signals[target] ?? 0) + (negated ? (defs[target]?.weight ?? 1) : def.weight);
    const [a, b] = contextSpan(doc, cue.start, cue.end);
    const phrase = doc.phrase(a, b).replace(/\s+/g, ' ');
    evidence.push(negated ? { signal: target, phrase, negated: true } : { signal: target, phrase });
  }
  let exclaim = 0;
  let emoji = 0;
  let caps = 0;
  for (let i = 0; i < doc.type.length; i++) {
    const t = doc.type[i];
    if (t === 'emoji' || t === 'emoticon') emoji++;
    else if (t === 'punctuation' && doc.normal[i] === '!') exclaim++;
    else if (t === 'word') {
      const v = doc.value[i] as string;
      // shouting, not acronyms (FAQ, VAT, LTE) or codes: five or more capital letters
      if (v.length >= 5 && /^[A-Z]+$/.test(v)) caps++;
    }
  }
  if (exclaim) signals.style_exclamation = exclaim;
  if (emoji) signals.style_emoji = emoji;
  if (caps) signals.style_caps = caps;
  return { signals, evidence };
}
