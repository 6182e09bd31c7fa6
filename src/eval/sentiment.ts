// `rapport eval sentiment`: placeholder until the sentiment evaluator lands.
import type { EvalOptions, EvalReport } from './report.js';

export async function evaluate(_paths: string[], _options: EvalOptions): Promise<EvalReport> {
  throw new Error('eval sentiment is not implemented yet');
}
