// Defection statements ("never flying with you again", "you just lost a customer"): a churn warning for
// the brief, matched on the token sequence of the text with lexicons/defection.json. Kept apart from the
// relational signals on purpose (see the lexicon's origin): this is not archetype evidence, and it is
// matched outside wink's pattern engine so that it never takes a span from another lexicon's cue.
import { z } from 'zod';
import { loadLexicon } from './lexicon.js';
import type { TextDoc } from './document.js';
import type { Evidence } from './types.js';

const DefectionLexiconSchema = z.object({ patterns: z.array(z.string().min(1)).min(1) });

/** One slot of a pattern: the words it accepts, whether it may be skipped, or any name-like token. */
interface Slot {
  words: Set<string>;
  optional: boolean;
  any: boolean;
}

const ANY_TYPES = new Set(['word', 'mention', 'hashtag']);

export function compileDefection(pattern: string): Slot[] {
  return pattern
    .trim()
    .split(/\s+/)
    .map((slot) => {
      if (slot === '*') return { words: new Set<string>(), optional: false, any: true };
      const alts = slot.startsWith('[') && slot.endsWith(']') ? slot.slice(1, -1).split('|') : [slot];
      return { words: new Set(alts.filter(Boolean).map((w) => w.toLowerCase())), optional: alts.includes(''), any: false };
    });
}

let compiled: Slot[][] | undefined;
function patterns(): Slot[][] {
  return (compiled ??= loadLexicon('defection.json', DefectionLexiconSchema).patterns.map(compileDefection));
}

/** End index (inclusive) of a match of `slots` starting at token i, or -1. Matches stay inside one sentence. */
function matchAt(doc: TextDoc, slots: Slot[], k: number, i: number, sentence: number): number {
  if (k === slots.length) return i - 1;
  const slot = slots[k] as Slot;
  if (slot.optional) {
    const skipped = matchAt(doc, slots, k + 1, i, sentence);
    if (skipped >= 0) return skipped;
  }
  if (i >= doc.normal.length || doc.sentence[i] !== sentence) return -1;
  const ok = slot.any ? ANY_TYPES.has(doc.type[i] as string) : slot.words.has(doc.normal[i] as string);
  return ok ? matchAt(doc, slots, k + 1, i + 1, sentence) : -1;
}

/** The defection statements of one text, as evidence phrases (signal `defection`). */
export function detectDefection(doc: TextDoc): Evidence[] {
  const out: Evidence[] = [];
  const list = patterns();
  for (let i = 0; i < doc.normal.length; i++) {
    let end = -1;
    for (const slots of list) end = Math.max(end, matchAt(doc, slots, 0, i, doc.sentence[i] as number));
    if (end < 0) continue;
    // "won't be flying ..." starts on the "not" of "won't": show the whole word
    const start = doc.normal[i] === 'not' && i > 0 && doc.sentence[i - 1] === doc.sentence[i] ? i - 1 : i;
    out.push({ signal: 'defection', phrase: doc.phrase(start, end).replace(/\s+/g, ' ').trim() });
    i = end;
  }
  return out;
}
