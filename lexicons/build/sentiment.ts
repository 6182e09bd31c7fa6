// Builds lexicons/sentiment.json from VADER's published lexicon plus lexicons/build/sentiment-sources.json.
// Run: npx tsx lexicons/build/sentiment.ts   (deterministic: same inputs, same bytes out)
//
// Every multi-token entry (VADER's "can't stand", our phrases, multi-word boosters) is tokenized with the
// same wink pass the analyser reads, so entries are stored in TextDoc `normal` form ("can not stand").
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readTextDoc } from '../../src/nlp/document.js';

const require = createRequire(import.meta.url);
const VADER_FILE = require.resolve('vader-sentiment/vader_lexicon.txt');
const VADER_VERSION = (require('vader-sentiment/package.json') as { version: string }).version;
const SOURCES = fileURLToPath(new URL('./sentiment-sources.json', import.meta.url));
const OUT = fileURLToPath(new URL('../sentiment.json', import.meta.url));

const Valences = z.record(z.string(), z.number().min(-4).max(4));
const Sources = z.object({
  vader: z.object({
    rules: z.record(z.string(), z.number()),
    negators: z.array(z.string()),
    boostersUp: z.array(z.string()),
    boostersDown: z.array(z.string()),
    idioms: Valences,
  }),
  domain: z.object({
    boostersUp: z.array(z.string()),
    boostersDown: z.array(z.string()),
    degreeBeforeAdjective: z.array(z.string()),
    contrast: z.array(z.string()),
    concessive: z.array(z.string()),
    remedies: z.array(z.string()),
    words: Valences,
    phrases: Valences,
    unanswered: z.object({
      valence: z.number(),
      subjects: z.array(z.string()),
      auxiliaries: z.array(z.string()),
      verbs: z.array(z.string()),
    }),
  }),
  emoji: Valences,
});

const src = Sources.parse(JSON.parse(readFileSync(SOURCES, 'utf8')));

/** wink's normal-form tokens of an entry, or null when wink does not read it as plain words. */
function tokens(entry: string): string[] | null {
  const doc = readTextDoc(entry);
  if (doc.type.some((t) => t !== 'word')) return null;
  return doc.normal;
}

const words = new Map<string, number>();
const phrases = new Map<string, number>();
/** wink's normal form of a word read alone ("yeah" -> "yes", "sceptical" -> "skeptical"), added unless that form has its own entry */
const variants = new Map<string, number>();

function addEntry(key: string, valence: number): void {
  const toks = tokens(key);
  // emoticons and other symbol runs stay keyed as written; the analyser looks them up by token value
  if (!toks) words.set(key, valence);
  else if (toks.length > 1) {
    phrases.set(toks.join(' '), valence);
    const plain = key.toLowerCase();
    if (plain.split(' ').length === toks.length && plain !== toks.join(' ')) phrases.set(plain, valence);
  } else {
    // in running text wink may keep the spelling ("Yeah castle" stays "yeah"): keep both forms
    words.set(key.toLowerCase(), valence);
    if (toks[0] !== key.toLowerCase()) variants.set(toks[0] as string, valence);
  }
}

// VADER lexicon: token <TAB> mean rating <TAB> sd <TAB> raw ratings; a later duplicate wins, as in VADER.
const vaderLines = readFileSync(VADER_FILE, 'utf8').split(/\r?\n/);
vaderLines.forEach((line, n) => {
  if (!line.trim()) return;
  const [token, mean] = line.split('\t');
  const valence = Number(mean);
  if (!token || !Number.isFinite(valence)) throw new Error(`${VADER_FILE}:${n + 1}: bad entry`);
  addEntry(token, valence);
});
const vaderCount = words.size + phrases.size;

for (const [k, v] of Object.entries(src.vader.idioms)) addEntry(k, v);
for (const [k, v] of Object.entries(src.domain.words)) addEntry(k, v);
for (const [k, v] of Object.entries(src.domain.phrases)) addEntry(k, v);
const u = src.domain.unanswered;
for (const s of u.subjects) for (const a of u.auxiliaries) for (const v of u.verbs) addEntry([s, a, v].filter(Boolean).join(' '), u.valence);

for (const [k, v] of variants) if (!words.has(k)) words.set(k, v);

const inc = src.vader.rules.boosterIncrement as number;
const boosters = new Map<string, number>();
for (const b of [...src.vader.boostersUp, ...src.domain.boostersUp]) boosters.set((tokens(b) ?? [b]).join(' '), inc);
for (const b of [...src.vader.boostersDown, ...src.domain.boostersDown]) boosters.set((tokens(b) ?? [b]).join(' '), -inc);

// Emoji keys without variation selectors: the analyser strips them from tokens the same way.
const emoji = new Map<string, number>();
for (const [k, v] of Object.entries(src.emoji)) emoji.set(k.replace(/\uFE0F/g, ''), v);

const sorted = (m: Map<string, number>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

const out = {
  name: 'sentiment',
  version: '1.2.0',
  origin:
    `Built by lexicons/build/sentiment.ts. Words, emoticons and rule constants: VADER lexicon (Hutto & Gilbert, ICWSM 2014), ` +
    `${vaderCount} entries as shipped in npm vader-sentiment ${VADER_VERSION} (vader_lexicon.txt). Customer-service words and ` +
    `phrases, extra boosters, contrast/concessive/remedy words and the emoji table: hand-rated by the Rapport team on VADER's ` +
    `-4..+4 scale (lexicons/build/sentiment-sources.json). Multi-word entries are stored in wink normal form.`,
  licence:
    'VADER lexicon: MIT (C.J. Hutto, vaderSentiment); its JavaScript port vader-sentiment: Apache-2.0 (Comcast). Rapport additions: same terms as Rapport.',
  rules: src.vader.rules,
  // wink expands "didnt" to "did not": such entries are covered by the single-token negator "not"
  negators: [...new Set(src.vader.negators.map((w) => tokens(w) ?? [w]).filter((t) => t.length === 1).map((t) => t[0] as string))].sort(),
  boosters: sorted(boosters),
  degreeBeforeAdjective: src.domain.degreeBeforeAdjective,
  contrast: src.domain.contrast,
  concessive: src.domain.concessive,
  remedies: src.domain.remedies,
  words: sorted(words),
  phrases: sorted(phrases),
  emoji: sorted(emoji),
};

writeFileSync(OUT, JSON.stringify(out, null, 1) + '\n');
console.log(`wrote ${OUT}: ${words.size} words, ${phrases.size} phrases, ${boosters.size} boosters, ${emoji.size} emoji`);
