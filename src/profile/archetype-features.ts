// Customer-level features for the archetype model, read off the folded state (and behaviour when given).
// Every feature is a rate or a log count, so customers with 3 messages and with 300 are comparable.
// Which channels a customer used is left out on purpose: the channel mix says more about how a company
// captures contacts than about the relationship, and it does not carry from one company to another.
import { EMOTIONS } from '../nlp/types.js';
import type { CustomerState } from './state.js';
import type { Behaviour } from './types.js';

/** total words at which the lexical scores count half (see featureVector) */
export const LEXICAL_HALF_WORDS = 100;

/** Feature names in vector order, for a given list of signal ids. */
export function featureNames(signalIds: readonly string[], lexicalClasses: readonly string[] = []): string[] {
  return [
    ...lexicalClasses.map((c) => `lexical:${c}`),
    ...signalIds.flatMap((s) => [`share:${s}`, `count:${s}`]),
    'sentiment_mean',
    'sentiment_sd',
    'negative_share',
    ...EMOTIONS.map((e) => `emotion:${e}`),
    'words_per_message',
    'advocacy:recommend',
    'advocacy:negative',
    'behaviour:purchases_per_30d',
    'behaviour:new_item_share',
    'behaviour:return_rate',
  ];
}

/**
 * `lexical`: the customer's mean per-message lexical scores (src/nlp/lexical.ts), when the model uses them;
 * at run time they come from the state's `lexical_*` sums, in training from held-out lexical models.
 */
export function featureVector(state: CustomerState, behaviour: Behaviour | null, signalIds: readonly string[], lexical: readonly number[] = []): number[] {
  const n = Math.max(1, state.n);
  // Bag-of-words scores of a few short messages rest on a handful of words (each message vector is
  // L2-normalized, so one loaded word can carry a tweet). Shrink them toward 0 by how many words the
  // customer wrote in all, as an empirical-Bayes estimate is shrunk by its sample size: half weight at
  // LEXICAL_HALF_WORDS words (about five tweets), nearly full weight for a customer's emails.
  const reliability = state.words / (state.words + LEXICAL_HALF_WORDS);
  const out: number[] = lexical.map((v) => v * reliability);
  for (const s of signalIds) out.push((state.signalMsgs[s] ?? 0) / n, Math.log1p(state.signals[s] ?? 0));
  const mean = state.sSum / n;
  out.push(mean, Math.sqrt(Math.max(0, state.sSq / n - mean * mean)), (state.advocacy.negative ?? 0) / n);
  const emotionTotal = state.emotions.reduce((a, b) => a + b, 0) || 1;
  for (let i = 0; i < EMOTIONS.length; i++) out.push((state.emotions[i] ?? 0) / emotionTotal);
  out.push(Math.log1p(state.words / n));
  out.push((state.advocacy.recommend ?? 0) / n, (state.advocacy.negative ?? 0) / n);
  out.push(
    behaviour ? Math.log1p(behaviour.purchasesPer30d) : 0,
    behaviour ? behaviour.newItemShare : 0,
    behaviour ? Math.min(1, behaviour.returnRate) : 0,
  );
  return out;
}
