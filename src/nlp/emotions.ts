// Plutchik's eight emotions of a text, each 0..1, and the dominant one.
// Two sources over the one TextDoc: a logistic-regression model trained on GoEmotions (anger, disgust,
// fear, joy, sadness, surprise, neutral) and the emotion lexicon, the only source of trust and
// anticipation, which take their share of the model's joy and neutral mass.
import { z } from 'zod';
import type { TextDoc } from './document.js';
import { loadLexicon, loadModel } from './lexicon.js';
import { EMOTIONS, zeroEmotions, type Emotion, type EmotionScores } from './types.js';

export interface EmotionResult {
  emotions: EmotionScores;
  emotion: Emotion | 'neutral';
}

/** The model's classes, in the order of its weight rows (GoEmotions' Ekman grouping). */
export const MODEL_CLASSES = ['anger', 'disgust', 'fear', 'joy', 'neutral', 'sadness', 'surprise'] as const;
const K = MODEL_CLASSES.length;
const NEUTRAL = MODEL_CLASSES.indexOf('neutral');
const JOY = MODEL_CLASSES.indexOf('joy');
const E = EMOTIONS.length;
const TRUST = EMOTIONS.indexOf('trust');
const ANTICIPATION = EMOTIONS.indexOf('anticipation');


// ---- the lexicon: Plutchik terms (lemma sequences), negation-aware ----

const LexiconSchema = z.object({
  /** lemma sequence ("count on", "can not wait", "😍") -> emotion -> weight */
  terms: z.record(z.string().min(1), z.partialRecord(z.enum(EMOTIONS), z.number().positive())),
});

interface Phrase {
  rest: string[];
  weights: Float64Array;
}

interface Lexicon {
  version: string;
  words: Map<string, Float64Array>;
  /** first lemma -> phrases starting with it, longest first */
  phrases: Map<string, Phrase[]>;
}

let lexicon: Lexicon | undefined;

function emotionLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const file = loadLexicon('emotions.json', LexiconSchema.and(z.object({ version: z.string() })));
  const words = new Map<string, Float64Array>();
  const phrases = new Map<string, Phrase[]>();
  for (const [term, emotions] of Object.entries(file.terms)) {
    const weights = Float64Array.from(EMOTIONS, (e) => emotions[e] ?? 0);
    const [first, ...rest] = term.split(' ') as [string, ...string[]];
    if (!rest.length) {
      words.set(first, weights);
      continue;
    }
    const list = phrases.get(first) ?? [];
    list.push({ rest, weights });
    phrases.set(first, list.sort((a, b) => b.rest.length - a.rest.length));
  }
  lexicon = { version: file.version, words, phrases };
  return lexicon;
}

/** Version of the emotion lexicon, as recorded in profiles. */
export function emotionLexiconVersion(): string {
  return emotionLexicon().version;
}

/**
 * Adds the lexicon evidence of a document: `weight[e]` sums the weights of unnegated terms, `hits[e]`
 * counts them and `negatedHits[e]` counts negated ones ("not happy"). A phrase is negated only when its
 * first word is, so idioms that contain a negation ("can't wait", "never let me down") keep their sense.
 */
export function scanLexicon(doc: TextDoc, weight: Float64Array, hits: Float64Array, negatedHits: Float64Array): void {
  const { words, phrases } = emotionLexicon();
  const lemma = doc.lemma;
  const n = lemma.length;
  weight.fill(0);
  hits.fill(0);
  negatedHits.fill(0);
  for (let i = 0; i < n; i++) {
    let w: Float64Array | undefined;
    let length = 1;
    const candidates = phrases.get(lemma[i] as string);
    if (candidates) {
      for (const p of candidates) {
        if (i + p.rest.length >= n) continue;
        let j = 0;
        while (j < p.rest.length && lemma[i + 1 + j] === p.rest[j]) j++;
        if (j === p.rest.length) {
          w = p.weights;
          length += j;
          break;
        }
      }
    }
    w ??= words.get(lemma[i] as string);
    if (!w) continue;
    const negated = doc.negated[i] === true;
    for (let e = 0; e < E; e++) {
      if (w[e] === 0) continue;
      if (negated) negatedHits[e]! += 1;
      else {
        weight[e]! += w[e]!;
        hits[e]! += 1;
      }
    }
    i += length - 1;
  }
}

// ---- features: shared by training (featureKeys) and scoring (the Map lookups below) ----

const NUM = '<num>';
/** Negated unigrams are their own features: "not happy" must not read as "happy". */
export const NEGATED_PREFIX = '!';

/** The feature word of token i (its lemma), or null for tokens that carry no emotion (urls, mentions, most punctuation). */
function tokenKey(doc: TextDoc, i: number): string | null {
  switch (doc.type[i]) {
    case 'word':
    case 'emoji':
    case 'emoticon':
      // wink has no lemma for some misspellings ("dont", "didnt")
      return (doc.lemma[i] ?? doc.normal[i]) as string;
    case 'hashtag':
      return doc.normal[i] as string;
    case 'number':
      return NUM;
    case 'punctuation': {
      const v = doc.value[i] as string;
      return v === '!' || v === '?' ? v : null;
    }
    default:
      return null;
  }
}

/** Lexicon evidence enters the model as one feature per emotion ("@joy") and per negated emotion ("@!joy"). */
export const LEXICON_PREFIX = '@';

const lexWeight = new Float64Array(E);
const lexHits = new Float64Array(E);
const lexNegated = new Float64Array(E);

/** Every feature occurrence of a document as a string key, and the token count the logits are scaled by. Training only: scoring does the same walk without building strings. */
export function featureKeys(doc: TextDoc): { keys: string[]; tokens: number } {
  const keys: string[] = [];
  let prev: string | null = null;
  let tokens = 0;
  for (let i = 0; i < doc.type.length; i++) {
    const key = tokenKey(doc, i);
    if (key === null) {
      prev = null;
      continue;
    }
    tokens++;
    keys.push(doc.negated[i] ? NEGATED_PREFIX + key : key);
    if (prev !== null && doc.sentence[i - 1] === doc.sentence[i]) keys.push(prev + ' ' + key);
    prev = key;
  }
  scanLexicon(doc, lexWeight, lexHits, lexNegated);
  EMOTIONS.forEach((e, k) => {
    for (let h = 0; h < lexHits[k]!; h++) keys.push(LEXICON_PREFIX + e);
    for (let h = 0; h < lexNegated[k]!; h++) keys.push(LEXICON_PREFIX + NEGATED_PREFIX + e);
  });
  return { keys, tokens };
}

/** Logit scale for a document of n feature tokens: long texts must not become certain by length alone. */
export function lengthScale(tokens: number): number {
  return 1 / Math.sqrt(Math.max(1, tokens));
}

// ---- the trained model ----

const ModelSchema = z
  .object({
    classes: z.array(z.string()).refine((c) => c.join() === MODEL_CLASSES.join(), `classes must be ${MODEL_CLASSES.join(',')}`),
    /** weights are stored as integers: value = stored / scale. */
    scale: z.number().positive(),
    bias: z.array(z.number()).length(K),
    features: z.array(z.string()),
    weights: z.array(z.number().int()),
    /** the lexicon version whose hit counts the model was trained on */
    lexiconVersion: z.string(),
  })
  .refine((m) => m.weights.length === m.features.length * K, 'weights must hold one row of 7 per feature');

export type EmotionModelFile = z.input<typeof ModelSchema>;

/** What the model knows of one feature word: its unigram and negated-unigram rows (-1: none), and an id for bigrams. */
interface Word {
  unigram: number;
  negated: number;
  id: number;
}

interface Model {
  version: string;
  lexiconVersion: string;
  bias: Float64Array;
  weights: Float32Array;
  /** feature word -> its rows: one lookup per token serves unigram, negated and bigram features */
  words: Map<string, Word>;
  /** first.id * words.size + second.id -> row offset into weights */
  bigram: Map<number, number>;
  /** row offsets of the lexicon features per Plutchik emotion (-1: not in the model) */
  lexicon: Int32Array;
  lexiconNegated: Int32Array;
}
let model: Model | undefined;

function emotionModel(): Model {
  if (model) return model;
  const file = loadModel('emotions.json', ModelSchema.and(z.object({ version: z.string() })));
  const weights = new Float32Array(file.weights.length);
  for (let i = 0; i < weights.length; i++) weights[i] = (file.weights[i] as number) / file.scale;
  const words = new Map<string, Word>();
  const word = (w: string): Word => {
    let e = words.get(w);
    if (!e) words.set(w, (e = { unigram: -1, negated: -1, id: words.size }));
    return e;
  };
  const pairs: [Word, Word, number][] = [];
  file.features.forEach((f, row) => {
    const offset = row * K;
    const space = f.indexOf(' ', 1);
    if (space > 0) pairs.push([word(f.slice(0, space)), word(f.slice(space + 1)), offset]);
    else if (f.length > 1 && f.startsWith(NEGATED_PREFIX)) word(f.slice(1)).negated = offset;
    else word(f).unigram = offset;
  });
  const bigram = new Map<number, number>();
  for (const [a, b, offset] of pairs) bigram.set(a.id * words.size + b.id, offset);
  const lexRow = (key: string) => words.get(key)?.unigram ?? -1;
  model = {
    version: file.version,
    lexiconVersion: file.lexiconVersion,
    bias: Float64Array.from(file.bias, (b) => b / file.scale),
    weights,
    words,
    bigram,
    lexicon: Int32Array.from(EMOTIONS, (e) => lexRow(LEXICON_PREFIX + e)),
    lexiconNegated: Int32Array.from(EMOTIONS, (e) => lexRow(LEXICON_PREFIX + NEGATED_PREFIX + e)),
  };
  return model;
}

/** Version of the trained model (as recorded in profiles) and of the lexicon it was trained with. */
export function emotionModelInfo(): { version: string; lexiconVersion: string } {
  const { version, lexiconVersion } = emotionModel();
  return { version, lexiconVersion };
}

// one scratch buffer for the logits: scoring allocates nothing per token
const logits = new Float64Array(K);

function addRow(w: Float32Array, offset: number | undefined, times = 1): void {
  if (offset === undefined || offset < 0) return;
  for (let k = 0; k < K; k++) logits[k]! += w[offset + k]! * times;
}

/** Class probabilities of the model, written into `out` (MODEL_CLASSES order); reads the lexicon scan already in lexHits/lexNegated. */
function modelProbabilities(doc: TextDoc, out: Float64Array): void {
  const m = emotionModel();
  logits.fill(0);
  const size = m.words.size;
  // the previous token's word (undefined after a token without a key or one the model does not know)
  let prev: Word | undefined;
  let tokens = 0;
  for (let i = 0; i < doc.type.length; i++) {
    const key = tokenKey(doc, i);
    if (key === null) {
      prev = undefined;
      continue;
    }
    tokens++;
    const word = m.words.get(key);
    if (word) {
      addRow(m.weights, doc.negated[i] ? word.negated : word.unigram);
      if (prev && doc.sentence[i - 1] === doc.sentence[i]) addRow(m.weights, m.bigram.get(prev.id * size + word.id));
    }
    prev = word;
  }
  for (let e = 0; e < E; e++) {
    if (lexHits[e]) addRow(m.weights, m.lexicon[e], lexHits[e]);
    if (lexNegated[e]) addRow(m.weights, m.lexiconNegated[e], lexNegated[e]);
  }
  const scale = lengthScale(tokens);
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    logits[k] = m.bias[k]! + logits[k]! * scale;
    if (logits[k]! > max) max = logits[k]!;
  }
  let sum = 0;
  for (let k = 0; k < K; k++) sum += out[k] = Math.exp(logits[k]! - max);
  for (let k = 0; k < K; k++) out[k]! /= sum;
}

// ---- scoring ----

const probs = new Float64Array(K);

/**
 * The model's probabilities, with trust and anticipation (lexicon only: GoEmotions has neither) taking
 * their share of the joy and neutral mass, the share growing with the weight of their terms:
 * one firm cue ("count on", "can't wait") takes most of it. The scores still sum to 1 (all 0 for an empty text).
 */
export function scoreEmotions(doc: TextDoc): EmotionResult {
  // no tokens, no reading: an empty message (a bare retweet, a chat with only agent turns) would otherwise
  // carry the model's prior, and a customer's emotion shares would fill with anger nobody expressed
  if (doc.value.length === 0) return { emotions: zeroEmotions(), emotion: 'neutral' };
  scanLexicon(doc, lexWeight, lexHits, lexNegated);
  modelProbabilities(doc, probs);
  const t = lexWeight[TRUST]!;
  const a = lexWeight[ANTICIPATION]!;
  const share = t + a > 0 ? 1 - Math.exp(-(t + a)) : 0;
  const pool = (probs[JOY]! + probs[NEUTRAL]!) * share;
  const keep = 1 - share;
  const emotions = zeroEmotions();
  for (let k = 0; k < K; k++) if (k !== NEUTRAL) emotions[MODEL_CLASSES[k] as Emotion] = probs[k]! * (k === JOY ? keep : 1);
  emotions.trust = share ? (pool * t) / (t + a) : 0;
  emotions.anticipation = share ? (pool * a) / (t + a) : 0;
  let emotion: Emotion | 'neutral' = 'neutral';
  let best = probs[NEUTRAL]! * keep;
  for (const e of EMOTIONS) {
    if (emotions[e] > best) {
      best = emotions[e];
      emotion = e;
    }
  }
  return { emotions, emotion };
}
