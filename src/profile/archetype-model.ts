// The archetype model: standardized customer features -> softmax over the archetypes and
// insufficient_evidence, temperature-calibrated, with an abstention rule on top. Training lives here
// too (pure), so `models/train-archetypes.ts` and `rapport eval archetypes --cv` run the same code.
import { z } from 'zod';
import { featureNames, featureVector } from './archetype-features.js';
import { predictProba, trainSoftmax, type SoftmaxModel } from './softmax.js';
import { lexicalMeans, trainLexical } from './archetype-lexical.js';
import { classificationMetrics } from '../eval/metrics.js';
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
    /** ... and the customer's own words carry at least this many cue matches that are evidence for that type */
    minEvidence: z.number().min(0),
    /**
     * per type, the signals whose matches (literal or embedding-neighbour) count as its evidence, from the
     * taxonomy (lexicons/archetypes.json) at training time; a type without a list counts every relational cue
     */
    evidenceSignals: z.record(z.string(), z.array(z.string())).default({}),
    /**
     * the confidence stated when the model leans to a type but the words carry no cue that defines it: how
     * often such abstentions were right out of fold in training (absent: 1 - p(type), as for any abstention)
     */
    unsupportedConfidence: z.number().min(0).max(1).optional(),
  }),
});
export type ArchetypeModel = z.output<typeof ArchetypeModelSchema>;

/**
 * Signals that are not evidence on their own: routine contact, writing style, the softer
 * embedding-neighbour readings and the lexical scores (they inform the model, but naming a type needs
 * real cue matches in the customer's words).
 */
export const NON_RELATIONAL = (id: string) =>
  id === 'routine_request' || id.startsWith('style_') || id.startsWith('semantic_') || id.startsWith('lexical_');

const SEMANTIC = 'semantic_';

/**
 * An embedding-neighbour reading (`semantic_*`) counts this much as evidence, a cue match fully. The
 * neighbours are read out of context (a "cancelled" flight, "stuck" at the airport), so one of them
 * alone no longer names a type. Real-text validation sets (models/data/real-validation, 231 agreed
 * customers; signals 1.2.0): accuracy 0.853 at 1, 0.874 at 0.5, 0.874 at 0 (thin-holdout 0.929 / 0.918 / 0.912).
 */
export const SEMANTIC_EVIDENCE_WEIGHT = 0.5;

/** Whether a cue match of `signal` (or of its embedding neighbours) is evidence for a type whose taxonomy lists `evidence`. */
export function isEvidenceFor(evidence: readonly string[], signal: string): boolean {
  return evidence.includes(signal) || (signal.startsWith(SEMANTIC) && evidence.includes(signal.slice(SEMANTIC.length)));
}

/** Which signals count as evidence for a type with this taxonomy list: those it lists, or without a list every relational cue. */
function evidencePredicate(evidence: readonly string[] | undefined): (signal: string) => boolean {
  return evidence?.length ? (signal) => isEvidenceFor(evidence, signal) : (signal) => !NON_RELATIONAL(signal);
}

/**
 * Per class, the customer's cue matches that are evidence for it. A type is defined by what its customers
 * say (docs/archetypes.md, "typical signals"): complaints, negativity or a bag of words can make a type
 * likely, but naming it needs the customer's own words to show it. Without this, a loud one-off complaint
 * on thin text read as adversarial through any relational cue at all (e.g. plain dissatisfaction).
 */
export function evidenceByClass(classes: readonly string[], evidenceSignals: Readonly<Record<string, readonly string[]>>, state: CustomerState): number[] {
  return classes.map((c) => {
    const counts = evidencePredicate(evidenceSignals[c]);
    let e = 0;
    for (const [id, v] of Object.entries(state.signals)) if (counts(id)) e += id.startsWith(SEMANTIC) ? v * SEMANTIC_EVIDENCE_WEIGHT : v;
    return e;
  });
}

export interface Sample {
  state: CustomerState;
  behaviour: Behaviour | null;
  label: string;
  /** lexical terms of each message; with them, training adds the lexical component */
  messages?: string[][];
  /** which labelled set (writer, style) the customer comes from; see trainArchetypeModel */
  set?: string;
  /** the same customer thinned to tweet-length messages, for choosing the abstention thresholds */
  fragment?: { state: CustomerState; messages: string[][] };
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
  /** the lowest minConfidence the abstention search may choose (see chooseAbstention) */
  minConfidenceFloor?: number;
  minEvidence?: number;
  /** when fragments are given: how often a type named on thin text must be right */
  fragmentPrecision?: number;
  /** multiplier of the L2 penalty on the lexical features */
  lexicalL2Scale?: number;
  /** per type, the signals that are evidence for it (see evidenceByClass); default: every relational cue */
  evidenceSignals?: Record<string, string[]>;
  /**
   * labelled sets (as `Sample.set`) of thin public posts like a deployment's traffic: when given, the
   * confidence stated for an abstention for want of evidence is measured on their customers only
   */
  thinSets?: readonly string[];
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
  const lexicalOf = (lex: LexicalModel | null, messages?: string[][]) => (lex && messages ? lexicalMeans(lex, messages) : []);
  const trainLex = (idx: number[]) =>
    useLexical ? trainLexical(idx.map((i) => ({ messages: samples[i]!.messages as string[][], label: labels[i]! })), classes) : null;
  // the lexical scores are already a regularized model's output: penalize trusting them less
  const lexicalCount = useLexical ? classes.length : 0;
  const l2Scale = featureNames(signals, useLexical ? classes : []).map((_, j) => (j < lexicalCount ? (settings.lexicalL2Scale ?? 1) : 1));
  const fit = (rows: number[][], ys: string[]) => {
    const { mean, std } = standardizer(rows);
    const model = trainSoftmax(rows.map((r) => scale(r, mean, std)), ys, classes, { l2, epochs, classWeights: balancedWeights(ys), l2Scale });
    return { mean, std, model };
  };
  // Out of fold, everything a customer is scored with never saw that customer: the lexical features
  // (so the model learns how far to trust them on unseen text), the logits for the temperature, and the
  // thin-text fragments used to choose the abstention thresholds.
  const fold = stratifiedFolds(labels, folds, 7);
  const lexicalOof: number[][] = samples.map(() => []);
  const fragmentLexical: number[][] = samples.map(() => []);
  // With several sets, a customer's lexical features come from a model trained on the other sets only:
  // a bag of words learns its writers' vocabulary, and the customers it will score (other writers, real
  // tweets) do not share it, so the model must learn how far lexical scores carry across writers.
  const sets = [...new Set(samples.map((s) => s.set ?? ''))];
  const groups = sets.length > 1 ? samples.map((s) => sets.indexOf(s.set ?? '')) : fold;
  for (let g = 0; g < (sets.length > 1 ? sets.length : folds); g++) {
    const lex = trainLex(samples.map((_, i) => i).filter((i) => groups[i] !== g));
    samples.forEach((s, i) => {
      if (groups[i] !== g) return;
      lexicalOof[i] = lexicalOf(lex, s.messages);
      fragmentLexical[i] = lexicalOf(lex, s.fragment?.messages);
    });
  }
  const raw = samples.map((s, i) => featureVector(s.state, s.behaviour, signals, lexicalOof[i]));
  const oofLogits: number[][] = samples.map(() => []);
  const fragmentLogits: (number[] | null)[] = samples.map(() => null);
  for (let f = 0; f < folds; f++) {
    const train = samples.map((_, i) => i).filter((i) => fold[i] !== f);
    const test = samples.map((_, i) => i).filter((i) => fold[i] === f);
    if (!test.length || !train.length) continue;
    const m = fit(train.map((i) => raw[i]!), train.map((i) => labels[i]!));
    for (const i of test) {
      oofLogits[i] = logitsOf(m.model, scale(raw[i]!, m.mean, m.std));
      const frag = samples[i]!.fragment;
      if (frag) fragmentLogits[i] = logitsOf(m.model, scale(featureVector(frag.state, null, signals, fragmentLexical[i]), m.mean, m.std));
    }
  }
  const targets = labels.map((l) => classes.indexOf(l));
  let temperature = 1;
  let best = Infinity;
  // temperature scaling (Guo et al., ICML 2017) on the out-of-fold logits of the customers and of their
  // thin fragments: a confidence should mean the same on a few tweets as on a full history
  const fragIdx = samples.map((_, i) => i).filter((i) => fragmentLogits[i]);
  const calLogits = [...oofLogits, ...fragIdx.map((i) => fragmentLogits[i]!)];
  const calTargets = [...targets, ...fragIdx.map((i) => targets[i]!)];
  for (let t = 0.2; t <= 8; t += 0.1) {
    const loss = nll(calLogits.map((z) => softmaxT(z, t)), calTargets);
    if (loss < best) [best, temperature] = [loss, t];
  }
  const evidenceSignals = settings.evidenceSignals ?? {};
  const evidenceOf = (state: CustomerState) => evidenceByClass(classes, evidenceSignals, state);
  const fullScored = samples.map((s, i) => ({ label: labels[i]!, probs: softmaxT(oofLogits[i]!, temperature), evidence: evidenceOf(s.state) }));
  const fragmentScored = samples.flatMap((s, i) =>
    s.fragment && fragmentLogits[i] ? [{ label: labels[i]!, probs: softmaxT(fragmentLogits[i]!, temperature), evidence: evidenceOf(s.fragment.state) }] : [],
  );
  const abstain = chooseAbstention(classes, fullScored, fragmentScored, settings);
  // How often an abstention for want of evidence is right depends on the traffic: among dense written
  // customers a type usually lies behind it, among thin public posts mostly a plain complaint. A brief
  // states it for thin traffic, so it is measured there when such customers are in training. (Real
  // validation sets, model 1.6.0: expected calibration error lower on all four and on archetypes-real.)
  const thin = new Set(settings.thinSets ?? []);
  const thinScored = thin.size ? fullScored.filter((_, i) => thin.has(samples[i]!.set ?? '')) : [];
  const unsupportedConfidence = unsupportedAccuracy(classes, thinScored.length ? thinScored : [...fullScored, ...fragmentScored], abstain);
  const final = fit(raw, labels);
  const lexical = trainLex(samples.map((_, i) => i));
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
    abstain: { ...abstain, evidenceSignals, ...(unsupportedConfidence === undefined ? {} : { unsupportedConfidence }) },
  };
  return { model, lexical };
}

interface Scored {
  label: string;
  probs: number[];
  /** per class: cue matches that are evidence for it (evidenceByClass) */
  evidence: number[];
}

/** Index of the most probable type other than insufficient_evidence. */
function topType(classes: readonly string[], probs: readonly number[]): number {
  let top = -1;
  classes.forEach((c, k) => {
    if (c !== INSUFFICIENT && (top < 0 || probs[k]! > probs[top]!)) top = k;
  });
  return top;
}

/** Whether the top type passes the probability tests, so only missing evidence can keep it from being named. */
function leansToType(classes: readonly string[], probs: readonly number[], minConfidence: number): number {
  const top = topType(classes, probs);
  const ie = classes.indexOf(INSUFFICIENT);
  return probs[top]! >= minConfidence && probs[top]! > (ie >= 0 ? probs[ie]! : 0) ? top : -1;
}

/**
 * Out of fold, how often an abstention for want of defining evidence was right (Laplace-smoothed), so the
 * confidence a brief states for it means what it says; undefined when training never met the case.
 */
function unsupportedAccuracy(classes: readonly string[], scored: readonly Scored[], abstain: Pick<ArchetypeModel['abstain'], 'minConfidence' | 'minEvidence'>): number | undefined {
  const cases = scored.filter((s) => {
    const top = leansToType(classes, s.probs, abstain.minConfidence);
    return top >= 0 && s.evidence[top]! < abstain.minEvidence;
  });
  if (!cases.length) return undefined;
  const right = cases.filter((s) => s.label === INSUFFICIENT).length;
  return Math.round(((right + 1) / (cases.length + 2)) * 1e4) / 1e4;
}

/** The decision rule of decide(), on precomputed probabilities. */
function decideFrom(classes: string[], probs: number[], evidence: number[], abstain: Pick<ArchetypeModel['abstain'], 'minConfidence' | 'minEvidence'>): string {
  const top = leansToType(classes, probs, abstain.minConfidence);
  return top >= 0 && evidence[top]! >= abstain.minEvidence ? classes[top]! : INSUFFICIENT;
}

/**
 * Abstention thresholds from training data only. Written customers are dense with cues; real ones are
 * thin. So each training customer also has a thin fragment (every message cut to a tweet's length):
 * among the thresholds whose named types are right at least `fragmentPrecision` of the time on the
 * fragments, take the one with the best out-of-fold macro-F1 on the full customers.
 */
function chooseAbstention(classes: string[], full: Scored[], fragments: Scored[], settings: TrainSettings): Pick<ArchetypeModel['abstain'], 'minConfidence' | 'minEvidence'> {
  const fallback = { minConfidence: settings.minConfidence ?? 0.5, minEvidence: settings.minEvidence ?? 2 };
  if (!fragments.length || settings.fragmentPrecision === undefined) return fallback;
  let chosen = fallback;
  let bestF1 = -1;
  let bestPrecision = -1;
  let bestPrecisionSetting = fallback;
  for (let minEvidence = 1; minEvidence <= 4; minEvidence++) {
    for (let c = Math.round((settings.minConfidenceFloor ?? 0.3) * 100); c <= 95; c += 5) {
      const abstain = { minConfidence: c / 100, minEvidence };
      const named = fragments.map((s) => decideFrom(classes, s.probs, s.evidence, abstain)).map((p, i) => [p, fragments[i]!.label] as const).filter(([p]) => p !== INSUFFICIENT);
      const precision = named.length ? named.filter(([p, g]) => p === g).length / named.length : 1;
      if (precision > bestPrecision) [bestPrecision, bestPrecisionSetting] = [precision, abstain];
      if (precision < settings.fragmentPrecision) continue;
      const f1 = classificationMetrics(full.map((s) => s.label), full.map((s) => decideFrom(classes, s.probs, s.evidence, abstain)), classes).macroF1;
      if (f1 > bestF1 + 1e-9) [bestF1, chosen] = [f1, abstain];
    }
  }
  return bestF1 >= 0 ? chosen : bestPrecisionSetting;
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
  /** whether a cue match of this signal is evidence for the predicted type */
  isEvidence: (signal: string) => boolean;
}

/** `lexical` overrides the state's lexical sums (cross-validation scores held-out customers with the fold's own lexical model). */
export function decide(model: ArchetypeModel, state: CustomerState, behaviour: Behaviour | null, lexical?: number[]): ArchetypeDecision {
  const x = scale(featureVector(state, behaviour, model.signals, lexical ?? stateLexicalMeans(model, state)), model.mean, model.std);
  const probs = predictProba({ classes: model.classes, weights: model.weights, bias: model.bias }, x, model.temperature);
  const scores: Record<string, number> = {};
  model.classes.forEach((c, k) => (scores[c] = Math.round(probs[k]! * 1e4) / 1e4));
  const top = topType(model.classes, probs);
  const topClass = model.classes[top] as string;
  const pTop = probs[top] ?? 0;
  const ie = model.classes.indexOf(INSUFFICIENT);
  const pIe = ie >= 0 ? (probs[ie] as number) : 0;
  const leans = leansToType(model.classes, probs, model.abstain.minConfidence) >= 0;
  const named = leans && evidenceByClass([topClass], model.abstain.evidenceSignals, state)[0]! >= model.abstain.minEvidence;
  const unsupported = leans && !named ? model.abstain.unsupportedConfidence : undefined;
  const shareIndex = (signal: string) => model.features.indexOf(`share:${signal}`);
  return {
    primary: named ? topClass : INSUFFICIENT,
    confidence: Math.round((named ? pTop : (unsupported ?? Math.max(pIe, 1 - pTop))) * 1e4) / 1e4,
    scores,
    signalWeight: (signal) => {
      const j = shareIndex(signal);
      return j < 0 ? 0 : (model.weights[top]?.[j] ?? 0);
    },
    isEvidence: evidencePredicate(model.abstain.evidenceSignals[topClass]),
  };
}
