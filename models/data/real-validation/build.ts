// Rebuilds the interactions of the two real-text validation sets from the public corpora they were
// sampled from; only our readers' labels are committed (see README.md for why and how they were made).
//   npx tsx models/data/real-validation/build.ts --twcs <twcs.csv> --airline <Tweets.csv>
// twcs.csv: Kaggle "Customer Support on Twitter" (Axelbrooke). The set is every customer of the file's
// first 5,000 rows who sent 3+ tweets there and is not in ../shared/data/archetypes-real; their inbound
// tweets in those rows. Tweets.csv: Kaggle/Figure Eight "Twitter US Airline Sentiment"; a customer is a
// sender (`name`), keyed by the first 10 hex digits of SHA-256 of the handle so that no handle is stored
// here; their distinct tweets in file order, at most 8. `airline/`, `airline-2/` and `airline-3/` are samples of
// those senders (see README.md); Tweets.csv builds all three. Either corpus may be given alone.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { InteractionSchema } from '../../../src/schemas/interaction.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const arg = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const labelled = (set: string) =>
  new Set(
    readFileSync(here(`./${set}/labels.csv`), 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(',')[0] as string),
  );

async function* rows(file: string): AsyncGenerator<Record<string, string>> {
  yield* createReadStream(file).pipe(parse({ columns: true, bom: true, relax_quotes: true })) as AsyncIterable<Record<string, string>>;
}

function write(set: string, interactions: unknown[], customers: Set<string>): void {
  const lines = interactions.map((i) => JSON.stringify(InteractionSchema.parse(i)));
  const seen = new Set(interactions.map((i) => (i as { customerId: string }).customerId));
  const missing = [...customers].filter((c) => !seen.has(c));
  if (missing.length) throw new Error(`${set}: ${missing.length} labelled customers not found in the corpus given (first: ${missing[0]}); is it the right file?`);
  writeFileSync(here(`./${set}/interactions.ndjson`), lines.join('\n') + '\n');
  process.stderr.write(`${set}: ${seen.size} customers, ${lines.length} tweets\n`);
}

async function buildTwcs(file: string): Promise<void> {
  const customers = labelled('twcs');
  const out: unknown[] = [];
  let n = 0;
  for await (const r of rows(file)) {
    if (++n > 5000) break;
    const customerId = `tw-${r.author_id}`;
    if (r.inbound !== 'True' || !customers.has(customerId)) continue;
    const text = r.text ?? '';
    out.push({ id: `tw-${r.tweet_id}`, customerId, channel: 'social', timestamp: new Date(r.created_at ?? '').toISOString().replace('.000', ''), text, social: { platform: 'x', mentionsBrand: text.includes('@') } });
  }
  write('twcs', out, customers);
}

/** "2015-02-24 11:35:52 -0800" (the Kaggle file) or "24-02-2015 11:35" (copies saved by a spreadsheet) */
function airlineTime(s: string): string {
  const sheet = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2})$/.exec(s.trim());
  const ms = sheet ? Date.UTC(Number(sheet[3]), Number(sheet[2]) - 1, Number(sheet[1]), Number(sheet[4]), Number(sheet[5])) : Date.parse(s.replace(' ', 'T').replace(/ ([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(ms)) throw new Error(`Tweets.csv: tweet_created not a date: ${s}`);
  return new Date(ms).toISOString().replace('.000', '');
}

async function buildAirline(file: string, set: string): Promise<void> {
  const customers = labelled(set);
  const texts = new Map<string, Set<string>>();
  const out: unknown[] = [];
  for await (const r of rows(file)) {
    const customerId = `air-${createHash('sha256').update(r.name ?? '').digest('hex').slice(0, 10)}`;
    if (!customers.has(customerId)) continue;
    const text = r.text ?? '';
    const mine = texts.get(customerId) ?? new Set<string>();
    texts.set(customerId, mine);
    if (mine.has(text) || mine.size >= 8) continue;
    mine.add(text);
    out.push({ id: `${customerId}-t${mine.size}`, customerId, channel: 'social', timestamp: airlineTime(r.tweet_created ?? ''), text, social: { platform: 'x', mentionsBrand: text.includes('@') } });
  }
  write(set, out, customers);
}

const twcs = arg('--twcs');
const airline = arg('--airline');
if (!twcs && !airline) {
  process.stderr.write('usage: npx tsx models/data/real-validation/build.ts --twcs <twcs.csv> --airline <Tweets.csv>\n');
  process.exit(2);
}
if (twcs) await buildTwcs(twcs);
if (airline) for (const set of ['airline', 'airline-2', 'airline-3']) await buildAirline(airline, set);
