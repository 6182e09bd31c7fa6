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

let shipped: { model: LexicalModel; index: Map<string, number> } | undefined;

/** The shipped lexical model's scores as `lexical_<class>` signals (empty when the text has no known term). */
export function lexicalSignals(doc: TextDoc): Record<string, number> {
  if (!shipped) {
    const model = loadModel('archetype-lexical.json', LexicalModelSchema);
    shipped = { model, index: new Map(model.vocabulary.map((t, j) => [t, j])) };
  }
  const terms = lexicalTerms(doc);
  const scores = messageScores(shipped.model, shipped.index, terms);
  const out: Record<string, number> = {};
  shipped.model.classes.forEach((c, k) => {
    const s = scores[k] as number;
    if (s > 0) out[LEXICAL_PREFIX + c] = Math.round(s * 1e6) / 1e6;
  });
  return out;
}
