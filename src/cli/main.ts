#!/usr/bin/env node
// rapport: the command line. Subcommands live one per module under src/cli/commands/.
import { Command } from 'commander';

const program = new Command('rapport')
  .description('Customer relationship mining: archetypes, sentiment, emotions, recommenders, segments.')
  .showHelpAfterError();

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`rapport: ${(err as Error).message}\n`);
  process.exit(1);
});
