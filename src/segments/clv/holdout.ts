// Hold-out check of the CLV model: fit on a calibration period, predict each calibration
// customer's spend over the hold-out period, and compare with what they actually spent there
// (Spearman rank correlation, so only the ordering of customers matters; customers who spent
// nothing in the hold-out count, with 0).
import { spearman, pearson } from '../stats.js';
import { DAY_MS, type CustomerActivity } from '../transactions.js';
import { summarize, fitValueModel, stockBoundary, expectedSpendWithin, type PurchaseModelChoice, type SpendFrom, type ValueModel } from '../value.js';

export interface HoldoutResult {
  customers: number;
  holdoutDays: number;
  spearman: number;
  pearson: number;
  /** share of calibration customers who bought again in the hold-out */
  activeShare: number;
  predictedTotal: number;
  actualTotal: number;
  model: ValueModel;
}

/**
 * @param calibration activity of transactions strictly before `calibrationEnd` (ms)
 * @param holdoutSpend customerId -> purchase revenue in [calibrationEnd, holdoutEnd)
 */
export function holdoutCheck(
  calibration: readonly CustomerActivity[],
  calibrationEnd: number,
  holdoutEnd: number,
  holdoutSpend: ReadonlyMap<string, number>,
  options: { purchaseModel?: PurchaseModelChoice; spendFrom?: SpendFrom; penalizer?: number; stockDays?: number } = {},
): HoldoutResult {
  // the calibration period ends the day before the cut, so T counts whole observed days (as
  // `lifetimes` calibration_and_holdout_data: calibration_period_end inclusive, hold-out after it)
  const asOf = calibrationEnd - DAY_MS;
  const summaries = calibration.map((a) => summarize(a, asOf, options.spendFrom));
  const stockBefore = stockBoundary(summaries, options.stockDays);
  const model = fitValueModel(summaries, options.purchaseModel ?? 'bgnbd', { penalizer: options.penalizer ?? 0, ...(stockBefore === undefined ? {} : { stockBefore }) });
  const holdoutDays = Math.round((holdoutEnd - calibrationEnd) / DAY_MS);
  const predicted = summaries.map((s) => expectedSpendWithin(model, s, holdoutDays));
  const actual = summaries.map((s) => holdoutSpend.get(s.customerId) ?? 0);
  return {
    customers: summaries.length,
    holdoutDays,
    spearman: spearman(predicted, actual),
    pearson: pearson(predicted, actual),
    activeShare: actual.filter((v) => v > 0).length / Math.max(1, actual.length),
    predictedTotal: predicted.reduce((s, v) => s + v, 0),
    actualTotal: actual.reduce((s, v) => s + v, 0),
    model,
  };
}
