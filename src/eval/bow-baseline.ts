// The plain baseline the archetype model must beat: bag-of-words logistic regression on the
// customer's raw words (log term frequency, L2-normalized), same trainer, same folds.
import { predictProba, trainSoftmax, type SoftmaxModel } from '../profile/softmax.js';

const tokenize = (text: string) => text.toLowerCase().match(/[a-z][a-z']+/g) ?? [];

export interface BowModel {
  vocabulary: Map<string, number>;
  model: SoftmaxModel;
}

function vectorize(text: string, vocabulary: Map<string, number>): number[] {
  const v = new Array<number>(vocabulary.size).fill(0);
  for (const t of tokenize(text)) {
    const j = vocabulary.get(t);
    if (j !== undefined) v[j]! += 1;
  }
  let norm = 0;
  for (let j = 0; j < v.length; j++) {
    v[j] = Math.log1p(v[j]!);
    norm += v[j]! ** 2;
  }
  norm = Math.sqrt(norm) || 1;
  return v.map((x) => x / norm);
}

export function trainBow(texts: string[], labels: string[], classes: string[]): BowModel {
  const df = new Map<string, number>();
  for (const t of texts) for (const w of new Set(tokenize(t))) df.set(w, (df.get(w) ?? 0) + 1);
  const vocabulary = new Map([...df].filter(([, n]) => n >= 2).map(([w], i) => [w, i]));
  const counts: Record<string, number> = {};
  for (const l of labels) counts[l] = (counts[l] ?? 0) + 1;
  const classWeights = Object.fromEntries(Object.entries(counts).map(([c, n]) => [c, labels.length / (Object.keys(counts).length * n)]));
  const model = trainSoftmax(texts.map((t) => vectorize(t, vocabulary)), labels, classes, { l2: 1e-3, epochs: 200, learningRate: 2, classWeights });
  return { vocabulary, model };
}

export function predictBow(bow: BowModel, text: string): string {
  const p = predictProba(bow.model, vectorize(text, bow.vocabulary));
  let best = 0;
  p.forEach((v, k) => (v > p[best]! ? (best = k) : 0));
  return bow.model.classes[best] as string;
}
