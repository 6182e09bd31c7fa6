// Is a message in English? The lexicons and models are English, so a message in another language gives
// no relational evidence: read by them, Spanish "con" is a con and French "plus" an intensifier. A
// message counts as English unless it has enough words and another language's function words outnumber
// English ones in it (at least two of them) (stop-word language identification; word lists in lexicons/function-words.json).
import { z } from 'zod';
import { loadLexicon } from './lexicon.js';
import type { TextDoc } from './document.js';

const FunctionWordsSchema = z.object({
  /** fewer words than this: too short to tell, taken as English */
  minWords: z.number().int().min(1),
  /** another language needs at least this many function-word hits: one shared word is not evidence */
  minHits: z.number().int().min(1),
  /** language code -> its most frequent function words (lower case); must include `en` */
  languages: z.record(z.string(), z.array(z.string()).min(1)).refine((l) => 'en' in l, 'languages must include "en"'),
});

interface Table {
  minWords: number;
  minHits: number;
  codes: string[];
  english: number;
  /** word -> indexes into codes of the languages it is a function word of */
  byWord: Map<string, number[]>;
}

let table: Table | undefined;

function functionWords(): Table {
  if (table) return table;
  const lexicon = loadLexicon('function-words.json', FunctionWordsSchema);
  const codes = Object.keys(lexicon.languages);
  const byWord = new Map<string, number[]>();
  codes.forEach((code, k) => {
    for (const w of new Set(lexicon.languages[code])) byWord.set(w, [...(byWord.get(w) ?? []), k]);
  });
  return (table = { minWords: lexicon.minWords, minHits: lexicon.minHits, codes, english: codes.indexOf('en'), byWord });
}

let counts = new Int32Array(0);

/**
 * The message's language code: `en`, or the code of the language whose function words it uses most.
 * `words`: the doc's word tokens, as the caller counted them.
 */
export function messageLanguage(doc: TextDoc, words: number): string {
  const t = functionWords();
  if (words < t.minWords) return 'en';
  if (counts.length < t.codes.length) counts = new Int32Array(t.codes.length);
  counts.fill(0);
  for (let i = 0; i < doc.type.length; i++) {
    if (doc.type[i] !== 'word') continue;
    const hit = t.byWord.get(doc.normal[i] as string);
    if (hit) for (const k of hit) counts[k]!++;
  }
  let best = t.english;
  // ties go to English: only a clear majority of another language's function words moves a message
  for (let k = 0; k < t.codes.length; k++) if (counts[k]! > counts[best]! && counts[k]! >= t.minHits) best = k;
  return t.codes[best] as string;
}
