// The archetype model: standardized customer features -> softmax over the archetypes and
// insufficient_evidence, temperature-calibrated, with an abstention rule on top. Training lives here
// too (pure), so `models/train-archetypes.ts` and `rapport eval archetypes --cv` run the same code.
import { z } from 'zod';
import { featureNames, featureVector } from './archetype-features.js';
import { predictProba, trainSoftmax, type SoftmaxModel } from './softmax.js';
import { lexicalMeans, trainLexical } from './archetype-lexical.js';
import { LEXICAL_PREFIX, type LexicalModel } from '../nlp/lexical.js';
import type { CustomerState } from './state.js';
import type { Behaviour } from './types.js';
import { INSUFFICIENT } from './types.js';

export const ArchetypeModelSchema = z.object({
  name: z.literal('archetypes'),
  version: z.string(),
  origin: z.string(),
  signals: z.array(z.string()),
  /** classes of the lexical evidence fed in as features (empty: no lexical component) */
  lexicalClasses: z.array(z.string()).default([]),
  features: z.array(z.string()),
  mean: z.array(z.number()),
  std: z.array(z.number()),
  classes: z.array(z.string()),
  weights: z.array(z.array(z.number())),
  bias: z.array(z.number()),
  temperature: z.number().positive(),
  abstain: z.object({
    /** a type is named only when its calibrated probability reaches this */
    minConfidence: z.number().min(0).max(1),
    /** ... and the customer's own words carry at least this many cue matches that speak for that type */
    minEvidence: z.number().min(0),
  }),
});
export type ArchetypeModel = z.output<typeof ArchetypeModelSchema>;

/**
 * Signals that are not evidence on their own: routine contact, writing style, and the softer
 * embedding-neighbour readings (they inform the model, but naming a type needs real cue matches).
 */
export const NON_RELATIONAL = (id: string) => id === 'routine_request' || id.startsWith('style_') || id.startsWith('semantic_');

export function relationalEvidence(state: CustomerState): number {
  let e = 0;
  for (const [id, v] of Object.entries(state.signals)) if (!NON_RELATIONAL(id)) e += v;
  return e;
}

export interface Sample {
  state: CustomerState;
  behaviour: Behaviour | null;
  label: string;
  /** lexical terms of each message; with them, training adds the lexical component */
  messages?: string[][];
}

export interface TrainedArchetypeModel {
  model: ArchetypeModel;
  /** the lexical model whose per-message scores the analyser must fold (models/archetype-lexical.json) */
  lexical: LexicalModel | null;
}

export interface TrainSettings {
  classes: string[];
  signals: string[];
  l2?: number;
  epochs?: number;
  folds?: number;
  minConfidence?: number;
  minEvidence?: number;
}

function standardizer(rows: number[][]): { mean: number[]; std: number[] } {
  const D = rows[0]?.length ?? 0;
  const mean = new Array<number>(D).fill(0);
  const std = new Array<number>(D).fill(0);
  for (const r of rows) r.forEach((v, j) => (mean[j]! += v / rows.length));
  for (const r of rows) r.forEach((v, j) => (std[j]! += (v - mean[j]!) ** 2 / rows.length));
  return { mean, std: std.map((s) => (s > 1e-12 ? Math.sqrt(s) : 1)) };
}

const scale = (x: number[], mean: number[], std: number[]) => x.map((v, j) => (v - mean[j]!) / std[j]!);

function balancedWeights(labels: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const l of labels) counts[l] = (counts[l] ?? 0) + 1;
  const k = Object.keys(counts).length;
  return Object.fromEntries(Object.entries(counts).map(([c, n]) => [c, labels.length / (k * n)]));
}

/** Deterministic stratified fold assignment (seeded shuffle within each class). */
export function stratifiedFolds(labels: readonly string[], folds: number, seed = 1): number[] {
  let s = seed >>> 0 || 1;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const byClass = new Map<string, number[]>();
  labels.forEach((l, i) => byClass.set(l, [...(byClass.get(l) ?? []), i]));
  const fold = new Array<number>(labels.length).fill(0);
  let offset = 0;
  for (const idx of [...byClass.values()]) {
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    idx.forEach((sample, r) => (fold[sample] = (r + offset) % folds));
    offset += idx.length;
  }
  return fold;
}

function nll(probs: number[][], targets: number[]): number {
  return -probs.reduce((a, p, i) => a + Math.log(Math.max(1e-12, p[targets[i]!]!)), 0) / Math.max(1, probs.length);
}

export function trainArchetypeModel(samples: Sample[], settings: TrainSettings, meta: { version: string; origin: string }): TrainedArchetypeModel {
  const { classes, signals, l2 = 0.05, epochs = 300, folds = 5 } = settings;
  const labels = samples.map((s) => s.label);
  const useLexical = samples.every((s) => s.messages);
  // lexical features for training come from models that never saw the customer (out of fold),
  // so the archetype model learns how far to trust them on unseen text
  const lexicalOof: number[][] = samples.map(() => []);
  if (useLexical) {
    const inner = stratifiedFolds(labels, folds, 11);
    for (let f = 0; f < folds; f++) {
      const train = samples.filter((_, i) => inner[i] !== f);
      const lex = trainLexical(train.map((s) => ({ messages: s.messages as string[][], label: s.label })), classes);
      samples.forEach((s, i) => {
        if (inner[i] === f) lexicalOof[i] = lexicalMeans(lex, s.messages as string[][]);
      });
    }
  }
  const raw = samples.map((s, i) => featureVector(s.state, s.behaviour, signals, lexicalOof[i]));
  const fit = (rows: number[][], ys: string[]) => {
    const { mean, std } = standardizer(rows);
    const model = trainSoftmax(rows.map((r) => scale(r, mean, std)), ys, classes, { l2, epochs, classWeights: balancedWeights(ys) });
    return { mean, std, model };
  };
  // temperature from out-of-fold logits of the training data: calibration without touching test data
  const fold = stratifiedFolds(labels, folds, 7);
  const oofRows: number[][] = [];
  const oofTargets: number[] = [];
  for (let f = 0; f < folds; f++) {
    const train = samples.map((_, i) => i).filter((i) => fold[i] !== f);
    const test = samples.map((_, i) => i).filter((i) => fold[i] === f);
    if (!test.length || !train.length) continue;
    const m = fit(train.map((i) => raw[i]!), train.map((i) => labels[i]!));
    for (const i of test) {
      oofRows.push(logitsOf(m.model, scale(raw[i]!, m.mean, m.std)));
      oofTargets.push(classes.indexOf(labels[i]!));
    }
  }
  let temperature = 1;
  let best = Infinity;
  for (let t = 0.2; t <= 8; t += 0.1) {
    const loss = nll(oofRows.map((z) => softmaxT(z, t)), oofTargets);
    if (loss < best) [best, temperature] = [loss, t];
  }
  const final = fit(raw, labels);
  const lexical = useLexical ? trainLexical(samples.map((s) => ({ messages: s.messages as string[][], label: s.label })), classes) : null;
  const model: ArchetypeModel = {
    name: 'archetypes',
    version: meta.version,
    origin: meta.origin,
    signals,
    lexicalClasses: useLexical ? classes : [],
    features: featureNames(signals, useLexical ? classes : []),
    mean: final.mean,
    std: final.std,
    classes,
    weights: final.model.weights,
    bias: final.model.bias,
    temperature,
    abstain: { minConfidence: settings.minConfidence ?? 0.5, minEvidence: settings.minEvidence ?? 2 },
  };
  return { model, lexical };
}

/** The customer's mean lexical scores as folded by the analyser into `lexical_*` signals. */
export function stateLexicalMeans(model: ArchetypeModel, state: CustomerState): number[] {
  const n = Math.max(1, state.n);
  return model.lexicalClasses.map((c) => (state.signals[LEXICAL_PREFIX + c] ?? 0) / n);
}

function logitsOf(model: SoftmaxModel, x: number[]): number[] {
  return predictProba(model, x).map((p) => Math.log(Math.max(p, 1e-300)));
}

function softmaxT(logits: number[], t: number): number[] {
  const z = logits.map((v) => v / t);
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export interface ArchetypeDecision {
  primary: string;
  confidence: number;
  scores: Record<string, number>;
  /** the predicted type's contribution of each signal (for choosing evidence) */
  signalWeight: (signal: string) => number;
}

/** `lexical` overrides the state's lexical sums (cross-validation scores held-out customers with the fold's own lexical model). */
export function decide(model: ArchetypeModel, state: CustomerState, behaviour: Behaviour | null, lexical?: number[]): ArchetypeDecision {
  const x = scale(featureVector(state, behaviour, model.signals, lexical ?? stateLexicalMeans(model, state)), model.mean, model.std);
  const probs = predictProba({ classes: model.classes, weights: model.weights, bias: model.bias }, x, model.temperature);
  const scores: Record<string, number> = {};
  model.classes.forEach((c, k) => (scores[c] = Math.round(probs[k]! * 1e4) / 1e4));
  let top = -1;
  model.classes.forEach((c, k) => {
    if (c !== INSUFFICIENT && (top < 0 || probs[k]! > probs[top]!)) top = k;
  });
  const topClass = model.classes[top] as string;
  const pTop = probs[top] ?? 0;
  const ie = model.classes.indexOf(INSUFFICIENT);
  const pIe = ie >= 0 ? (probs[ie] as number) : 0;
  const named =
    pTop >= model.abstain.minConfidence && pTop > pIe && relationalEvidence(state) >= model.abstain.minEvidence;
  const shareIndex = (signal: string) => model.features.indexOf(`share:${signal}`);
  return {
    primary: named ? topClass : INSUFFICIENT,
    confidence: Math.round((named ? pTop : Math.max(pIe, 1 - pTop)) * 1e4) / 1e4,
    scores,
    signalWeight: (signal) => {
      const j = shareIndex(signal);
      return j < 0 ? 0 : (model.weights[top]?.[j] ?? 0);
    },
  };
}
