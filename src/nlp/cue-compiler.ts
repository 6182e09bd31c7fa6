// Compiles Rapport's cue-pattern syntax into plain wink-nlp custom-entity patterns.
// Our syntax is wink's, plus three conveniences that keep lexicons short and robust:
//   - an alternative may be several words: "[hip op|surgery]"; "[|very]" makes a slot optional;
//   - a word ending in * stands for its regular inflections: "fee*" -> fee, fees;
//   - every literal alternative is tokenized by wink itself, so "can't wait" becomes "can not wait",
//     exactly the normal forms wink matches against.
// UPPERCASE words (NOUN, ADJ, CARDINAL, DATE, ...) pass through as wink POS / entity tags; the
// tokenizer turns the entities a literal contains into their tags too (see document.ts patternTokens).
// A branch made of tags alone is dropped: it would match every number or date.

export type Tokenize = (phrase: string) => string[];

/** Regular English inflections of a word; over-generating is harmless (non-words never match). */
export function inflections(word: string): string[] {
  const out = new Set([word, `${word}s`]);
  const last = word.at(-1) ?? '';
  if (/(s|x|z|ch|sh)$/.test(word)) out.add(`${word}es`);
  // nouns by their suffix take plurals only; keeps the compiled automaton small. Only suffixes that
  // make no verbs: -ate, -ist, -ure and -ice do (escalate, insist, ensure, invoice), and lost their
  // past and -ing forms here until signals 1.4.0
  if (/(tion|sion|ment|ness|ity|ance|ence|ship|ipt)$/.test(word)) return [...out];
  if (last === 'y' && !/[aeiou]y$/.test(word)) {
    const stem = word.slice(0, -1);
    out.add(`${stem}ies`).add(`${stem}ied`);
  }
  if (last === 'e') {
    out.add(`${word}d`).add(`${word.slice(0, -1)}ing`);
  } else {
    out.add(`${word}ed`).add(`${word}ing`);
    // consonant-vowel-consonant: stop -> stopped, plan -> planned
    if (/[^aeiou][aeiou][bdgklmnprt]$/.test(word) && word.length <= 5) out.add(`${word}${last}ed`).add(`${word}${last}ing`);
  }
  return [...out];
}

const isTag = (w: string) => /^[A-Z]+$/.test(w);

/** Splits "a [b|c d] e" into slots: each slot a list of alternatives, each alternative a token list. */
export function patternSlots(pattern: string, tokenize: Tokenize): string[][][] {
  const result: string[][][] = [];
  const re = /\[([^\]]*)\]|(\S+)/g;
  for (const m of pattern.matchAll(re)) {
    const alternatives = m[1] !== undefined ? m[1].split('|') : [m[2] as string];
    const slot: string[][] = [];
    for (const alt of alternatives) {
      const words = alt.trim();
      if (!words) {
        slot.push([]);
        continue;
      }
      if (isTag(words)) {
        slot.push([words]);
        continue;
      }
      // inflect starred words first, then let wink tokenize each variant
      const starred = words.split(/\s+/);
      const variants = starred.reduce<string[]>(
        (acc, w) => acc.flatMap((prefix) => (w.endsWith('*') ? inflections(w.slice(0, -1).toLowerCase()) : [w]).map((v) => (prefix ? `${prefix} ${v}` : v))),
        [''],
      );
      for (const v of variants) slot.push(tokenize(v));
    }
    result.push(slot);
  }
  return result;
}

/**
 * Expands one pattern into wink patterns. Single-token alternatives of a slot stay one bracket;
 * each multi-token or empty alternative becomes its own branch.
 */
export function compilePattern(pattern: string, tokenize: Tokenize): string[] {
  let branches: string[][] = [[]];
  for (const slot of patternSlots(pattern, tokenize)) {
    // wink's bracket syntax takes plain words only; punctuated tokens ("re-issue") get their own branch
    const bracketable = (a: string[]) => a.length === 1 && /^[\p{L}\p{N}']+$/u.test(a[0] as string);
    const singles = [...new Set(slot.filter(bracketable).map((a) => a[0] as string))];
    const options: string[][] = [];
    if (singles.length) options.push([singles.length === 1 ? (singles[0] as string) : `[${singles.join('|')}]`]);
    for (const a of slot) if (!bracketable(a)) options.push(a);
    const next: string[][] = [];
    for (const b of branches) for (const o of options) next.push([...b, ...o]);
    branches = next;
  }
  const out = new Set<string>();
  for (const b of branches) {
    // a branch of tags alone ("end of day" read as DATE) would fire on every date or number
    if (!b.length || b.every(isTag)) continue;
    for (const part of splitLarge(b)) out.add(part.join(' '));
  }
  return [...out];
}

/** wink expands brackets into their product and warns past 512; split the largest bracket until under. */
const MAX_PRODUCT = 64;
function splitLarge(tokens: string[]): string[][] {
  const sizes = tokens.map((t) => (t.startsWith('[') ? t.split('|').length : 1));
  if (sizes.reduce((a, b) => a * b, 1) <= MAX_PRODUCT) return [tokens];
  const j = sizes.indexOf(Math.max(...sizes));
  const alts = (tokens[j] as string).slice(1, -1).split('|');
  const half = Math.ceil(alts.length / 2);
  const bracket = (xs: string[]) => (xs.length === 1 ? (xs[0] as string) : `[${xs.join('|')}]`);
  return [alts.slice(0, half), alts.slice(half)].flatMap((xs) => splitLarge(tokens.map((t, i) => (i === j ? bracket(xs) : t))));
}
