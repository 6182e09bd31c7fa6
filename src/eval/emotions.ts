// `rapport eval emotions`: placeholder until the emotions evaluator lands.
import type { EvalOptions, EvalReport } from './report.js';

export async function evaluate(_paths: string[], _options: EvalOptions): Promise<EvalReport> {
  throw new Error('eval emotions is not implemented yet');
}
