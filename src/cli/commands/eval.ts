// `rapport eval`: placeholder until the command lands.
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('eval')
    .description('(not implemented yet)')
    .action(() => {
      throw new Error('rapport eval is not implemented yet');
    });
}
