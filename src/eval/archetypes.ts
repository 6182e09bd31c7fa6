// `rapport eval archetypes`: placeholder until the archetypes evaluator lands.
import type { EvalOptions, EvalReport } from './report.js';

export async function evaluate(_paths: string[], _options: EvalOptions): Promise<EvalReport> {
  throw new Error('eval archetypes is not implemented yet');
}
