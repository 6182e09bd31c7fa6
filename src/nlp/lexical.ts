// Per-message lexical evidence for the archetype model: a bag-of-words linear model whose class
// scores are additive over messages, so a customer's score is just the sum folded into the state
// (as `lexical_<class>` signals) and the state stays flat sums. Weights: models/archetype-lexical.json,
// trained with the archetype model (src/profile/archetype-lexical-train.ts).
import { z } from 'zod';
import { loadModel } from './lexicon.js';
import type { TextDoc } from './document.js';

export const LEXICAL_PREFIX = 'lexical_';

export const LexicalModelSchema = z.object({
  classes: z.array(z.string()),
  vocabulary: z.array(z.string()),
  /** weights[class][term] */
  weights: z.array(z.array(z.number())),
});
export type LexicalModel = z.output<typeof LexicalModelSchema>;

/** Terms of a message: lemmas of its words, negated ones marked, so "not happy" differs from "happy". */
export function lexicalTerms(doc: TextDoc): string[] {
  const out: string[] = [];
  for (let i = 0; i < doc.type.length; i++) {
    if (doc.type[i] !== 'word') continue;
    const lemma = (doc.lemma[i] as string).toLowerCase();
    if (lemma.length < 2) continue;
    out.push(doc.negated[i] ? `!${lemma}` : lemma);
  }
  return out;
}

/** Sparse message vector: log(1 + tf) over known terms, L2-normalized. */
export function messageVector(terms: readonly string[], index: ReadonlyMap<string, number>): Map<number, number> {
  const tf = new Map<number, number>();
  for (const t of terms) {
    const j = index.get(t);
    if (j !== undefined) tf.set(j, (tf.get(j) ?? 0) + 1);
  }
  let norm = 0;
  for (const [j, c] of tf) {
    const v = Math.log1p(c);
    tf.set(j, v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [j, v] of tf) tf.set(j, v / norm);
  return tf;
}

/**
 * Class scores of one message, shifted so the smallest is 0: softmax over a sum of messages is
 * unchanged by a per-message shift, and non-negative sums read better in the state.
 */
export function messageScores(model: LexicalModel, index: ReadonlyMap<string, number>, terms: readonly string[]): number[] {
  const x = messageVector(terms, index);
  const scores = model.weights.map((w) => {
    let z = 0;
    for (const [j, v] of x) z += (w[j] as number) * v;
    return z;
  });
  const min = Math.min(...scores);
  return scores.map((s) => s - min);
}

interface Shipped {
  classes: number;
  terms: number;
  /** `lexical_<class>` keys, built once */
  keys: string[];
  /** term -> vocabulary index; `negated` is keyed without the "!", so scoring builds no "!lemma" strings */
  plain: Map<string, number>;
  negated: Map<string, number>;
  /** weights transposed, weights[j * classes + k]: one term's class weights sit together */
  weights: Float64Array;
}

let shipped: Shipped | undefined;

function shippedModel(): Shipped {
  if (shipped) return shipped;
  const model = loadModel('archetype-lexical.json', LexicalModelSchema);
  const C = model.classes.length;
  const V = model.vocabulary.length;
  const plain = new Map<string, number>();
  const negated = new Map<string, number>();
  model.vocabulary.forEach((t, j) => {
    plain.set(t, j);
    if (t.startsWith('!')) negated.set(t.slice(1), j);
  });
  const weights = new Float64Array(V * C);
  for (let k = 0; k < C; k++) for (let j = 0; j < V; j++) weights[j * C + k] = model.weights[k]?.[j] as number;
  shipped = { classes: C, terms: V, keys: model.classes.map((c) => LEXICAL_PREFIX + c), plain, negated, weights };
  return shipped;
}

// scratch for scoring: term counts by vocabulary index, the `used` indexes in first-seen order, class sums.
// The previous message's entries are cleared on entry, so a throw midway leaves nothing behind.
let counts = new Float64Array(0);
let seen = new Int32Array(0);
let used = 0;
let scores = new Float64Array(0);

/**
 * The shipped lexical model's scores as `lexical_<class>` signals, added to `out` (nothing when the text has
 * no known term). The same arithmetic, in the same order, as messageScores(lexicalTerms(doc)), without its
 * per-message strings and Maps.
 */
export function lexicalSignals(doc: TextDoc, out: Record<string, number> = {}): Record<string, number> {
  const m = shippedModel();
  const C = m.classes;
  if (counts.length < m.terms) {
    counts = new Float64Array(m.terms);
    seen = new Int32Array(m.terms);
  }
  if (scores.length < C) scores = new Float64Array(C);
  for (let d = 0; d < used; d++) counts[seen[d] as number] = 0;
  used = 0;
  for (let i = 0; i < doc.type.length; i++) {
    if (doc.type[i] !== 'word') continue;
    const lemma = (doc.lemma[i] as string).toLowerCase();
    if (lemma.length < 2) continue;
    const j = (doc.negated[i] ? m.negated : m.plain).get(lemma);
    if (j === undefined) continue;
    if (counts[j] === 0) seen[used++] = j;
    counts[j]! += 1;
  }
  let norm = 0;
  for (let d = 0; d < used; d++) {
    const j = seen[d] as number;
    const v = Math.log1p(counts[j] as number);
    counts[j] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  scores.fill(0, 0, C);
  for (let d = 0; d < used; d++) {
    const j = seen[d] as number;
    const v = (counts[j] as number) / norm;
    for (let k = 0; k < C; k++) scores[k]! += (m.weights[j * C + k] as number) * v;
  }
  let min = Infinity;
  for (let k = 0; k < C; k++) min = Math.min(min, scores[k] as number);
  for (let k = 0; k < C; k++) {
    const s = (scores[k] as number) - min;
    if (s > 0) out[m.keys[k] as string] = Math.round(s * 1e6) / 1e6;
  }
  return out;
}
