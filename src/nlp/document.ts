// One wink-nlp pass per text: every analyser reads the arrays of this TextDoc, never the raw string.
import winkNLP, { type CustomEntityExample } from 'wink-nlp';
import model from './wink-model.js';
import { cuePatterns } from './cue-patterns.js';

/** A cue pattern that matched: its name ("signal:gratitude_trust"), token span [start, end] inclusive. */
export interface CueMatch {
  name: string;
  start: number;
  end: number;
}

export interface TextDoc {
  text: string;
  /** token text as written (case kept: SHOUTING is a signal). */
  value: string[];
  /** lower-cased, contractions expanded ("can't" -> "can", "not"). */
  normal: string[];
  lemma: string[];
  /** universal POS tags. */
  pos: string[];
  /** wink token types: word, number, punctuation, emoji, emoticon, hashtag, mention, url, email, ... */
  type: string[];
  /** inside the scope of a negation ("not", "never", "n't"), as wink marks it. */
  negated: boolean[];
  /** index of the sentence each token belongs to. */
  sentence: number[];
  sentences: number;
  cues: CueMatch[];
  /** the words of a token span exactly as written (spacing kept): the phrase shown as evidence. */
  phrase(start: number, end: number): string;
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

/** The one wink instance of the process, with every lexicon's cue patterns learned. */
export function wink(): Nlp {
  if (!nlp) {
    // wink's own sentiment pass is skipped: nothing reads it (sentiment.ts scores from the token arrays)
    nlp = winkNLP(model, ['sbd', 'negation', 'pos', 'ner', 'cer']);
    const plain = nlp;
    // tokenize lexicon phrases with this same instance before it learns them, so forms line up
    const tokenize = (phrase: string) => patternTokens(plain, phrase);
    const examples: CustomEntityExample[] = cuePatterns(tokenize);
    if (examples.length) nlp.learnCustomEntities(examples, { matchValue: false, usePOS: true, useEntity: true });
  }
  return nlp;
}

/**
 * A lexicon phrase as the tokens wink matches it against. Cues are matched with `useEntity`, and then
 * wink sees a word inside a named entity only as the entity's type: "today" as DATE, "for 3 days" as
 * "for DURATION", "one" as CARDINAL. A literal "today" in a cue could never match, so each entity the
 * phrase itself contains becomes its type (one token per entity), as a lexicon author writes DATE.
 */
export function patternTokens(instance: Nlp, phrase: string): string[] {
  const doc = instance.readDoc(phrase);
  const normal = doc.tokens().out(instance.its.normal) as string[];
  const spans = doc.entities().out(instance.its.span) as unknown as [number, number][];
  const types = doc.entities().out(instance.its.type) as string[];
  if (!spans.length) return normal;
  const out: string[] = [];
  let e = 0;
  for (let i = 0; i < normal.length; i++) {
    const span = spans[e];
    if (span && i === span[0]) {
      out.push(types[e] as string);
      i = span[1];
      e++;
    } else out.push(normal[i] as string);
  }
  return out;
}

export function readTextDoc(text: string): TextDoc {
  const w = wink();
  const its = w.its;
  const doc = w.readDoc(text);
  const tokens = doc.tokens();
  const value = tokens.out(its.value) as string[];
  const sentence: number[] = new Array(value.length).fill(0);
  // collection outs, not .each(): no item object per sentence or cue
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  for (let i = 0; i < spans.length; i++) {
    const [a, b] = spans[i] as [number, number];
    for (let t = a; t <= b; t++) sentence[t] = i;
  }
  const entities = doc.customEntities();
  const cueSpans = entities.out(its.span) as unknown as [number, number][];
  const cueTypes = entities.out(its.type) as string[];
  const cues: CueMatch[] = new Array<CueMatch>(cueSpans.length);
  for (let c = 0; c < cueSpans.length; c++) {
    const [start, end] = cueSpans[c] as [number, number];
    cues[c] = { name: cueTypes[c] as string, start, end };
  }
  // spacing is read only for evidence phrases, and then once for the whole text
  let spaces: string[] | undefined;
  const normal = tokens.out(its.normal) as string[];
  // wink types lemma as a model add-on, which its.out accepts at run time
  const lemma = tokens.out(its.lemma as unknown as typeof its.normal) as (string | undefined)[];
  // wink can leave a word without a lemma (seen on a shouted "CANT" in a real support tweet): the normal
  // form stands in, so every word has one
  for (let i = 0; i < lemma.length; i++) lemma[i] ??= normal[i];
  return {
    text,
    value,
    normal,
    lemma: lemma as string[],
    pos: tokens.out(its.pos) as string[],
    type: tokens.out(its.type) as string[],
    negated: tokens.out(its.negationFlag) as unknown as boolean[],
    sentence,
    sentences: spans.length,
    cues,
    phrase: (start, end) => {
      spaces ??= tokens.out(its.precedingSpaces) as string[];
      let out = '';
      for (let i = start; i <= end; i++) out += (i > start ? (spaces[i] as string) : '') + (value[i] as string);
      return out;
    },
  };
}
