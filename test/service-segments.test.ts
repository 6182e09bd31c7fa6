// Segments through the service against a private redis-server: customers, transactions and interactions posted
// over HTTP, a recomputation job, the segment endpoints by role, and a profile derived after the recomputation
// segmented with its cut points.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from './helpers/redis-server.js';
import { callApi, until } from './helpers/http.js';
import { loadConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/api/server.js';
import { consume } from '../src/io/consume.js';
import { CustomerSchema, type Customer } from '../src/schemas/customer.js';
import { TransactionSchema, type Transaction } from '../src/schemas/transaction.js';
import { RFM_SEGMENTS } from '../src/segments/rfm.js';

const ADMIN = 'test-admin-key-0123456789';
const INTERACTIONS = readFileSync('examples/interactions.ndjson', 'utf8').trim().split('\n');

let redis: TestRedis;
let api: RunningServer;
let worker: ChildProcess;
let env: Record<string, string | undefined>;
const keys: Record<string, string> = {};
let customers: Customer[] = [];
let transactions: Transaction[] = [];

function startWorker(everyMs: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/queue/worker-main.ts', '1'], { env: { ...env, RAPPORT_SEGMENTS_EVERY_MS: everyMs }, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function call(method: string, path: string, key: string, body?: string) {
  return callApi(api.port, method, path, { key, body, ...(body === undefined ? {} : { type: 'application/json' }) });
}

async function read<T>(path: string, schema: Parameters<typeof consume>[1]): Promise<T[]> {
  const out: T[] = [];
  await consume(path, schema, { warn: () => undefined }, (r) => void out.push(r as T));
  return out;
}

beforeAll(async () => {
  redis = await startRedis();
  env = { ...process.env, REDIS_URL: redis.url, RAPPORT_ADMIN_KEY: ADMIN, LOG_LEVEL: 'warn', RAPPORT_RATE_LIMIT: '1000' };
  api = await startServer(loadConfig(env), 0);
  // no schedule at first: recomputation on demand only, so the results change only when the test asks
  worker = startWorker('0');
  for (const role of ['service', 'marketer', 'analyst']) {
    const r = await call('POST', '/v1/keys', ADMIN, JSON.stringify({ role, name: `test ${role}` }));
    keys[role] = (r.json as { key: string }).key;
  }
  customers = await read<Customer>('examples/customers.csv', CustomerSchema);
  transactions = await read<Transaction>('examples/transactions.csv', TransactionSchema);
}, 60_000);

afterAll(async () => {
  worker?.kill('SIGKILL');
  await api?.close();
  await redis?.stop();
});

describe('segments in the service', () => {
  // the last customer is held back: it arrives after the recomputation
  const late = () => customers[customers.length - 1]!.customerId;

  it('answers 404 before any recomputation, and refuses the wrong roles', async () => {
    expect((await call('GET', '/v1/segments', keys.marketer!)).status).toBe(404);
    expect((await call('GET', '/v1/segments', keys.service!)).status).toBe(403);
    expect((await call('GET', '/v1/segments/map.svg', keys.service!)).status).toBe(403);
    const r = await call('POST', '/v1/segments/recompute', keys.marketer!);
    expect(r.status).toBe(403);
    expect((r.json.error as { code: string }).code).toBe('forbidden');
  });

  it('recomputes on demand over the posted base; every role that may read sees sizes, matrix and map', async () => {
    const early = customers.filter((c) => c.customerId !== late());
    expect((await call('POST', '/v1/customers', keys.service!, JSON.stringify(early))).status).toBe(202);
    const txs = transactions.filter((t) => t.customerId !== late());
    expect((await call('POST', '/v1/transactions', keys.service!, JSON.stringify(txs))).status).toBe(202);
    const lines = INTERACTIONS.filter((l) => !l.includes(`"${late()}"`));
    expect((await call('POST', '/v1/interactions', keys.service!, lines.join('\n'))).status).toBe(202);
    const someone = early[0]!.customerId;
    await until('profiles derived', async () => (await call('GET', `/v1/customers/${someone}/profile`, keys.service!)).status === 200);

    const job = await call('POST', '/v1/segments/recompute', keys.analyst!);
    expect(job.status).toBe(202);
    const seg = await until('segments computed', async () => {
      const r = await call('GET', '/v1/segments', keys.marketer!);
      return r.status === 200 && r.json;
    });
    const buyers = new Set(txs.map((t) => t.customerId));
    const known = new Set([...early.map((c) => c.customerId), ...buyers]);
    expect(seg.customers).toBeGreaterThanOrEqual(known.size);
    expect(seg.buyers).toBe(buyers.size);
    const segmentations = seg.segmentations as Record<string, { segment: string; customers: number; revenue?: number }[]>;
    for (const name of ['rfm', 'value', 'demographic', 'geographic', 'needs', 'cluster']) {
      const sizes = segmentations[name]!;
      expect(sizes.reduce((s, x) => s + x.customers, 0), name).toBe(seg.customers);
    }
    // every buyer has a named RFM segment; the rest are "no_purchases"
    const rfm = segmentations.rfm!;
    expect(rfm.filter((x) => x.segment !== 'no_purchases').reduce((s, x) => s + x.customers, 0)).toBe(buyers.size);
    for (const x of rfm) expect([...RFM_SEGMENTS, 'no_purchases']).toContain(x.segment);
    const revenue = txs.filter((t) => t.amount > 0 && !/^c/i.test(t.orderId)).reduce((s, t) => s + t.amount, 0);
    expect(rfm.reduce((s, x) => s + (x.revenue ?? 0), 0)).toBeGreaterThan(0);
    expect(rfm.reduce((s, x) => s + (x.revenue ?? 0), 0)).toBeLessThanOrEqual(revenue + 1e-6);

    for (const role of ['marketer', 'analyst', 'admin']) {
      const key = role === 'admin' ? ADMIN : keys[role]!;
      const matrix = await call('GET', '/v1/segments/matrix', key);
      expect(matrix.status, role).toBe(200);
      expect((matrix.json.cells as { customers: number }[]).length).toBeGreaterThan(0);
      const map = await call('GET', '/v1/segments/map', key);
      expect(map.status, role).toBe(200);
      expect((map.json.bubbles as unknown[]).length).toBeGreaterThan(1);
      const svg = await call('GET', '/v1/segments/map.svg', key);
      expect(svg.status, role).toBe(200);
      expect(svg.type).toMatch(/image\/svg\+xml/);
      expect(svg.text).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    }

    // existing profiles carry the segments of the recomputation
    const profile = await until('profile segmented', async () => {
      const r = await call('GET', `/v1/customers/${someone}/profile`, keys.service!);
      return r.status === 200 && Boolean((r.json.segments as Record<string, string>).rfm) && r.json;
    });
    expect(Object.keys(profile.segments as object)).toEqual(expect.arrayContaining(['rfm', 'value', 'cluster', 'needs']));
    const brief = await call('GET', `/v1/customers/${someone}/brief`, keys.service!);
    expect(brief.json.segments).toEqual(profile.segments);
  }, 120_000);

  it('a customer arriving after the recomputation is segmented with the stored cut points', async () => {
    const id = late();
    const txs = transactions.filter((t) => t.customerId === id);
    expect(txs.length).toBeGreaterThan(0);
    const before = (await call('GET', '/v1/segments', keys.analyst!)).json.computedAt;
    expect((await call('POST', '/v1/customers', keys.service!, JSON.stringify([customers[customers.length - 1]]))).status).toBe(202);
    expect((await call('POST', '/v1/transactions', keys.service!, JSON.stringify(txs))).status).toBe(202);
    const lines = INTERACTIONS.filter((l) => l.includes(`"${id}"`));
    expect(lines.length).toBeGreaterThan(0);
    expect((await call('POST', '/v1/interactions', keys.service!, lines.join('\n'))).status).toBe(202);
    const profile = await until('late profile', async () => {
      const r = await call('GET', `/v1/customers/${id}/profile`, keys.service!);
      return r.status === 200 && (r.json.interactions as { total: number }).total === lines.length && r.json;
    });
    const segments = profile.segments as Record<string, string>;
    expect(RFM_SEGMENTS as readonly string[]).toContain(segments.rfm);
    expect(['high', 'medium', 'low']).toContain(segments.value);
    // not in the last base: no cluster until the next recomputation; the stored results did not change
    expect(segments.cluster).toBe('none');
    expect((await call('GET', '/v1/segments', keys.analyst!)).json.computedAt).toBe(before);
  }, 120_000);

  it('recomputes on the schedule: the next run takes the late customer into the base', async () => {
    const before = (await call('GET', '/v1/segments', keys.analyst!)).json;
    worker.kill('SIGTERM');
    await new Promise((r) => worker.once('exit', r));
    worker = startWorker('2000');
    const after = await until('scheduled recomputation', async () => {
      const r = await call('GET', '/v1/segments', keys.analyst!);
      return r.status === 200 && r.json.computedAt !== before.computedAt && r.json;
    });
    expect(after.customers).toBe((before.customers as number) + 1);
    expect(after.buyers).toBe((before.buyers as number) + 1);
  }, 120_000);

  it('stores no customer id with the segments: erasing a customer leaves nothing of theirs in Redis', async () => {
    const id = customers[0]!.customerId;
    expect((await call('DELETE', `/v1/customers/${id}`, ADMIN)).status).toBe(204);
    const found: string[] = [];
    let cursor = '0';
    do {
      const r = spawnSync('redis-cli', ['-p', String(redis.port), '--raw', 'scan', cursor, 'count', '1000'], { encoding: 'utf8' });
      const [next, ...keys] = r.stdout.trim().split('\n');
      cursor = next!;
      for (const key of keys) {
        if (key.includes(id)) found.push(key);
        if (key.includes(':seg:')) {
          const cli = (...a: string[]) => spawnSync('redis-cli', ['-p', String(redis.port), '--raw', ...a], { encoding: 'utf8' }).stdout;
          const type = cli('type', key).trim();
          const v = type === 'string' ? cli('get', key) : type === 'hash' ? cli('hgetall', key) : type === 'set' ? cli('smembers', key) : `unexpected type ${type}`;
          if (v.includes(id) || v.startsWith('unexpected')) found.push(`${key}: ${v.slice(0, 80)}`);
        }
      }
    } while (cursor !== '0');
    expect(found).toEqual([]);
  });
});
