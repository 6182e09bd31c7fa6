// Trains the shipped archetype model from the two written labelled sets and the sets of AUXILIARY_SETS
// (thin support tweets, implicit-style customers by more writers; models/data), and writes
// models/archetypes.json.
// Reproducible: `npm run train:archetypes` (deterministic: fixed folds, full-batch gradient descent).
// Never trained on archetypes-real (real tweets are for measuring only).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadLabelledSet } from '../src/eval/labelled-corpus.js';
import { trainArchetypeModel } from '../src/profile/archetype-model.js';
import { AUXILIARY_SETS, TRAINING_SETTINGS } from '../src/profile/archetype-training.js';
import { loadedVersions } from '../src/nlp/lexicon.js';

const SETS = ['../shared/data/archetypes-dev', '../shared/data/archetypes-implicit', ...AUXILIARY_SETS];
const VERSION = '1.6.0';

// the lexical evidence is what is being trained, so the states are read without it
const samples = SETS.flatMap((dir) => loadLabelledSet(dir, { lexical: false }));
const { model, lexical } = trainArchetypeModel(samples, TRAINING_SETTINGS, {
  version: VERSION,
  origin: `softmax regression over relational-signal, sentiment, emotion, channel and behaviour features; trained by models/train-archetypes.ts on ${SETS.map((s) => s.split('/').pop()).join(' + ')} (${samples.length} customers) with lexicons ${JSON.stringify(loadedVersions())}`,
});
const round = (x: number) => Math.round(x * 1e6) / 1e6;
const out = {
  ...model,
  mean: model.mean.map(round),
  std: model.std.map(round),
  weights: model.weights.map((r) => r.map(round)),
  bias: model.bias.map(round),
};
const path = fileURLToPath(new URL('./archetypes.json', import.meta.url));
writeFileSync(path, JSON.stringify(out, null, 1) + '\n');
if (lexical) {
  const lexicalPath = fileURLToPath(new URL('./archetype-lexical.json', import.meta.url));
  const header = { name: 'archetype-lexical', version: VERSION, origin: `per-message bag-of-words scores for the archetype model, trained with it by models/train-archetypes.ts on the same ${samples.length} customers` };
  writeFileSync(lexicalPath, JSON.stringify({ ...header, ...lexical }) + '\n');
}
process.stderr.write(`wrote ${path}: ${samples.length} customers, ${model.features.length} features, temperature ${model.temperature}, abstain ${JSON.stringify(model.abstain)}\n`);
