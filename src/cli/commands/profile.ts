// `rapport profile <interactions>`: the embedded batch profiler. Streams interactions through analyze(),
// folds them per customer in memory, reads optional customer attributes and transactions, and writes one
// profile per customer (NDJSON, or flattened CSV).
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CustomerSchema } from '../../schemas/customer.js';
import { TransactionSchema } from '../../schemas/transaction.js';
import { RecommenderConfigSchema, type RecommenderConfig } from '../../profile/recommender.js';
import { consume, RecordError, StrictModeError, type ConsumeOptions, type ReadTally } from '../../io/consume.js';
import { describeIssues } from '../../io/read.js';
import { openOutput } from '../../io/write.js';
import { profileCsvHeader, profileCsvRow } from '../../io/profile-csv.js';
import { createProgress } from '../progress.js';
import { channelOption, exportShape, mapOption, whereOption, type ExportFlags } from '../export-options.js';
import { preferSmallHeap } from '../heap.js';
import { exportSchema } from '../../io/column-map.js';

interface ProfileFlags extends ExportFlags {
  customers?: string;
  transactions?: string;
  out?: string;
  format: string;
  asOf?: string;
  recommenderConfig?: string;
  inputFormat?: string;
  strict?: boolean;
}

function parseAsOf(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`--as-of: "${value}" is not a date (use ISO-8601, e.g. 2024-06-30)`);
  return d;
}

async function loadRecommenderConfig(path: string | undefined): Promise<RecommenderConfig | undefined> {
  if (path === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new Error(`--recommender-config: cannot read ${path}: ${(err as Error).message}`);
  }
  const parsed = RecommenderConfigSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`--recommender-config ${path}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

export function register(program: Command): void {
  program
    .command('profile')
    .description('one profile per customer: archetype + playbook, sentiment, emotions, recommender score, segments')
    .argument('<interactions>', 'interactions file (NDJSON or CSV), or - for stdin')
    .option('--customers <file>', 'customer attributes (NDJSON or CSV)')
    .option('--transactions <file>', 'transactions (NDJSON or CSV)')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--format <format>', 'ndjson or csv', 'ndjson')
    .option('--as-of <date>', 'measure recency from this date (default: each customer’s last interaction)')
    .option('--recommender-config <file>', 'JSON overriding the recommender weights, scales and tiers')
    .option('--input-format <format>', 'ndjson or csv for every input (default: from each file extension)')
    .option('--strict', 'stop with a non-zero exit at the first malformed line')
    .addOption(mapOption())
    .addOption(channelOption())
    .addOption(whereOption())
    .action(async (path: string, flags: ProfileFlags) => {
      const shape = exportShape(flags);
      if (flags.format !== 'ndjson' && flags.format !== 'csv') throw new Error(`--format must be ndjson or csv, got "${flags.format}"`);
      const asOf = parseAsOf(flags.asOf);
      const recommender = await loadRecommenderConfig(flags.recommenderConfig);
      preferSmallHeap();
      // loaded here, not at start-up: other commands (and --help) should not pay for the models
      const [{ ProfileBatch }, { SEGMENTATIONS }] = await Promise.all([import('../../profile/batch.js'), import('../../segments/index.js')]);
      const progress = createProgress();
      const options: ConsumeOptions = { inputFormat: flags.inputFormat, strict: flags.strict, warn: progress.log, track: progress.track };
      const batch = new ProfileBatch();
      const summaries: string[] = [];
      const note = (tally: ReadTally, what: string) => summaries.push(`${tally.label}: read ${tally.read}, ${what} ${tally.ok}, ${tally.skippedSummary()}`);
      let interactions: ReadTally;
      try {
        // attributes and transactions first, so a bad path fails before the long interactions pass
        if (flags.customers) note(await consume(flags.customers, exportSchema(CustomerSchema, shape.columns), options, (c) => batch.addCustomer(c)), 'customers');
        if (flags.transactions) note(await consume(flags.transactions, exportSchema(TransactionSchema, shape.columns), options, (t) => batch.addTransaction(t)), 'transactions');
        interactions = await consume(path, shape.interactions, { ...options, keep: shape.keep }, (interaction) => {
          try {
            batch.addInteraction(interaction);
          } catch (err) {
            throw new RecordError(`analysis failed: ${(err as Error).message}`);
          }
        });
      } catch (err) {
        if (!(err instanceof StrictModeError)) throw err;
        progress.log(`rapport: ${err.message}`);
        process.exitCode = 1;
        return;
      }
      const dup = batch.duplicates ? `, ${batch.duplicates} repeated ids ignored` : '';
      summaries.push(`${interactions.label}: read ${interactions.read}, analysed ${batch.analysed}${dup}, ${interactions.skippedSummary()}`);

      const out = openOutput(flags.out);
      let written = 0;
      try {
        const segmentNames = SEGMENTATIONS;
        if (flags.format === 'csv') await out.write(profileCsvHeader(segmentNames));
        for (const profile of batch.profiles({ asOf, recommender })) {
          await out.write(flags.format === 'csv' ? profileCsvRow(profile, segmentNames) : JSON.stringify(profile));
          written++;
        }
      } finally {
        await out.close();
      }
      for (const s of summaries) progress.log(s);
      for (const n of batch.segmentNotes) progress.log(`segments: ${n}`);
      progress.log(`rapport: ${written} profiles written`);
      if (interactions.ok === 0) {
        progress.log(`rapport: nothing could be read from ${interactions.label}${interactions.left ? ` (${interactions.left} records left out by --where)` : ''}`);
        process.exitCode = 1;
      }
    });
}
