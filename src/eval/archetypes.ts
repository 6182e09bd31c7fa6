// `rapport eval archetypes <dir...>`: the shipped model on labelled sets (default), or `--cv`:
// the model and a bag-of-words baseline trained and scored on the same stratified folds.
import { resolve } from 'node:path';
import { ARCHETYPES, INSUFFICIENT } from '../profile/types.js';
import { archetypeModel, classifyArchetype } from '../profile/archetype.js';
import type { ArchetypeResult } from '../profile/types.js';
import { stratifiedFolds, trainArchetypeModel } from '../profile/archetype-model.js';
import { lexicalMeans } from '../profile/archetype-lexical.js';
import { bootstrapInterval, classificationMetrics, formatMetrics, type Metrics } from './metrics.js';
import { loadLabelledSet, type LabelledCustomer } from './labelled-corpus.js';
import { predictBow, trainBow } from './bow-baseline.js';
import type { EvalOptions, EvalReport } from './report.js';
import { AUXILIARY_SETS, TRAINING_SETTINGS } from '../profile/archetype-training.js';

export const LABELS = [...ARCHETYPES, INSUFFICIENT];

function headline(m: Metrics): string {
  const ie = m.perClass.find((c) => c.label === INSUFFICIENT);
  const adv = m.perClass.find((c) => c.label === 'adversarial');
  return [
    `accuracy ${m.accuracy.toFixed(3)}`,
    ie ? `insufficient_evidence recall ${ie.recall.toFixed(3)} precision ${ie.precision.toFixed(3)}` : '',
    adv ? `adversarial F1 ${adv.f1.toFixed(3)}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** 95% bootstrap intervals of the headline numbers: how far the draw of customers alone could move them. */
function intervals(gold: readonly string[], predicted: readonly string[]): string {
  const span = ([a, b]: [number, number]) => `${a.toFixed(3)}-${b.toFixed(3)}`;
  const accuracy = bootstrapInterval(gold, predicted, (g, p) => classificationMetrics(g, p, LABELS).accuracy);
  const parts = [`accuracy ${span(accuracy)}`];
  if (gold.includes('adversarial')) {
    const adversarialF1 = (g: readonly string[], p: readonly string[]) => classificationMetrics(g, p, LABELS).perClass.find((c) => c.label === 'adversarial')?.f1 ?? 0;
    parts.push(`adversarial F1 ${span(bootstrapInterval(gold, predicted, adversarialF1))}`);
  }
  return `95% bootstrap intervals over these ${gold.length} customers (2,000 resamples): ${parts.join('; ')}`;
}

/** Reliability table: do stated confidences match observed accuracy? (ECE = weighted |conf - acc|) */
function calibration(confidences: number[], correct: boolean[]): string {
  const bins = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001];
  const lines = ['calibration (confidence bin: n, mean confidence, accuracy):'];
  let ece = 0;
  for (let b = 0; b < bins.length - 1; b++) {
    const idx = confidences.map((c, i) => [c, i] as const).filter(([c]) => c >= bins[b]! && c < bins[b + 1]!);
    if (!idx.length) continue;
    const conf = idx.reduce((a, [c]) => a + c, 0) / idx.length;
    const acc = idx.filter(([, i]) => correct[i]).length / idx.length;
    ece += (idx.length / confidences.length) * Math.abs(conf - acc);
    lines.push(`  [${bins[b]!.toFixed(1)}, ${Math.min(1, bins[b + 1]!).toFixed(1)}): n=${idx.length} conf=${conf.toFixed(3)} acc=${acc.toFixed(3)}`);
  }
  lines.push(`  expected calibration error ${ece.toFixed(3)}`);
  return lines.join('\n');
}

/** One line per customer the model (or, under --cv, its fold's model) got wrong: id, gold -> predicted, confidence, top scores, evidence (redacted phrases). */
function errorList(customers: readonly LabelledCustomer[], results: readonly ArchetypeResult[]): string {
  const lines = customers.flatMap((c, i) => {
    const r = results[i]!;
    if (r.primary === c.label) return [];
    const top = Object.entries(r.scores)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(', ');
    const evidence = r.evidence.length ? `; evidence: ${r.evidence.map((e) => JSON.stringify(e)).join(', ')}` : '';
    return [`  ${c.customerId}: ${c.label} -> ${r.primary} (confidence ${r.confidence.toFixed(2)}; ${top})${evidence}`];
  });
  return [`customers the model got wrong (${lines.length}):`, ...lines].join('\n');
}

function load(paths: string[]): { customers: LabelledCustomer[]; disputed: number } {
  if (!paths.length) throw new Error('eval archetypes needs at least one labelled set directory (labels.csv + interactions.ndjson)');
  const all = paths.flatMap((p) => loadLabelledSet(p));
  const unknown = all.filter((c) => c.label !== 'disputed' && !LABELS.includes(c.label as never));
  if (unknown.length) throw new Error(`unknown archetype label "${unknown[0]!.label}" for customer ${unknown[0]!.customerId}`);
  return { customers: all.filter((c) => c.label !== 'disputed'), disputed: all.length - all.filter((c) => c.label !== 'disputed').length };
}

export async function evaluate(paths: string[], options: EvalOptions): Promise<EvalReport> {
  const { customers, disputed } = load(paths);
  const note = disputed ? `(${disputed} customers whose readers disagreed are left out)\n` : '';
  if (!options.cv) {
    const model = archetypeModel();
    const results = customers.map((c) => classifyArchetype(c.state, c.behaviour, undefined, model));
    const predicted = results.map((r) => r.primary);
    const m = classificationMetrics(customers.map((c) => c.label), predicted, LABELS);
    const body = [
      note + formatMetrics(m, `shipped model ${model.version} on ${paths.join(', ')}`),
      headline(m),
      intervals(customers.map((c) => c.label), predicted),
      calibration(results.map((r) => r.confidence), predicted.map((p, i) => p === customers[i]!.label)),
      ...(options.errors ? [errorList(customers, results)] : []),
    ].join('\n');
    return { body, macroF1: m.macroF1 };
  }
  // the auxiliary sets join every fold's training (for the model and the baseline alike), never its test
  // (an auxiliary set named among the paths is cross-validated like the others instead)
  const given = new Set(paths.map((p) => resolve(p)));
  const auxiliary = AUXILIARY_SETS.filter((p) => !given.has(resolve(p))).flatMap((p) => loadLabelledSet(p));
  const folds = options.folds ?? 5;
  const fold = stratifiedFolds(customers.map((c) => c.label), folds, options.seed ?? 1);
  const gold = customers.map((c) => c.label);
  const bow: string[] = new Array(customers.length);
  const bowOwn: string[] = new Array(customers.length);
  const oof: ArchetypeResult[] = new Array(customers.length);
  for (let f = 0; f < folds; f++) {
    const train = [...customers.filter((_, i) => fold[i] !== f), ...auxiliary];
    const testIdx = customers.map((_, i) => i).filter((i) => fold[i] === f);
    const { model, lexical } = trainArchetypeModel(train, TRAINING_SETTINGS, { version: `cv-fold-${f}`, origin: 'cross-validation' });
    const baseline = trainBow(train.map((c) => c.text), train.map((c) => c.label), LABELS);
    // the baseline again without the auxiliary sets: the thin tweets may only hurt a bag of words here
    const own = customers.filter((_, i) => fold[i] !== f);
    const baselineOwn = auxiliary.length ? trainBow(own.map((c) => c.text), own.map((c) => c.label), LABELS) : baseline;
    for (const i of testIdx) {
      const c = customers[i]!;
      // the states carry the shipped lexical sums (trained on every customer): score with the fold's own
      const r = classifyArchetype(c.state, c.behaviour, undefined, model, lexical ? lexicalMeans(lexical, c.messages) : undefined);
      oof[i] = r;
      bow[i] = predictBow(baseline, c.text);
      bowOwn[i] = predictBow(baselineOwn, c.text);
    }
  }
  const ours = oof.map((r) => r.primary);
  const mOurs = classificationMetrics(gold, ours, LABELS);
  const mBow = classificationMetrics(gold, bow, LABELS);
  const body = [
    note + formatMetrics(mBow, `bag-of-words logistic regression, ${folds}-fold CV${auxiliary.length ? ' (trained with the auxiliary sets, as the model is)' : ''}`),
    headline(mBow),
    `baseline macro-F1 ${mBow.macroF1.toFixed(3)}`,
    ...(auxiliary.length
      ? [`baseline without the auxiliary sets macro-F1 ${classificationMetrics(gold, bowOwn, LABELS).macroF1.toFixed(3)}`]
      : []),
    '',
    formatMetrics(mOurs, `Rapport archetype model, same ${folds} folds`),
    headline(mOurs),
    calibration(oof.map((r) => r.confidence), ours.map((p, i) => p === gold[i])),
    ...(options.errors ? [errorList(customers, oof)] : []),
  ].join('\n');
  return { body, macroF1: mOurs.macroF1 };
}
