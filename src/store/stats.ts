// Cluster-wide counters (jobs done/failed per queue, interactions analysed), kept in one Redis hash.
import type { Redis } from 'ioredis';
import { storePrefix } from './keys.js';

export const statsKey = (prefix: string) => `${storePrefix(prefix)}:stats`;

export async function countStat(redis: Redis, prefix: string, what: string, by = 1): Promise<void> {
  await redis.hincrby(statsKey(prefix), what, by);
}
