// Training side of the lexical archetype evidence (src/nlp/lexical.ts): a softmax regression on each
// customer's mean message vector. Because the model is linear, the mean of per-message scores equals
// the score of the mean vector, so what the analyser folds message by message is exactly what was trained.
import { messageScores, messageVector, type LexicalModel } from '../nlp/lexical.js';
import { softmax } from './softmax.js';

export interface LexicalSample {
  /** terms of each of the customer's messages (lexicalTerms of its TextDoc) */
  messages: string[][];
  label: string;
}

const MIN_CUSTOMERS = 2;
const MAX_TERMS = 6000;

export function trainLexical(samples: LexicalSample[], classes: string[], options: { l2?: number; epochs?: number; learningRate?: number } = {}): LexicalModel {
  const { l2 = 1e-3, epochs = 150, learningRate = 2 } = options;
  const df = new Map<string, number>();
  for (const s of samples) for (const t of new Set(s.messages.flat())) df.set(t, (df.get(t) ?? 0) + 1);
  const vocabulary = [...df]
    .filter(([, n]) => n >= MIN_CUSTOMERS)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_TERMS)
    .map(([t]) => t)
    .sort();
  const index = new Map(vocabulary.map((t, j) => [t, j]));
  const rows = samples.map((s) => meanVector(s.messages, index));
  const K = classes.length;
  const D = vocabulary.length;
  const target = samples.map((s) => classes.indexOf(s.label));
  const counts = new Map<number, number>();
  for (const t of target) counts.set(t, (counts.get(t) ?? 0) + 1);
  const sampleWeight = target.map((t) => samples.length / (counts.size * (counts.get(t) as number)) / samples.length);
  const W = classes.map(() => new Float64Array(D));
  const b = new Float64Array(K);
  const vW = classes.map(() => new Float64Array(D));
  const vb = new Float64Array(K);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gW = classes.map(() => new Float64Array(D));
    const gb = new Float64Array(K);
    rows.forEach((x, i) => {
      const z = W.map((w, k) => {
        let s = b[k] as number;
        for (const [j, v] of x) s += (w[j] as number) * v;
        return s;
      });
      const p = softmax(z);
      for (let k = 0; k < K; k++) {
        const err = ((p[k] as number) - (k === target[i] ? 1 : 0)) * (sampleWeight[i] as number);
        gb[k]! += err;
        const g = gW[k] as Float64Array;
        for (const [j, v] of x) g[j]! += err * v;
      }
    });
    for (let k = 0; k < K; k++) {
      const w = W[k] as Float64Array;
      const v = vW[k] as Float64Array;
      const g = gW[k] as Float64Array;
      for (let j = 0; j < D; j++) {
        v[j] = 0.9 * (v[j] as number) - learningRate * ((g[j] as number) + l2 * (w[j] as number));
        w[j]! += v[j] as number;
      }
      vb[k] = 0.9 * (vb[k] as number) - learningRate * (gb[k] as number);
      b[k]! += vb[k] as number;
    }
  }
  // the bias is dropped: these scores are features of the archetype model, which has its own intercepts
  return { classes, vocabulary, weights: W.map((w) => Array.from(w, (x) => Math.round(x * 1e5) / 1e5)) };
}

function meanVector(messages: string[][], index: ReadonlyMap<string, number>): Map<number, number> {
  const sum = new Map<number, number>();
  for (const m of messages) for (const [j, v] of messageVector(m, index)) sum.set(j, (sum.get(j) ?? 0) + v);
  const n = Math.max(1, messages.length);
  for (const [j, v] of sum) sum.set(j, v / n);
  return sum;
}

/** Mean per-message lexical scores of a customer, in `model.classes` order (what the state yields at run time). */
export function lexicalMeans(model: LexicalModel, messages: string[][]): number[] {
  const index = new Map(model.vocabulary.map((t, j) => [t, j]));
  const sum = new Array<number>(model.classes.length).fill(0);
  for (const m of messages) messageScores(model, index, m).forEach((s, k) => (sum[k]! += s));
  return sum.map((s) => s / Math.max(1, messages.length));
}
