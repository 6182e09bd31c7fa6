// Trains models/emotions.json: multinomial logistic regression over lemma unigrams (negation-marked)
// and bigrams, on GoEmotions-Ekman train only (dev is for `rapport eval emotions`, never for training).
//   npx tsx models/train-emotions.ts              train on all of train.tsv, write models/emotions.json
//   npx tsx models/train-emotions.ts --holdout    train on 90% of train.tsv, report macro-F1 on the other 10%
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readTextDoc } from '../src/nlp/document.js';
import { emotionLexiconVersion, featureKeys, lengthScale, MODEL_CLASSES, type EmotionModelFile } from '../src/nlp/emotions.js';
import { readEkmanTsv } from '../src/eval/emotions.js';
import { classificationMetrics, formatMetrics } from '../src/eval/metrics.js';
// deterministic shuffling, so a retrain reproduces the same file
import { seededRandom as rng } from '../src/random.js';

const VERSION = '1.0.0';
const TRAIN = fileURLToPath(new URL('../../shared/data/goemotions-ekman/train.tsv', import.meta.url));
const OUT = fileURLToPath(new URL('./emotions.json', import.meta.url));

const HP = {
  /** a feature must occur in this many training documents */
  minDocs: 3,
  /** keep at most this many features (by document frequency), so the file stays small */
  maxFeatures: 30000,
  /** few passes: more fit the training texts better and the held-out ones worse */
  epochs: 5,
  learningRate: 0.15,
  l2: 1e-3,
  /** class weight = (majority count / class count) ^ this: rare emotions matter as much for macro-F1 */
  balance: 0.5,
  scale: 1000,
  seed: 17,
};

const K = MODEL_CLASSES.length;
const holdout = process.argv.includes('--holdout');


interface Example {
  keys: string[];
  scale: number;
  /** target distribution over MODEL_CLASSES: multi-label texts share their mass */
  target: Float64Array;
  single: string | null;
}

async function main(): Promise<void> {
  const rows = await readEkmanTsv(TRAIN);
  const started = Date.now();
  const all: Example[] = rows.map((r) => {
    const { keys, tokens } = featureKeys(readTextDoc(r.text));
    const target = new Float64Array(K);
    for (const l of r.labels) target[MODEL_CLASSES.indexOf(l)] = 1 / r.labels.length;
    return { keys, scale: lengthScale(tokens), target, single: r.labels.length === 1 ? (r.labels[0] as string) : null };
  });
  console.error(`featurized ${all.length} texts in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  const train = holdout ? all.filter((_, i) => i % 10 !== 0) : all;
  const test = holdout ? all.filter((_, i) => i % 10 === 0) : [];

  // vocabulary by document frequency
  const df = new Map<string, number>();
  for (const ex of train) for (const k of new Set(ex.keys)) df.set(k, (df.get(k) ?? 0) + 1);
  const vocab = [...df.entries()]
    .filter(([, n]) => n >= HP.minDocs)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, HP.maxFeatures)
    .map(([k]) => k);
  const index = new Map(vocab.map((k, i) => [k, i]));
  const rowsOf = train.map((ex) => Int32Array.from(ex.keys.map((k) => index.get(k) ?? -1).filter((i) => i >= 0)));

  const mass = new Float64Array(K);
  for (const ex of train) for (let k = 0; k < K; k++) mass[k]! += ex.target[k]!;
  const majority = Math.max(...mass);
  const classWeight = Float64Array.from(mass, (m) => (majority / m) ** HP.balance);

  // AdaGrad SGD on the weighted cross-entropy, L2 applied to the rows a document touches
  const w = new Float64Array(vocab.length * K);
  const g2 = new Float64Array(vocab.length * K).fill(1e-8);
  const b = new Float64Array(K);
  const bg2 = new Float64Array(K).fill(1e-8);
  const order = train.map((_, i) => i);
  const rand = rng(HP.seed);
  const p = new Float64Array(K);
  for (let epoch = 0; epoch < HP.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let loss = 0;
    for (const d of order) {
      const ex = train[d]!;
      const feats = rowsOf[d]!;
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        let z = 0;
        for (const f of feats) z += w[f * K + k]!;
        p[k] = b[k]! + z * ex.scale;
        if (p[k]! > max) max = p[k]!;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) sum += p[k] = Math.exp(p[k]! - max);
      let weight = 0;
      for (let k = 0; k < K; k++) {
        p[k]! /= sum;
        weight += ex.target[k]! * classWeight[k]!;
        if (ex.target[k]! > 0) loss -= ex.target[k]! * classWeight[k]! * Math.log(p[k]! + 1e-12);
      }
      for (let k = 0; k < K; k++) {
        const grad = (p[k]! - ex.target[k]!) * weight;
        bg2[k]! += grad * grad;
        b[k]! -= (HP.learningRate * grad) / Math.sqrt(bg2[k]!);
        const gx = grad * ex.scale;
        for (const f of feats) {
          const at = f * K + k;
          const gr = gx + HP.l2 * w[at]!;
          g2[at]! += gr * gr;
          w[at]! -= (HP.learningRate * gr) / Math.sqrt(g2[at]!);
        }
      }
    }
    console.error(`epoch ${epoch + 1}: weighted loss ${(loss / train.length).toFixed(4)}`);
  }

  // integers keep the file small; 1/1000 is far below what moves a probability
  const features = vocab;
  const weights = Array.from(w, (x) => Math.round(x * HP.scale));
  const file: EmotionModelFile & { name: string; version: string; origin: string; trainedOn: object } = {
    name: 'emotions-model',
    version: VERSION,
    origin:
      'Multinomial logistic regression (class-balanced cross-entropy, AdaGrad, L2) over wink lemma unigrams, negation-marked unigrams, in-sentence bigrams and lexicons/emotions.json hit counts per emotion (plain and negated), logits scaled by 1/sqrt(tokens); trained by models/train-emotions.ts on GoEmotions-Ekman train.tsv (Demszky et al. 2020, Apache-2.0), multi-label texts as split targets. Classes: Ekman six + neutral.',
    trainedOn: { file: 'goemotions-ekman/train.tsv', texts: train.length, hyperparameters: HP },
    lexiconVersion: emotionLexiconVersion(),
    classes: [...MODEL_CLASSES],
    scale: HP.scale,
    bias: Array.from(b, (x) => Math.round(x * HP.scale)),
    features,
    weights,
  };
  console.error(`${features.length} features`);

  if (holdout) {
    const bias = Float64Array.from(file.bias, (x) => x / HP.scale);
    const at = new Map(features.map((k, i) => [k, i]));
    const gold: string[] = [];
    const pred: string[] = [];
    for (const ex of test) {
      if (!ex.single) continue;
      const z = Float64Array.from(bias);
      const zz = new Float64Array(K);
      for (const key of ex.keys) {
        const f = at.get(key);
        if (f !== undefined) for (let k = 0; k < K; k++) zz[k]! += weights[f * K + k]! / HP.scale;
      }
      for (let k = 0; k < K; k++) z[k]! += zz[k]! * ex.scale;
      gold.push(ex.single);
      pred.push(MODEL_CLASSES[z.indexOf(Math.max(...z))] as string);
    }
    const m = classificationMetrics(gold, pred, MODEL_CLASSES);
    console.log(formatMetrics(m, 'holdout (every 10th train text)'));
    console.log(`macro-F1 ${m.macroF1.toFixed(3)}`);
    return;
  }
  writeFileSync(OUT, JSON.stringify(file) + '\n');
  console.error(`wrote ${OUT}`);
}

await main();
