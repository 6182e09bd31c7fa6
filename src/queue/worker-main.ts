// Entry for a worker process (`rapport worker`, tests, compose): workers until SIGTERM/SIGINT, then a graceful close.
import { createLogger, loadConfig } from '../config.js';
import { startWorkers } from './workers.js';

export async function runWorkerProcess(concurrency: number): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config, 'rapport-worker');
  const w = await startWorkers(config, log, { concurrency });
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'closing workers');
    w.close().then(
      () => process.exit(0),
      (err: Error) => {
        log.error({ err: err.message }, 'close failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // the CLI passes --concurrency; run directly (tests, compose) it is the first argument
  runWorkerProcess(Math.max(1, Number(process.argv[2] ?? 1) || 1)).catch((err: Error) => {
    process.stderr.write(`rapport worker: ${err.message}\n`);
    process.exit(1);
  });
}
