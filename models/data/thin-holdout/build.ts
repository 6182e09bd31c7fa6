// Writes interactions.ndjson and labels.csv of the thin-holdout set: the hold-out set of thin public support
// tweets, for measuring the archetype model on thin text only (never in AUXILIARY_SETS or any training run).
// Hand-written sources, see ../build-thin-set.ts. Run: npx tsx models/data/thin-holdout/build.ts
import { fileURLToPath } from 'node:url';
import { buildThinSet } from '../build-thin-set.js';

buildThinSet(fileURLToPath(new URL('.', import.meta.url)), 'th');
