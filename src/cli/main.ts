#!/usr/bin/env node
// rapport: the command line. Each subcommand is a module under src/cli/commands/ exporting register().
import { Command } from 'commander';
import { register as registerAnalyze } from './commands/analyze.js';
import { register as registerProfile } from './commands/profile.js';
import { register as registerEval } from './commands/eval.js';
import { register as registerSegments } from './commands/segments.js';
import { register as registerServe } from './commands/serve.js';
import { register as registerWorker } from './commands/worker.js';

const program = new Command('rapport')
  .description('Customer relationship mining: archetypes, sentiment, emotions, recommenders, segments.')
  .showHelpAfterError();

for (const register of [registerAnalyze, registerProfile, registerEval, registerSegments, registerServe, registerWorker]) register(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`rapport: ${(err as Error).message}\n`);
  process.exit(1);
});
