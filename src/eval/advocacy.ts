// `rapport eval advocacy`: placeholder until the advocacy evaluator lands.
import type { EvalOptions, EvalReport } from './report.js';

export async function evaluate(_paths: string[], _options: EvalOptions): Promise<EvalReport> {
  throw new Error('eval advocacy is not implemented yet');
}
