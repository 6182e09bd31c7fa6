// The service end to end against a private redis-server: API in this process, workers in a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from './helpers/redis-server.js';
import { callApi, until, type CallOptions } from './helpers/http.js';
import { loadConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/api/server.js';
import { analyze } from '../src/nlp/analyze.js';
import { emptyState, fold, type CustomerState } from '../src/profile/state.js';
import { derive } from '../src/profile/derive.js';
import { InteractionSchema } from '../src/schemas/interaction.js';

const ADMIN = 'test-admin-key-0123456789';
const DEV = readFileSync('../shared/data/archetypes-dev/interactions.ndjson', 'utf8').trim().split('\n');

let redis: TestRedis;
let api: RunningServer;
let worker: ChildProcess;
let env: Record<string, string | undefined>;
const keys: Record<string, string> = {};

function startWorker(): ChildProcess {
  // short lock/stall timings: a SIGKILLed worker's job comes back within seconds
  return spawn(process.execPath, ['--import', 'tsx', 'src/queue/worker-main.ts', '1'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function call(method: string, path: string, opts: CallOptions = {}) {
  return callApi(api.port, method, path, { ...opts, key: opts.key === undefined ? keys.admin : opts.key });
}

beforeAll(async () => {
  redis = await startRedis();
  env = { ...process.env, REDIS_URL: redis.url, RAPPORT_ADMIN_KEY: ADMIN, RAPPORT_LOCK_MS: '3000', RAPPORT_STALLED_MS: '1500', LOG_LEVEL: 'warn', RAPPORT_RATE_LIMIT: '1000' };
  api = await startServer(loadConfig(env), 0);
  worker = startWorker();
  keys.admin = ADMIN;
  for (const role of ['service', 'marketer', 'analyst']) {
    const r = await call('POST', '/v1/keys', { body: JSON.stringify({ role, name: `${role} test` }), type: 'application/json' });
    expect(r.status).toBe(201);
    keys[role] = (r.json as { key: string }).key;
  }
});

afterAll(async () => {
  worker?.kill('SIGKILL');
  await api?.close();
  await redis?.stop();
});

function expectedProfiles(lines: string[]): Map<string, ReturnType<typeof derive>> {
  const states = new Map<string, CustomerState>();
  for (const l of lines) {
    const a = analyze(InteractionSchema.parse(JSON.parse(l)));
    states.set(a.customerId, fold(states.get(a.customerId) ?? emptyState(a.customerId), a));
  }
  return new Map([...states].map(([c, s]) => [c, derive(s)]));
}

describe('access and bad input', () => {
  it('401 without a key, 403 for the wrong role, naming the role needed', async () => {
    expect((await call('GET', '/v1/customers/x/brief', { key: null })).status).toBe(401);
    expect((await call('GET', '/v1/customers/x/brief', { key: 'nope' })).status).toBe(401);
    const r = await call('GET', '/v1/recommenders', { key: keys.service });
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.json)).toMatch(/marketer/);
    expect((await call('POST', '/v1/keys', { key: keys.analyst, body: '{}', type: 'application/json' })).status).toBe(403);
  });

  it('malformed JSON is 400; wrong types and unknown channels are rejected per item, naming the field', async () => {
    const bad = await call('POST', '/v1/interactions', { key: keys.service, body: '[{"id": 1,', type: 'application/json' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'malformed_json' } });
    const items = [
      { id: 'ok1', customerId: 'c1', channel: 'fax', timestamp: '2024-01-01T00:00:00Z', text: 'hi' },
      { id: 'ok2', customerId: 'c1', channel: 'email', timestamp: 'yesterday', text: 5 },
    ];
    const r = await call('POST', '/v1/interactions', { key: keys.service, body: JSON.stringify(items), type: 'application/json' });
    expect(r.status).toBe(202);
    const rejected = r.json.rejected as { index: number; errors: string[] }[];
    expect(r.json.accepted).toBe(0);
    expect(rejected[0]!.errors.join()).toMatch(/^channel:/);
    expect(rejected[1]!.errors.join()).toMatch(/timestamp:/);
    expect(rejected[1]!.errors.join()).toMatch(/text:/);
    const nd = await call('POST', '/v1/interactions', { key: keys.service, body: '{"id":"a"\n{not json}\n', type: 'application/x-ndjson' });
    expect((nd.json.rejected as { errors: string[] }[])[1]!.errors[0]).toMatch(/^line 2: malformed JSON/);
  });

  it('413 for a body over 10 MB and for more than 5,000 items', async () => {
    const big = await call('POST', '/v1/interactions', { key: keys.service, body: 'x'.repeat(11 * 1024 * 1024), type: 'application/json' });
    expect(big.status).toBe(413);
    expect(big.json).toMatchObject({ error: { code: 'payload_too_large' } });
    const many = await call('POST', '/v1/interactions', { key: keys.service, body: JSON.stringify(Array.from({ length: 5001 }, () => ({}))), type: 'application/json' });
    expect(many.status).toBe(413);
  });

  it('404 for an unknown customer, 400 naming a bad query parameter', async () => {
    const r = await call('GET', '/v1/customers/nobody/profile', { key: keys.service });
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ error: { code: 'unknown_customer' } });
    const q = await call('GET', '/v1/recommenders?limit=0&tier=gold', { key: keys.marketer });
    expect(q.status).toBe(400);
    expect(JSON.stringify(q.json)).toMatch(/limit/);
    expect(JSON.stringify(q.json)).toMatch(/tier/);
  });

  it('openapi, docs, health and metrics answer', async () => {
    const doc = await call('GET', '/openapi.json', { key: null });
    expect(Object.keys(doc.json.paths as object)).toContain('/v1/customers/{id}/brief');
    expect((await call('GET', '/docs', { key: null })).status).toBe(200);
    expect((await call('GET', '/readyz', { key: null })).json).toEqual({ ready: true });
    expect((await call('GET', '/metrics', { key: null })).text).toMatch(/rapport_http_request_duration_seconds/);
    expect((await call('GET', '/admin/queues', { key: keys.marketer })).status).toBe(403);
  });
});

describe('write path to brief', () => {
  const lines = DEV.slice(0, 60);
  it('posted interactions reach the brief, equal to the in-process profile; posting twice changes nothing', async () => {
    const expected = expectedProfiles(lines);
    const post = await call('POST', '/v1/interactions', { key: keys.service, body: lines.join('\n'), type: 'application/x-ndjson' });
    expect(post.json).toMatchObject({ accepted: 60, rejected: [] });
    for (const [cid, want] of expected) {
      const got = await until(`profile of ${cid}`, async () => {
        const r = await call('GET', `/v1/customers/${cid}/profile`, { key: keys.service });
        return r.status === 200 && (r.json as { interactions: { total: number } }).interactions.total === want.interactions.total && r.json;
      });
      expect(got).toEqual(JSON.parse(JSON.stringify(want)));
    }
    const cid = [...expected.keys()][0]!;
    const brief = await call('GET', `/v1/customers/${cid}/brief`, { key: keys.service });
    expect(brief.json).toMatchObject({ customerId: cid, interactions: { total: expected.get(cid)!.interactions.total } });
    const before = (await call('GET', `/v1/customers/${cid}/profile`, { key: keys.service })).text;
    await call('POST', '/v1/interactions', { key: keys.service, body: lines.join('\n'), type: 'application/x-ndjson' });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await call('GET', `/v1/customers/${cid}/profile`, { key: keys.service })).text).toBe(before);
  }, 90_000);

  it('profiles survive a Redis restart (AOF)', async () => {
    const cid = JSON.parse(lines[0]!).customerId as string;
    const before = (await call('GET', `/v1/customers/${cid}/profile`, { key: keys.service })).text;
    await redis.kill();
    await redis.restart();
    const after = await until('API reconnected', async () => {
      const r = await call('GET', `/v1/customers/${cid}/profile`, { key: keys.service });
      return r.status === 200 && r.text;
    });
    expect(after).toBe(before);
  }, 60_000);

  it('erasure via the API', async () => {
    const cid = JSON.parse(lines[0]!).customerId as string;
    expect((await call('DELETE', `/v1/customers/${cid}`, { key: keys.service })).status).toBe(403);
    expect((await call('DELETE', `/v1/customers/${cid}`)).status).toBe(204);
    expect((await call('GET', `/v1/customers/${cid}/brief`, { key: keys.service })).status).toBe(404);
  });
});

describe('corpora', () => {
  it('bad CSV rows are reported with their line numbers', async () => {
    const csv = 'id,customerId,channel,timestamp,text\nx1,k1,email,2024-01-01T00:00:00Z,hello there\nx2,k1,pigeon,2024-01-02T00:00:00Z,hi\nx3,k1,chat\n';
    const r = await call('POST', '/v1/corpora', { key: keys.analyst, body: csv, type: 'text/csv' });
    expect(r.status).toBe(202);
    const id = r.json.id as string;
    const rec = await until('corpus done', async () => {
      const g = await call('GET', `/v1/corpora/${id}`, { key: keys.analyst });
      return ['done', 'failed'].includes(g.json.state as string) && g.json;
    });
    const lines = (rec.rejectedLines as { line: number; errors: string[] }[]).map((l) => [l.line, l.errors.join()]).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(lines).toEqual([
      [3, expect.stringMatching(/^channel:/)],
      [4, expect.stringMatching(/CSV/)],
    ]);
  });

  it('a CSV header cannot reach Object.prototype ("__proto__.x" columns are dropped)', async () => {
    const csv = 'id,customerId,channel,timestamp,text,__proto__.polluted,constructor.prototype.polluted\np1,k9,email,2024-01-01T00:00:00Z,hello,yes,yes\n';
    const r = await call('POST', '/v1/corpora', { key: keys.analyst, body: csv, type: 'text/csv' });
    expect(r.status).toBe(202);
    expect(r.json).toMatchObject({ accepted: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('?map=, ?channel= and ?where= read an export as it comes; a bad map or filter is refused before any line is read', async () => {
    const csv = [
      'tweet_id,user,inbound,created_at,text',
      't1,@ana,True,2024-01-01T00:00:00Z,@FlyWest thanks for the upgrade',
      't2,@FlyWest,False,2024-01-01T01:00:00Z,@ana enjoy the flight!',
      't3,@ana,True,2024-01-02T00:00:00Z,@FlyWest where is my bag',
    ].join('\n');
    const r = await call('POST', '/v1/corpora?map=tweet_id%3Did,user%3DcustomerId,created_at%3Dtimestamp&channel=social&where=inbound%3DTrue', { key: keys.analyst, body: csv, type: 'text/csv' });
    expect(r.status).toBe(202);
    expect(r.json).toMatchObject({ accepted: 2, rejected: 0, leftOut: 1 });
    const id = r.json.id as string;
    await until('corpus done', async () => (await call('GET', `/v1/corpora/${id}`, { key: keys.analyst })).json.state === 'done');
    const out = await call('GET', `/v1/corpora/${id}/profiles`, { key: keys.analyst });
    const profiles = out.text.trim().split('\n').map((l) => JSON.parse(l) as { customerId: string; interactions: { total: number; byChannel: Record<string, number> } });
    expect(profiles.map((p) => [p.customerId, p.interactions.total, p.interactions.byChannel])).toEqual([['@ana', 2, { social: 2 }]]);
    const bad = await call('POST', '/v1/corpora?map=tweet_id', { key: keys.analyst, body: csv, type: 'text/csv' });
    expect(bad.status).toBe(400);
    expect((bad.json.error as { details: string[] }).details).toEqual(['map: "tweet_id" is not of the form From=to']);
    const badWhere = await call('POST', '/v1/corpora?where=inbound', { key: keys.analyst, body: csv, type: 'text/csv' });
    expect((badWhere.json.error as { details: string[] }).details).toEqual(['where: "inbound" is not of the form column=value']);
  }, 120_000);

  it('a worker SIGKILLed mid-corpus: a restarted worker finishes it with exact counts', async () => {
    // 12 chunks of the dev corpus under distinct ids
    const body = Array.from({ length: 6000 }, (_, i) => {
      const o = JSON.parse(DEV[i % DEV.length]!);
      return JSON.stringify({ ...o, id: `${o.id}-r${Math.floor(i / DEV.length)}` });
    }).join('\n');
    const r = await call('POST', '/v1/corpora', { key: keys.analyst, body, type: 'application/x-ndjson' });
    expect(r.json).toMatchObject({ accepted: 6000, rejected: 0 });
    const id = r.json.id as string;
    await until('first chunks done', async () => ((await call('GET', `/v1/corpora/${id}`, { key: keys.analyst })).json.progress as { chunksDone: number }).chunksDone >= 1, 90_000);
    worker.kill('SIGKILL');
    await new Promise((res) => worker.once('exit', res));
    worker = startWorker();
    const rec = await until('corpus done', async () => {
      const g = await call('GET', `/v1/corpora/${id}`, { key: keys.analyst });
      return ['done', 'failed'].includes(g.json.state as string) && g.json;
    }, 150_000);
    expect(rec).toMatchObject({ state: 'done', progress: { accepted: 6000, analysed: 6000, chunks: 12, chunksDone: 12, failed: 0 } });
    const out = await call('GET', `/v1/corpora/${id}/profiles`, { key: keys.analyst });
    const profiles = out.text.trim().split('\n').map((l) => JSON.parse(l) as { interactions: { total: number } });
    expect(profiles.reduce((s, p) => s + p.interactions.total, 0)).toBe(6000);
    // one profile per customer of the upload, each derived (the finalize's derive parts run on the analysers)
    const customers = new Set(body.split('\n').map((l) => (JSON.parse(l) as { customerId: string }).customerId));
    expect(profiles.length).toBe(customers.size);
    expect((rec as { progress: { customers: number } }).progress.customers).toBe(customers.size);
  }, 200_000);
});
