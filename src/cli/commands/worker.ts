// `rapport worker`: queue workers (analyse batches in child processes, derive profiles, finalize corpora).
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('worker')
    .description('run queue workers (same environment as serve)')
    .option('-c, --concurrency <n>', 'analyse jobs at once, each in its own process', '1')
    .action(async (opts: { concurrency: string }) => {
      const n = Number(opts.concurrency);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--concurrency must be a positive integer (got ${opts.concurrency})`);
      // loaded on use, like serve: bullmq and the analysers are heavy for every other command
      const { runWorkerProcess } = await import('../../queue/worker-main.js');
      await runWorkerProcess(n);
    });
}
