// `rapport eval <kind> <data...>`: scores one analyser on labelled data; the last stdout line is `macro-F1 0.xxx`.
import { type Command, InvalidArgumentError } from 'commander';
import type { EvalOptions, Evaluator } from '../../eval/report.js';

// loaded on demand: each evaluator may pull in its own models and peer packages
const EVALUATORS: Record<string, () => Promise<{ evaluate: Evaluator }>> = {
  archetypes: () => import('../../eval/archetypes.js'),
  sentiment: () => import('../../eval/sentiment.js'),
  emotions: () => import('../../eval/emotions.js'),
  advocacy: () => import('../../eval/advocacy.js'),
};

interface EvalFlags {
  compare?: boolean;
  cv?: boolean;
  folds?: number;
  seed?: number;
  errors?: boolean;
}

function integerFrom(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`must be an integer >= ${min}`);
    return n;
  };
}

export function register(program: Command): void {
  program
    .command('eval')
    .description('score an analyser on labelled data: confusion matrix, per-class P/R/F1, then macro-F1')
    .argument('<kind>', Object.keys(EVALUATORS).join(' | '))
    .argument('<data...>', 'labelled data files or folders')
    .option('--compare', 'also run the peer packages (sentiment/AFINN, vader-sentiment) on the same data')
    .option('--cv', 'archetypes: cross-validate over the given sets (model and bag-of-words baseline on the same folds)')
    .option('--folds <n>', 'cross-validation folds', integerFrom(2))
    .option('--seed <n>', 'seed for fold assignment', integerFrom(0))
    .option('--errors', "archetypes: also list the customers the model got wrong (out of fold with --cv), with the evidence it named")
    .action(async (kind: string, data: string[], flags: EvalFlags) => {
      const load = EVALUATORS[kind];
      if (!load) throw new Error(`unknown eval kind "${kind}"; use one of ${Object.keys(EVALUATORS).join(', ')}`);
      const options: EvalOptions = { compare: flags.compare, cv: flags.cv, folds: flags.folds, seed: flags.seed, errors: flags.errors };
      const { evaluate } = await load();
      const report = await evaluate(data, options);
      const body = report.body.endsWith('\n') || report.body === '' ? report.body : report.body + '\n';
      process.stdout.write(`${body}macro-F1 ${report.macroF1.toFixed(3)}\n`);
    });
}
