// Rebuilds the texts of the real-text advocacy check from the public corpora they were sampled from;
// only our readers' labels are committed (see README.md for why and how they were made).
//   npx tsx test/data/advocacy-real/build.ts --twcs <twcs.csv> --airline <Tweets.csv>
// Writes posts.ndjson (every agreed row) and sample-1.ndjson / sample-2.ndjson beside this file, in the
// format `rapport eval advocacy` reads. Ids: a<row> is the row's index in Tweets.csv ("Twitter US Airline
// Sentiment"), t<tweet_id> a customer tweet of twcs.csv's first 5,000 rows ("Customer Support on
// Twitter"), g<comment id> a comment of ../shared/data/goemotions-ekman/train.tsv. Each label row carries
// the first 8 hex digits of SHA-256 of its text, so a different copy of a corpus is caught, not scored.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { z } from 'zod';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const arg = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};

const LabelRow = z.object({
  id: z.string().regex(/^[atg]/),
  sample: z.enum(['1', '2']),
  stratum: z.string(),
  textSha256: z.string().length(8),
  label: z.enum(['recommend', 'positive_no_rec', 'neutral', 'negative', 'incentivised', 'disputed']),
  reader1: z.string(),
  reader2: z.string(),
});
const labels = (parseSync(readFileSync(here('./labels.csv')), { columns: true }) as unknown[]).map((r, i) => {
  const parsed = LabelRow.safeParse(r);
  if (!parsed.success) throw new Error(`labels.csv line ${i + 2}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
});
const wanted = new Set(labels.map((l) => l.id));
const texts = new Map<string, string>();

async function* rows(file: string): AsyncGenerator<Record<string, string>> {
  yield* createReadStream(file).pipe(parse({ columns: true, bom: true, relax_quotes: true })) as AsyncIterable<Record<string, string>>;
}

async function readAirline(file: string): Promise<void> {
  let i = 0;
  for await (const r of rows(file)) {
    const id = `a${i++}`;
    if (wanted.has(id)) texts.set(id, r.text ?? '');
  }
}

async function readTwcs(file: string): Promise<void> {
  let n = 0;
  for await (const r of rows(file)) {
    if (++n > 5000) break;
    const id = `t${r.tweet_id}`;
    if (r.inbound === 'True' && wanted.has(id)) texts.set(id, r.text ?? '');
  }
}

function readGoEmotions(file: string): void {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [text, , commentId] = line.replace(/\r$/, '').split('\t');
    if (text !== undefined && commentId && wanted.has(`g${commentId}`)) texts.set(`g${commentId}`, text);
  }
}

const twcs = arg('--twcs');
const airline = arg('--airline');
if (!twcs || !airline) {
  process.stderr.write('usage: npx tsx test/data/advocacy-real/build.ts --twcs <twcs.csv> --airline <Tweets.csv>\n');
  process.exit(2);
}
await readAirline(airline);
await readTwcs(twcs);
readGoEmotions(here('../../../../shared/data/goemotions-ekman/train.tsv'));

const out: Record<string, string[]> = { posts: [], 'sample-1': [], 'sample-2': [] };
for (const l of labels) {
  const text = texts.get(l.id);
  if (text === undefined) throw new Error(`${l.id} (sample ${l.sample}) not found in the corpora given; are they the right files?`);
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 8);
  if (hash !== l.textSha256) throw new Error(`${l.id}: the text differs from the one labelled (sha256 ${hash}, labelled ${l.textSha256}); is it the same copy of the corpus?`);
  if (l.label === 'disputed') continue;
  const line = JSON.stringify({ id: l.id, channel: 'social', text, label: l.label });
  out.posts!.push(line);
  out[`sample-${l.sample}`]!.push(line);
}
for (const [name, lines] of Object.entries(out)) {
  writeFileSync(here(`./${name}.ndjson`), lines.join('\n') + '\n');
  process.stderr.write(`${name}.ndjson: ${lines.length} agreed posts\n`);
}
