// Defection statements ("never flying with you again", "you just lost a customer"): a churn warning for
// the brief, matched on the token sequence of the text with lexicons/defection.json. Kept apart from the
// relational signals on purpose (see the lexicon's origin): this is not archetype evidence, and it is
// matched outside wink's pattern engine so that it never takes a span from another lexicon's cue.
import { z } from 'zod';
import { loadLexicon } from './lexicon.js';
import { patternSlots } from './cue-compiler.js';
import { readTextDoc, type TextDoc } from './document.js';
import type { Evidence } from './types.js';

const DefectionLexiconSchema = z.object({ patterns: z.array(z.string().min(1)).min(1) });

/** A pattern slot's alternatives, each a token sequence in wink's normal form; [] skips the slot, [ANY] takes any name-like token. */
type Slot = string[][];
const ANY = 'ANY';
const ANY_TYPES = new Set(['word', 'mention', 'hashtag']);

/** The patterns by the tokens a match can start with; `always` holds those that can start anywhere (ANY first). */
interface PatternIndex {
  byFirst: Map<string, Slot[][]>;
  always: Slot[][];
}

/** The tokens a match of `slots` can start with, or null when it can start with any token. */
function firstTokens(slots: Slot[]): Set<string> | null {
  const first = new Set<string>();
  for (const slot of slots) {
    let optional = false;
    for (const alt of slot) {
      if (alt.length === 0) optional = true;
      else if (alt[0] === ANY) return null;
      else first.add(alt[0] as string);
    }
    if (!optional) return first;
  }
  return null;
}

let compiled: PatternIndex | undefined;
function patterns(): PatternIndex {
  if (compiled) return compiled;
  // alternatives are tokenized as the texts they are matched against ("won't" -> "will not")
  const tokenize = (phrase: string) => readTextDoc(phrase).normal;
  const index: PatternIndex = { byFirst: new Map(), always: [] };
  for (const p of loadLexicon('defection.json', DefectionLexiconSchema).patterns) {
    const slots = patternSlots(p, tokenize);
    const first = firstTokens(slots);
    if (!first) index.always.push(slots);
    else for (const t of first) index.byFirst.set(t, [...(index.byFirst.get(t) ?? []), slots]);
  }
  return (compiled = index);
}

/** The furthest end index (inclusive) of a match of slots[k..] starting at token i, or -1. Matches stay inside one sentence. */
function matchAt(doc: TextDoc, slots: Slot[], k: number, i: number, sentence: number): number {
  if (k === slots.length) return i - 1;
  let best = -1;
  for (const alt of slots[k] as Slot) {
    let j = i;
    const fits = alt.every((token) => {
      const ok = j < doc.normal.length && doc.sentence[j] === sentence && (token === ANY ? ANY_TYPES.has(doc.type[j] as string) : doc.normal[j] === token);
      j++;
      return ok;
    });
    if (fits) best = Math.max(best, matchAt(doc, slots, k + 1, j, sentence));
  }
  return best;
}

/** The defection statements of one text, as evidence phrases (signal `defection`). */
export function detectDefection(doc: TextDoc): Evidence[] {
  const out: Evidence[] = [];
  const { byFirst, always } = patterns();
  const furthest = (list: readonly Slot[][] | undefined, i: number, end: number) => {
    if (list) for (const slots of list) end = Math.max(end, matchAt(doc, slots, 0, i, doc.sentence[i] as number));
    return end;
  };
  for (let i = 0; i < doc.normal.length; i++) {
    // only the patterns that can start on this token are tried: the text is read once, not once a pattern
    const end = furthest(always, i, furthest(byFirst.get(doc.normal[i] as string), i, -1));
    if (end < 0) continue;
    // "won't be flying ..." starts on the "not" of "won't": show the whole word
    const start = doc.normal[i] === 'not' && i > 0 && doc.sentence[i - 1] === doc.sentence[i] ? i - 1 : i;
    out.push({ signal: 'defection', phrase: doc.phrase(start, end).replace(/\s+/g, ' ').trim() });
    i = end;
  }
  return out;
}
