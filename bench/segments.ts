// CLV hold-out check on the UCI Online Retail file: fit BG/NBD, Pareto/NBD or MBG/NBD + Gamma-Gamma
// on the first half, two thirds and three quarters of the period, predict spend over the rest,
// Spearman against actual purchase spend there over every calibration customer (0 for those who did
// not come back). Past net revenue is printed alongside as the naive baseline a model has to beat.
// Variants per split: BG/NBD (what `rapport segments` uses), Pareto/NBD, MBG/NBD and 'best' (highest
// likelihood of the three), with the customers first seen in the file's first 30 days (the stock)
// fitted apart from those acquired later (the split decided by BG/NBD's likelihood-ratio test), and
// Gamma-Gamma on all purchase days; the three models pooled over all customers; BG/NBD pooled with
// Gamma-Gamma on repeat days only (the `lifetimes` recipe); with --penalizer c, BG/NBD fitted with
// that L2 penalizer. Each line names the model used in brackets and the log-likelihood of every
// fitted model (stock + acquired). The last lines sum up all three splits.
// Usage: npx tsx bench/segments.ts [file] [--map From=to,...] [--penalizer c]. Prints time and peak RSS.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { applyColumnMap, parseColumnMap } from '../src/io/column-map.js';
import { classifyTransactionRow, Ledger } from '../src/segments/transactions.js';
import { holdoutCheck } from '../src/segments/clv/holdout.js';
import { cohortLogLikelihood, paramText, PURCHASE_MODEL_LABEL, type PurchaseFits, type PurchaseModelChoice, type PurchaseModelName, type SpendFrom, type ValueModel } from '../src/segments/value.js';
import { num } from './args.js';
import { DAY_MS } from '../src/segments/transactions.js';
import { spearman } from '../src/segments/stats.js';

const ONLINE_RETAIL_MAP =
  'CustomerID=customerId,InvoiceNo=orderId,InvoiceDate=timestamp,Quantity=quantity,UnitPrice=unitPrice,StockCode=sku,Country=country';

/** The parameters and log-likelihood of one fitted purchase model. */
function fitText(f: PurchaseFits, which: PurchaseModelName): string {
  if (which === 'pareto-nbd' && f.paretoNbd) {
    const p = f.paretoNbd.params;
    return `Pareto/NBD r=${p.r.toFixed(3)} alpha=${p.alpha.toFixed(2)} s=${p.s.toPrecision(3)} beta=${p.beta.toPrecision(3)} LL=${f.paretoNbd.logLikelihood.toFixed(1)}`;
  }
  const [name, fit] = which === 'mbgnbd' && f.mbgnbd ? ['MBG/NBD', f.mbgnbd] : ['BG/NBD', f.bgnbd];
  return `${name} ${paramText(fit)} LL=${fit.logLikelihood.toFixed(1)}`;
}

/** Total log-likelihood (main + stock cohort) of each fitted purchase model. */
function lls(m: ValueModel): string {
  return (Object.keys(PURCHASE_MODEL_LABEL) as PurchaseModelName[])
    .map((name) => [name, cohortLogLikelihood(m, m.stock, name)] as const)
    .filter(([, ll]) => Number.isFinite(ll))
    .map(([name, ll]) => `${PURCHASE_MODEL_LABEL[name]} ${ll.toFixed(1)}`)
    .join(', ');
}

async function main() {
  const args = process.argv.slice(2);
  const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? '../shared/data/online-retail/online-retail.csv';
  const penalizer = num('--penalizer', 0);
  const mapAt = args.indexOf('--map');
  const map = parseColumnMap(mapAt >= 0 ? args[mapAt + 1] : ONLINE_RETAIL_MAP);
  const started = performance.now();
  // one pass to collect the counted purchases and returns
  const times: number[] = [];
  const rows: { customerId: string; txn: Parameters<Ledger['add']>[0]; cancellation: boolean }[] = [];
  const parser = createReadStream(file).pipe(parse({ columns: true, bom: true, skip_empty_lines: true }));
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    const out = classifyTransactionRow(applyColumnMap(record, map));
    if (out.kind === 'skip') continue;
    times.push(out.time);
    rows.push({ customerId: out.txn.customerId, txn: out.txn, cancellation: out.kind === 'return' && out.cancellation });
  }
  let min = Infinity;
  let max = -Infinity;
  for (const t of times) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const startDay = Math.floor(min / DAY_MS);
  const endDay = Math.floor(max / DAY_MS) + 1;
  const variants: { name: string; purchaseModel: PurchaseModelChoice; spendFrom: SpendFrom; penalizer: number; stockDays: number }[] = [
    { name: 'BG/NBD, stock apart + GG(all days) [rapport segments]', purchaseModel: 'bgnbd', spendFrom: 'all-days', penalizer: 0, stockDays: 30 },
    { name: 'Pareto/NBD, stock apart + GG(all days)', purchaseModel: 'pareto-nbd', spendFrom: 'all-days', penalizer: 0, stockDays: 30 },
    { name: 'MBG/NBD, stock apart + GG(all days)', purchaseModel: 'mbgnbd', spendFrom: 'all-days', penalizer: 0, stockDays: 30 },
    { name: 'best likelihood, stock apart + GG(all days)', purchaseModel: 'best', spendFrom: 'all-days', penalizer: 0, stockDays: 30 },
    { name: 'BG/NBD pooled + GG(all days)', purchaseModel: 'bgnbd', spendFrom: 'all-days', penalizer: 0, stockDays: 0 },
    { name: 'Pareto/NBD pooled + GG(all days)', purchaseModel: 'pareto-nbd', spendFrom: 'all-days', penalizer: 0, stockDays: 0 },
    { name: 'MBG/NBD pooled + GG(all days)', purchaseModel: 'mbgnbd', spendFrom: 'all-days', penalizer: 0, stockDays: 0 },
    { name: 'BG/NBD pooled + GG(repeat days) [lifetimes]', purchaseModel: 'bgnbd', spendFrom: 'repeat-days', penalizer: 0, stockDays: 0 },
    ...(penalizer > 0
      ? [{ name: `BG/NBD pooled, penalizer ${penalizer} + GG(all days)`, purchaseModel: 'bgnbd' as const, spendFrom: 'all-days' as const, penalizer, stockDays: 0 }]
      : []),
  ];
  const summary = new Map<string, string[]>([['past net revenue', []], ...variants.map((v) => [v.name, []] as [string, string[]])]);
  for (const share of [0.5, 2 / 3, 0.75]) {
    const cut = (startDay + Math.round((endDay - startDay) * share)) * DAY_MS;
    const calibration = new Ledger();
    const holdout = new Map<string, number>();
    rows.forEach((r, i) => {
      const t = times[i] as number;
      if (t < cut) calibration.add(r.txn, t, r.cancellation);
      else if (r.txn.amount > 0 && !r.cancellation) holdout.set(r.customerId, (holdout.get(r.customerId) ?? 0) + r.txn.amount);
    });
    const buyers = calibration.buyers();
    const pastNet = buyers.map((a) => a.revenue * Math.max(0, 1 - a.returnValue / a.revenue));
    const base = spearman(pastNet, buyers.map((a) => holdout.get(a.customerId) ?? 0));
    summary.get('past net revenue')?.push(base.toFixed(3));
    for (const v of variants) {
      const t0 = performance.now();
      const res = holdoutCheck(buyers, cut, endDay * DAY_MS, holdout, v);
      summary.get(v.name)?.push(res.spearman.toFixed(3));
      const m = res.model;
      // the chosen model's parameters, and every fitted model's log-likelihood (summed over the cohorts)
      const params = `${fitText(m, m.purchases)}; LL ${lls(m)}`;
      // the note names the stock cohort and the likelihood ratio that kept it apart
      const stock = m.stock ? `; stock ${fitText(m.stock, m.purchases)}` : '';
      const g = m.gammaGamma?.params;
      console.log(
        `calibration ${new Date(startDay * DAY_MS).toISOString().slice(0, 10)}..${new Date(cut - DAY_MS).toISOString().slice(0, 10)} ` +
          `hold-out ${res.holdoutDays} d, ${res.customers} customers (${(res.activeShare * 100).toFixed(1)}% bought again): ` +
          `${v.name} [${m.purchases}]: Spearman ${res.spearman.toFixed(3)} (past net revenue ${base.toFixed(3)}), Pearson ${res.pearson.toFixed(3)}, ` +
          `predicted ${res.predictedTotal.toFixed(0)} vs actual ${res.actualTotal.toFixed(0)}; ${params}${stock}` +
          (g ? `; GG p=${g.p.toPrecision(4)} q=${g.q.toFixed(3)} gamma=${g.gamma.toPrecision(4)}` : '') +
          (m.note ? ` (${m.note})` : '') +
          `; fit ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
  }
  console.log('Spearman at the 1/2, 2/3, 3/4 splits:');
  for (const [name, values] of summary) console.log(`  ${name}: ${values.join(' / ')}`);
  console.log(`time ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
