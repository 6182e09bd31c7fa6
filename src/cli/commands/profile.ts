// `rapport profile`: placeholder until the command lands.
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('profile')
    .description('(not implemented yet)')
    .action(() => {
      throw new Error('rapport profile is not implemented yet');
    });
}
