// `rapport serve`: the HTTP API (configuration from the environment; see README "Running the service").
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP API (env: REDIS_URL, PORT, RAPPORT_ADMIN_KEY, RAPPORT_KEEP_TEXT, RAPPORT_PREFIX)')
    .action(async () => {
      // loaded here, not at the top: every other command would otherwise pay for express, bullmq and redis
      const [{ loadConfig }, { startServer }] = await Promise.all([import('../../config.js'), import('../../api/server.js')]);
      const s = await startServer(loadConfig());
      let closing = false;
      const stop = () => {
        if (closing) return;
        closing = true;
        s.close().then(() => process.exit(0), () => process.exit(1));
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    });
}
