// `rapport analyze`: placeholder until the command lands.
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('analyze')
    .description('(not implemented yet)')
    .action(() => {
      throw new Error('rapport analyze is not implemented yet');
    });
}
