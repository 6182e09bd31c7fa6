// `rapport segments`: placeholder until the command lands.
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('segments')
    .description('(not implemented yet)')
    .action(() => {
      throw new Error('rapport segments is not implemented yet');
    });
}
