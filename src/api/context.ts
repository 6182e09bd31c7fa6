// What every route needs: config, a fail-fast Redis connection, the queues, the key store, a logger.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Queues } from '../queue/queues.js';
import type { KeyStore } from './auth.js';

export interface Ctx {
  config: Config;
  redis: Redis;
  queues: Queues;
  keys: KeyStore;
  log: Logger;
}

/** Express 5 forwards rejected promises to the error handler; this only narrows the types. */
export type Handler = (req: import('express').Request, res: import('express').Response) => Promise<void>;
