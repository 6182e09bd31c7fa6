// The analyse step against a real Redis: a job that runs again after its worker died (its folds already
// committed, its derives never enqueued) still gets every customer of the batch derived; a first run asks
// only for the customers it changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { startRedis, type TestRedis } from './helpers/redis-server.js';
import { runAnalyseJob } from '../src/queue/analyse.js';
import { QUEUES, type DeriveJob } from '../src/queue/jobs.js';
import { keys, LIVE } from '../src/store/keys.js';
import { loadState } from '../src/store/state-store.js';

let server: TestRedis;
let redis: Redis;
let derive: Queue<DeriveJob>;
const prefix = 'analyse-test';

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url, { maxRetriesPerRequest: null });
  derive = new Queue<DeriveJob>(QUEUES.derive, { connection: redis, prefix });
});
afterAll(async () => {
  await derive.close();
  redis.disconnect();
  await server.stop();
});

const items = ['ada', 'bob', 'cy'].flatMap((c, i) =>
  [0, 1].map((j) => ({ line: 2 * i + j + 1, item: { id: `${c}-${j}`, customerId: c, channel: 'email', timestamp: `2024-0${j + 1}-0${i + 1}T10:00:00Z`, text: `Thanks again, ${c}, you always sort things out quickly.` } })),
);
const pendingDerives = async () => (await derive.getJobs(['delayed', 'waiting'])).map((j) => j.data.customerId).sort();

describe('analyse job', () => {
  it('a re-run derives every customer of its batch, though nothing in it is new', async () => {
    const deps = { redis, derive, prefix, keepText: false };
    const first = await runAnalyseJob({ ns: LIVE, items }, deps);
    expect(first).toEqual({ analysed: 6, added: 6, failed: 0 });
    expect(await pendingDerives()).toEqual(['ada', 'bob', 'cy']);
    // the worker died after its folds, before its derives reached Redis
    await derive.obliterate({ force: true });
    expect(await runAnalyseJob({ ns: LIVE, items }, deps)).toEqual({ analysed: 6, added: 0, failed: 0 });
    expect(await pendingDerives()).toEqual([]);
    expect(await runAnalyseJob({ ns: LIVE, items }, { ...deps, rerun: true })).toEqual({ analysed: 6, added: 0, failed: 0 });
    expect(await pendingDerives()).toEqual(['ada', 'bob', 'cy']);
    // and nothing was counted twice
    expect((await loadState(redis, keys(prefix, LIVE), 'ada'))?.n).toBe(2);
  });
});
