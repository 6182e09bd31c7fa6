// What every evaluator returns: text for the terminal, and the headline number for the last line.
export interface EvalOptions {
  /** also score the peer packages (sentiment/AFINN, vader-sentiment) on the same data */
  compare?: boolean;
  /** archetypes: cross-validate over the given labelled sets instead of scoring the shipped model */
  cv?: boolean;
  folds?: number;
  seed?: number;
  /** archetypes: also list each customer the model got wrong (under cv, out of fold), with its evidence */
  errors?: boolean;
}

export interface EvalReport {
  /** everything before the final line: matrices, per-class tables, peer comparisons */
  body: string;
  /** the headline macro-F1, printed last as `macro-F1 0.xxx` */
  macroF1: number;
}

export type Evaluator = (paths: string[], options: EvalOptions) => Promise<EvalReport>;
