// `rapport segments`: classic segments, CLV, valuation, archetype x segment matrix and map for a
// customer base. Streams the transactions once into per-customer activity (src/segments/
// transactions.ts), optionally reads customer attributes and interactions (profiled with the
// embedded pipeline), runs segmentBase() and writes into --out:
//   segments.csv   one row per customer; valuation.csv; matrix.csv; map.json + map.svg;
//   profiles.ndjson (with --interactions: every profile carrying its segments).
// The summary (what was read, what was skipped and why, the fitted models, time, peak RSS) goes to
// stderr, so stdout stays empty and scripts can rely on the files alone.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { CustomerSchema, type Customer } from '../../schemas/customer.js';
import { ProfileBatch } from '../../profile/batch.js';
import { derive } from '../../profile/derive.js';
import { consume, RecordError, StrictModeError, type ConsumeOptions } from '../../io/consume.js';
import { describeIssues } from '../../io/read.js';
import { csvRow, type Cell } from '../../io/csv.js';
import { openOutput } from '../../io/write.js';
import { applyColumnMap } from '../../io/column-map.js';
import { channelOption, exportShape, whereOption, type ExportFlags } from '../export-options.js';
import { DAY_MS, Ledger, SKIP_REASONS, type SkipReason } from '../../segments/transactions.js';
import type { PurchaseFits } from '../../segments/value.js';
import { segmentBase, SEGMENTATIONS, type CustomerSegments } from '../../segments/index.js';
import { mapSvg } from '../../segments/map-svg.js';
import { textFactsOf, type TextFacts } from '../../segments/text-facts.js';
import { DEFAULT_CHANNEL_COSTS, type ChannelCosts } from '../../segments/valuation.js';
import type { Profile } from '../../profile/types.js';
import { createProgress } from '../progress.js';
import { preferSmallHeap } from '../heap.js';

interface SegmentsFlags extends ExportFlags {
  transactions: string;
  customers?: string;
  interactions?: string;
  asOf?: string;
  out: string;
  costPerChannel?: string;
  mapBy: string;
  inputFormat?: string;
  strict?: boolean;
}

const AnyRecord = z.record(z.string(), z.unknown());

const SKIP_TEXT: Record<SkipReason, string> = {
  missing_customer_id: 'no customer id',
  bad_date: 'timestamp missing or not a date',
  after_as_of: 'after --as-of',
  non_positive_price: 'zero or negative price (or amount 0)',
  zero_quantity: 'quantity 0',
  invalid: 'other invalid field',
};

/** A date-only --as-of means the end of that day (UTC), so its transactions count. */
export function parseAsOf(value: string): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value.trim());
  const ms = Date.parse(dateOnly ? `${value.trim()}T23:59:59.999Z` : value);
  if (Number.isNaN(ms)) throw new Error(`--as-of: "${value}" is not a date (use ISO-8601, e.g. 2011-12-09)`);
  return ms;
}

export function parseCosts(spec: string | undefined): ChannelCosts {
  if (!spec) return DEFAULT_CHANNEL_COSTS;
  const out: ChannelCosts = { ...DEFAULT_CHANNEL_COSTS };
  for (const part of spec.split(',')) {
    const [ch, v] = part.split('=').map((s) => s.trim());
    const n = Number(v);
    if (!ch || !Number.isFinite(n) || n < 0) throw new Error(`--cost-per-channel: "${part}" is not channel=cost (cost >= 0)`);
    out[ch] = n;
  }
  return out;
}

const num = (v: number | null | undefined, d = 2): Cell => (v === null || v === undefined || !Number.isFinite(v) ? '' : Number(v.toFixed(d)));

const SEGMENT_HEADER = [
  'customerId', 'recency_days', 'frequency', 'monetary', 'r', 'f', 'm', 'rfm_segment', 'clv_12m', 'expected_purchases_12m', 'p_alive',
  'value_tier', 'cluster', 'cluster_description', 'age_band', 'gender', 'income_band', 'country', 'region', 'city', 'company_size', 'industry',
  'behaviour_frequency', 'orders_per_30d', 'returns_rate', 'new_item_share', 'item_behaviour', 'category_affinity', 'engagement',
  'top_channel', 'occasion', 'holiday_share', 'week_part', 'needs', 'needs_all',
];

function segmentRow(c: CustomerSegments, describe: (k: number | null) => string): Cell[] {
  const b = c.behavioural;
  return [
    c.customerId, c.recencyDays, c.frequency, num(c.monetary), c.r, c.f, c.m, c.rfmSegment, num(c.clv12m), num(c.expectedPurchases12m, 3), num(c.pAlive, 3),
    c.valueTier, c.cluster, describe(c.cluster), c.demographic.ageBand, c.demographic.gender, c.demographic.incomeBand, c.geographic.country,
    c.geographic.region, c.geographic.city, c.firmographic.sizeBand, c.firmographic.industry, b?.frequency ?? '', num(b?.ordersPer30d, 3),
    num(b?.returnsRate, 3), num(b?.newItemShare, 3), b?.items ?? '', b?.categoryAffinity ?? '', c.engagement.label, c.engagement.topChannel,
    c.occasion?.label ?? '', num(c.occasion?.holidayShare, 3), c.occasion?.weekPart ?? '', c.needs.label, c.needs.needs.join('+'),
  ];
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = openOutput(path);
  try {
    for (const line of lines) await out.write(line);
  } finally {
    await out.close();
  }
}

/** The fitted purchase model the CLV uses, for the summary (BG/NBD or Pareto/NBD, with its likelihood). */
function describePurchases(fits: PurchaseFits, who: string): string {
  const b = fits.bgnbd;
  const bg = `BG/NBD r=${b.params.r.toFixed(4)} alpha=${b.params.alpha.toFixed(3)} a=${b.params.a.toPrecision(4)} b=${b.params.b.toPrecision(4)} (LL ${b.logLikelihood.toFixed(1)})`;
  const pn = fits.paretoNbd;
  if (!pn) return `${who}: ${bg}`;
  const pp = pn.params;
  return `${who}: ${bg}; Pareto/NBD r=${pp.r.toFixed(4)} alpha=${pp.alpha.toFixed(3)} s=${pp.s.toPrecision(4)} beta=${pp.beta.toPrecision(4)} (LL ${pn.logLikelihood.toFixed(1)})`;
}

export function register(program: Command): void {
  program
    .command('segments')
    .description('classic segments (RFM, CLV value, demographic, geographic, firmographic, behavioural, engagement, occasion, needs, clusters), valuation, archetype x segment matrix and map')
    .requiredOption('--transactions <file>', 'transactions (CSV or NDJSON): amount, or quantity and unitPrice')
    .option('--customers <file>', 'customer attributes (CSV or NDJSON)')
    .option('--interactions <file>', 'interactions (CSV or NDJSON): profiled for engagement, needs and the archetype matrix')
    .option('--map <from=to,...>', 'rename input columns, e.g. CustomerID=customerId,InvoiceNo=orderId,InvoiceDate=timestamp')
    .addOption(channelOption())
    .addOption(whereOption())
    .option('--as-of <date>', 'analysis date; later transactions are skipped (default: the last transaction)')
    .requiredOption('--out <dir>', 'directory for segments.csv, valuation.csv, matrix.csv, map.json, map.svg')
    .option('--cost-per-channel <channel=cost,...>', `cost of one interaction per channel (default ${Object.entries(DEFAULT_CHANNEL_COSTS).map(([k, v]) => `${k}=${v}`).join(',')})`)
    .option('--map-by <segmentation>', `segmentation drawn on the map: ${SEGMENTATIONS.join(', ')}`, 'rfm')
    .option('--input-format <format>', 'ndjson or csv for every input (default: from each file extension)')
    .option('--strict', 'stop with a non-zero exit at the first malformed line')
    .action(async (flags: SegmentsFlags) => {
      const started = performance.now();
      preferSmallHeap();
      if (!(SEGMENTATIONS as readonly string[]).includes(flags.mapBy)) throw new Error(`--map-by must be one of ${SEGMENTATIONS.join(', ')}, got "${flags.mapBy}"`);
      const shape = exportShape(flags);
      const columns = shape.columns;
      const asOfFlag = flags.asOf === undefined ? undefined : parseAsOf(flags.asOf);
      const costs = parseCosts(flags.costPerChannel);
      const progress = createProgress();
      const options: ConsumeOptions = { inputFormat: flags.inputFormat, strict: flags.strict, warn: progress.log, track: progress.track };
      const log = progress.log;

      const customers = new Map<string, Customer>();
      const ledger = new Ledger();
      const batch = new ProfileBatch();
      try {
        if (flags.customers) {
          const t = await consume(flags.customers, AnyRecord, options, (rec) => {
            const parsed = CustomerSchema.safeParse(applyColumnMap(rec, columns));
            if (!parsed.success) throw new RecordError(describeIssues(parsed.error));
            const known = customers.get(parsed.data.customerId);
            customers.set(parsed.data.customerId, known ? { ...known, ...parsed.data } : parsed.data);
          });
          log(`${t.label}: read ${t.read}, customers ${customers.size}, ${t.skippedSummary()}`);
        }
        const tt = await consume(flags.transactions, AnyRecord, options, (rec) => {
          ledger.addRow(applyColumnMap(rec, columns), asOfFlag);
        });
        if (tt.skipped) log(`${tt.label}: ${tt.skippedSummary()}`);
        if (flags.interactions) {
          const ti = await consume(flags.interactions, shape.interactions, { ...options, keep: shape.keep }, (interaction) => {
            try {
              batch.addInteraction(interaction);
            } catch (err) {
              throw new RecordError(`analysis failed: ${(err as Error).message}`);
            }
          });
          log(`${ti.label}: read ${ti.read}, analysed ${batch.analysed}, ${ti.skippedSummary()}`);
        }
      } catch (err) {
        if (!(err instanceof StrictModeError)) throw err;
        log(`rapport: ${err.message}`);
        process.exitCode = 1;
        return;
      }

      // the transaction tally: every line is a purchase, a return, or skipped for a stated reason
      const counted = ledger.purchases + ledger.returns;
      log(`${flags.transactions}: ${ledger.rows} lines: ${ledger.purchases} purchases, ${ledger.returns} returns (${ledger.cancellations} cancellation invoices; kept out of revenue, used for the returns rate), ${ledger.rows - counted} skipped`);
      for (const reason of SKIP_REASONS) {
        const n = ledger.skipped.get(reason);
        if (n) log(`  skipped ${n} (${SKIP_TEXT[reason]})${ledger.skipExamples.has(reason) ? `, e.g. ${ledger.skipExamples.get(reason)}` : ''}`);
      }
      const buyers = ledger.buyers();
      if (buyers.length === 0) {
        log('rapport: no countable purchases: nothing to segment');
        process.exitCode = 1;
        return;
      }
      const asOf = asOfFlag ?? ledger.maxTime;

      // text: derive each customer's profile once, keep the facts the segmenters read
      const text = new Map<string, TextFacts>();
      const profiles = new Map<string, Profile>();
      for (const [id, state] of batch.states) {
        const profile = derive(state, customers.get(id), undefined, { asOf: new Date(asOf) });
        profiles.set(id, profile);
        text.set(id, textFactsOf(state, profile));
      }

      const result = segmentBase({ activities: buyers, asOf, customers, text: flags.interactions ? text : undefined }, { channelCosts: costs, mapBy: flags.mapBy as (typeof SEGMENTATIONS)[number] });

      await mkdir(flags.out, { recursive: true });
      const describe = (k: number | null) => (k === null ? '' : (result.clustering.clusters[k]?.description ?? ''));
      await writeLines(join(flags.out, 'segments.csv'), (function* () {
        yield csvRow(SEGMENT_HEADER);
        for (const c of result.customers) yield csvRow(segmentRow(c, describe));
      })());
      await writeLines(join(flags.out, 'valuation.csv'), (function* () {
        yield csvRow(['segmentation', 'segment', 'customers', 'revenue', 'revenue_per_customer', 'clv_12m', 'growth_per_month', 'cost_to_serve', 'priority']);
        for (const v of result.valuation) {
          yield csvRow([v.segmentation, v.segment, v.customers, num(v.revenue), num(v.revenuePerCustomer), num(v.clv12m), num(v.growth, 4), num(v.costToServe), num(v.priority, 2)]);
        }
      })());
      await writeLines(join(flags.out, 'matrix.csv'), (function* () {
        yield csvRow(['segmentation', 'segment', 'archetype', 'customers', 'revenue', 'mean_recommender', 'mean_sentiment']);
        for (const m of result.matrix) yield csvRow([m.segmentation, m.segment, m.archetype, m.customers, num(m.revenue), num(m.meanRecommender), num(m.meanSentiment, 3)]);
      })());
      if (result.map) {
        await writeFile(join(flags.out, 'map.json'), JSON.stringify(result.map, null, 2) + '\n');
        await writeFile(join(flags.out, 'map.svg'), mapSvg(result.map) + '\n');
      }
      if (flags.interactions) {
        const segs = new Map(result.customers.map((c) => [c.customerId, c.segments]));
        await writeLines(join(flags.out, 'profiles.ndjson'), (function* () {
          for (const id of [...profiles.keys()].sort()) yield JSON.stringify({ ...(profiles.get(id) as Profile), segments: segs.get(id) ?? {} });
        })());
      }

      // summary
      const byRfm = new Map<string, number>();
      for (const c of result.customers) byRfm.set(c.rfmSegment, (byRfm.get(c.rfmSegment) ?? 0) + 1);
      log(`as of ${new Date(asOf).toISOString()}: ${buyers.length} customers with purchases, ${result.customers.length} in all`);
      log(`rfm: ${[...byRfm.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      const vm = result.valueModel;
      if (vm) {
        log(`purchases (days; ${vm.purchases === 'bgnbd' ? 'BG/NBD' : 'Pareto/NBD'} predicts): ${describePurchases(vm, vm.stock ? 'customers acquired in the file' : 'all customers')}`);
        if (vm.stock) log(`purchases (days): ${describePurchases(vm.stock, `stock cohort (first seen before ${new Date(vm.stock.before * DAY_MS).toISOString().slice(0, 10)})`)}`);
        const g = vm.gammaGamma?.params;
        log(g && g.q > 1 ? `spend: Gamma-Gamma p=${g.p.toFixed(3)} q=${g.q.toFixed(3)} gamma=${g.gamma.toFixed(2)}` : 'spend: each customer\'s own mean (no Gamma-Gamma fit, see note)');
        const clvTotal = result.customers.reduce((s, c) => s + (c.clv12m ?? 0), 0);
        log(`clv_12m: total ${clvTotal.toFixed(0)}, mean ${(clvTotal / buyers.length).toFixed(2)} per customer`);
      }
      for (const n of result.notes) log(`note: ${n}`);
      log(`clusters: k=${result.clustering.k} (silhouette ${result.clustering.silhouette.toFixed(3)}): ${result.clustering.clusters.map((c) => `c${c.id} ${c.size}: ${c.description}`).join('; ')}`);
      if (result.map) log(`map (${result.map.segmentation}): x = ${result.map.x.attribute} (eta² ${result.map.x.eta2.toFixed(2)}), y = ${result.map.y.attribute} (eta² ${result.map.y.eta2.toFixed(2)})`);
      log(`wrote ${flags.out}/{segments.csv,valuation.csv,matrix.csv${result.map ? ',map.json,map.svg' : ''}${flags.interactions ? ',profiles.ndjson' : ''}}`);
      log(`time ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
    });
}
