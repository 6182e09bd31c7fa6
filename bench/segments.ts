// CLV hold-out check on the UCI Online Retail file: fit BG/NBD + Gamma-Gamma on the first two
// thirds of the period (and, to show it is not one lucky cut, a half and three quarters), predict
// spend over the rest, Spearman against actual purchase spend there.
// Usage: npx tsx bench/segments.ts [file] [--map From=to,...]. Prints time and peak RSS.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { applyColumnMap, parseColumnMap } from '../src/io/column-map.js';
import { classifyTransactionRow, Ledger } from '../src/segments/transactions.js';
import { holdoutCheck } from '../src/segments/clv/holdout.js';
import { DAY_MS } from '../src/segments/transactions.js';

const ONLINE_RETAIL_MAP =
  'CustomerID=customerId,InvoiceNo=orderId,InvoiceDate=timestamp,Quantity=quantity,UnitPrice=unitPrice,StockCode=sku,Country=country';

async function main() {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--')) ?? '../shared/data/online-retail/online-retail.csv';
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
  for (const share of [0.5, 2 / 3, 0.75]) {
    const cut = (startDay + Math.round((endDay - startDay) * share)) * DAY_MS;
    const calibration = new Ledger();
    const holdout = new Map<string, number>();
    rows.forEach((r, i) => {
      const t = times[i] as number;
      if (t < cut) calibration.add(r.txn, t, r.cancellation);
      else if (r.txn.amount > 0 && !r.cancellation) holdout.set(r.customerId, (holdout.get(r.customerId) ?? 0) + r.txn.amount);
    });
    const res = holdoutCheck(calibration.buyers(), cut, endDay * DAY_MS, holdout);
    const p = res.model.bgnbd.params;
    const g = res.model.gammaGamma?.params;
    console.log(
      `calibration ${new Date(startDay * DAY_MS).toISOString().slice(0, 10)}..${new Date(cut - DAY_MS).toISOString().slice(0, 10)} ` +
        `hold-out ${res.holdoutDays} d, ${res.customers} customers (${(res.activeShare * 100).toFixed(1)}% bought again): ` +
        `Spearman ${res.spearman.toFixed(3)}, Pearson ${res.pearson.toFixed(3)}, predicted ${res.predictedTotal.toFixed(0)} vs actual ${res.actualTotal.toFixed(0)}; ` +
        `BG/NBD r=${p.r.toFixed(3)} alpha=${p.alpha.toFixed(2)} a=${p.a.toFixed(3)} b=${p.b.toFixed(3)}` +
        (g ? `; GG p=${g.p.toFixed(3)} q=${g.q.toFixed(3)} gamma=${g.gamma.toFixed(2)}` : ''),
    );
  }
  console.log(`time ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
