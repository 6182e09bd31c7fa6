// Writes interactions.ndjson and labels.csv of the thin-support-3 training set from its hand-written sources
// (see ../build-thin-set.ts). Run: npx tsx models/data/thin-support-3/build.ts
import { fileURLToPath } from 'node:url';
import { buildThinSet } from '../build-thin-set.js';

buildThinSet(fileURLToPath(new URL('.', import.meta.url)), 'ts3');
