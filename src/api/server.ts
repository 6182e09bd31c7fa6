// `rapport serve`: the API process. SIGTERM stops accepting, lets in-flight requests finish, then closes Redis.
import type { Server } from 'node:http';
import { createLogger, type Config } from '../config.js';
import { createQueues } from '../queue/queues.js';
import { producerConnection, ready } from '../store/redis.js';
import { KeyStore } from './auth.js';
import { createApp } from './app.js';

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startServer(config: Config, port = config.PORT): Promise<RunningServer> {
  const log = createLogger(config, 'rapport-api');
  const redis = producerConnection(config.REDIS_URL);
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis connection error'));
  await ready(redis);
  const queues = createQueues(config, redis);
  const keys = new KeyStore(redis, config.RAPPORT_PREFIX, config.RAPPORT_ADMIN_KEY);
  if (!config.RAPPORT_ADMIN_KEY) log.warn('RAPPORT_ADMIN_KEY is not set: no admin can create API keys');
  const app = createApp({ config, redis, queues, keys, log });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(port, '0.0.0.0', () => resolve(s));
  });
  // keep-alive sockets longer than a typical load balancer's idle timeout
  server.keepAliveTimeout = 65_000;
  const addr = server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  log.info({ port: actual }, 'api listening');
  return {
    server,
    port: actual,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await queues.close();
      redis.disconnect();
    },
  };
}
