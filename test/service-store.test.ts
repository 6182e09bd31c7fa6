// The Redis store folds exactly like the in-memory fold(), dedupes re-sent batches, and erases completely.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startRedis, type TestRedis } from './helpers/redis-server.js';
import { emptyState, fold, type CustomerState } from '../src/profile/state.js';
import { derive } from '../src/profile/derive.js';
import { ADVOCACY_CLASSES, EMOTIONS, type MessageAnalysis } from '../src/nlp/types.js';
import { CHANNELS } from '../src/schemas/interaction.js';
import { keys } from '../src/store/keys.js';
import { COMPACT_AT, compact, foldBatch, loadState } from '../src/store/state-store.js';
import { eraseCustomer, rebuildProfile } from '../src/store/profiles.js';

let server: TestRedis;
let redis: Redis;

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url);
});
afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

/** mulberry32: deterministic pseudo-random analyses with every feature the fold touches */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function analyses(n: number, customers: number, seed: number): MessageAnalysis[] {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const signals = ['gratitude', 'loyalty', 'escalation', 'demand_entitlement', 'novelty'];
  const phrases = ['Thank you', 'thank you', 'always come back', 'manager now', 'so exciting', 'ça marche', 'naïve idea'];
  const out: MessageAnalysis[] = [];
  for (let i = 0; i < n; i++) {
    const channel = pick(CHANNELS);
    // equal timestamps on purpose, so the recent tie-break by id is exercised
    const timestamp = new Date(Date.UTC(2024, Math.floor(r() * 14), 1 + Math.floor(r() * 3))).toISOString();
    const emotions = Object.fromEntries(EMOTIONS.map((e) => [e, r() < 0.4 ? r() / 3 : 0])) as MessageAnalysis['emotions'];
    const sig: Record<string, number> = {};
    const evidence: MessageAnalysis['evidence'] = [];
    for (const s of signals) {
      if (r() < 0.3) {
        sig[s] = r() < 0.15 ? 0 : r() * 2 - 0.3;
        evidence.push({ signal: s, phrase: pick(phrases), negated: r() < 0.2 });
      }
    }
    const a: MessageAnalysis = {
      id: `m${i}`,
      customerId: `cust-${Math.floor(r() * customers)}`,
      channel,
      timestamp,
      words: Math.floor(r() * 80),
      sentiment: Math.round((r() * 2 - 1) * 1e6) / 1e6 + r() * 1e-9,
      emotions,
      emotion: pick([...EMOTIONS, 'neutral' as const]),
      signals: sig,
      advocacy: pick(ADVOCACY_CLASSES),
      evidence,
    };
    if (channel === 'social' && r() < 0.8) {
      a.social = { likes: Math.floor(r() * 500), shares: Math.floor(r() * 50), reach: Math.floor(r() * 1e5), mentionsBrand: r() < 0.8 };
    }
    out.push(a);
  }
  return out;
}

function foldInMemory(list: readonly MessageAnalysis[]): Map<string, CustomerState> {
  const states = new Map<string, CustomerState>();
  for (const a of list) {
    const s = states.get(a.customerId) ?? emptyState(a.customerId);
    states.set(a.customerId, fold(s, a));
  }
  return states;
}

describe('Redis fold', () => {
  it('reproduces fold() exactly: same state, same derived profile', async () => {
    const k = keys('rapport', 'exact');
    const list = analyses(600, 25, 7);
    // three batches, the middle one overlapping the first: re-delivery must not count twice
    await foldBatch(redis, k, list.slice(0, 250));
    await foldBatch(redis, k, list.slice(200, 450));
    await foldBatch(redis, k, list.slice(450));
    const memory = foldInMemory(list);
    expect(memory.size).toBeGreaterThan(20);
    for (const [cid, expected] of memory) {
      const stored = await loadState(redis, k, cid, true);
      expect(stored).toEqual(expected);
      expect(derive(stored!)).toEqual(derive(expected));
      // folded into the state as it goes: Redis holds a few analyses per customer, not all of them
      expect(await redis.llen(k.pending(cid))).toBeLessThan(COMPACT_AT);
    }
  });

  it('the same batch posted twice leaves an identical state and profile', async () => {
    const k = keys('rapport', 'twice');
    const list = analyses(200, 5, 11);
    const first = await foldBatch(redis, k, list);
    const stored = () => Promise.all([...new Set(list.map((a) => a.customerId))].map(async (c) => [await redis.hgetall(k.state(c)), await redis.lrange(k.pending(c), 0, -1)]));
    const before = await stored();
    const second = await foldBatch(redis, k, list);
    const after = await stored();
    expect(first.added).toBe(200);
    expect(second).toEqual({ changed: [], added: 0 });
    expect(after).toEqual(before);
  });

  it('a chunk with some ids already folded (re-delivery) folds exactly the others', async () => {
    const k = keys('rapport', 'partial');
    const list = analyses(500, 20, 13);
    const first = list.slice(0, 300);
    await foldBatch(redis, k, first);
    // a re-delivered chunk: every other analysis was folded before, the rest are new, interleaved
    const chunk = list.slice(100, 500).filter((_, i) => i % 2 === 0 || i >= 200);
    const expectedNew = chunk.filter((a) => !first.includes(a));
    expect(expectedNew.length).toBeGreaterThan(50);
    expect(chunk.length - expectedNew.length).toBeGreaterThan(50);
    const got = await foldBatch(redis, k, chunk);
    expect(got.added).toBe(expectedNew.length);
    expect(new Set(got.changed)).toEqual(new Set(expectedNew.map((a) => a.customerId)));
    const memory = foldInMemory([...first, ...chunk]);
    for (const [cid, expected] of memory) {
      const stored = await loadState(redis, k, cid, true);
      expect(stored).toEqual(expected);
    }
  });

  it('concurrent folds of the same customers from two connections count every interaction once', async () => {
    const k = keys('rapport', 'concurrent');
    const other = new Redis(server.url);
    try {
      await Promise.all([redis.ping(), other.ping()]);
      const list = analyses(800, 4, 17);
      // both writers read the same states before either commits: the loser must re-read and fold again
      const results = await Promise.all([
        foldBatch(redis, k, list.slice(0, 500)),
        foldBatch(other, k, list.slice(300)),
      ]);
      expect(results[0].added + results[1].added).toBe(800);
      const memory = foldInMemory(list);
      for (const [cid, expected] of memory) {
        const stored = (await loadState(redis, k, cid, true))!;
        expect(stored.ids).toEqual(expected.ids);
        expect(stored.n).toBe(expected.n);
        expect(stored.channels).toEqual(expected.channels);
        expect(stored.advocacy).toEqual(expected.advocacy);
        expect(stored.recent).toEqual(expected.recent);
        expect(stored.evidence).toEqual(expected.evidence);
        // sums of doubles folded in another order may differ in the last bits only
        expect(stored.sSum).toBeCloseTo(expected.sSum, 9);
        expect(stored.words).toBe(expected.words);
      }
    } finally {
      other.disconnect();
    }
  });

  it('compactions racing each other and new appends lose nothing and count nothing twice', async () => {
    const k = keys('rapport', 'race');
    const conns = [new Redis(server.url), new Redis(server.url)];
    try {
      await Promise.all(conns.map((c) => c.ping()));
      const list = analyses(300, 3, 23);
      const cids = [...new Set(list.map((a) => a.customerId))];
      // fewer than COMPACT_AT per customer: all still pending
      const early = cids.flatMap((c) => list.filter((a) => a.customerId === c).slice(0, COMPACT_AT - 1));
      const late = list.filter((a) => !early.includes(a));
      await foldBatch(redis, k, early);
      // two compactions read the same version; the loser reads again. Appends land meanwhile.
      await Promise.all([compact(conns[0]!, k, cids), compact(conns[1]!, k, cids), foldBatch(redis, k, late)]);
      const memory = foldInMemory([...early, ...late]);
      for (const [cid, expected] of memory) expect(await loadState(redis, k, cid, true)).toEqual(expected);
    } finally {
      for (const c of conns) c.disconnect();
    }
  });

  it('a state stored in the earlier one-field-per-sum layout is read, folded on and replaced whole', async () => {
    const k = keys('rapport', 'legacy');
    const list = analyses(60, 1, 19);
    const old = foldInMemory(list.slice(0, 40)).get(list[0]!.customerId)!;
    // the layout the former Lua fold wrote: a field per sum, readings as JSON strings, evidence with a dedupe key
    const h: Record<string, string> = { n: String(old.n), words: String(old.words), first: old.first!, last: old.last!, sSum: String(old.sSum), sSq: String(old.sSq), tSum: String(old.tSum), tSq: String(old.tSq), stSum: String(old.stSum) };
    old.emotions.forEach((v, i) => (h[`e:${i}`] = String(v)));
    for (const [kind, rec] of [['sig', old.signals], ['sigm', old.signalMsgs], ['ch', old.channels], ['chl', old.channelLast], ['adv', old.advocacy]] as const) {
      for (const [f, v] of Object.entries(rec)) h[`${kind}:${f}`] = String(v);
    }
    const so = old.social;
    Object.assign(h, { 'so:posts': so.posts, 'so:brand': so.brandPosts, 'so:likes': so.likes, 'so:shares': so.shares, 'so:comments': so.comments, 'so:reach': so.reach, 'so:rec': so.organicRecommend, 'so:inc': so.incentivised });
    if (so.last) h['so:last'] = so.last;
    h.recent = JSON.stringify(old.recent.map((r) => JSON.stringify(r)));
    h.evidence = JSON.stringify(old.evidence.map((e) => [e.signal, e.phrase, e.negated, JSON.stringify([e.signal, e.phrase.toLowerCase(), e.negated])]));
    await redis.hset(k.state(old.customerId), h);
    await redis.sadd(k.ids(old.customerId), ...old.ids);
    expect(await loadState(redis, k, old.customerId, true)).toEqual(old);
    expect((await foldBatch(redis, k, list.slice(30))).added).toBe(20);
    expect(await loadState(redis, k, old.customerId, true)).toEqual(foldInMemory(list).get(old.customerId));
    expect((await redis.hkeys(k.state(old.customerId))).sort()).toEqual(['j', 'v']);
  });

  it('erasure removes every trace of a customer', async () => {
    const k = keys('rapport', 'erase');
    const list = analyses(120, 3, 5);
    await foldBatch(redis, k, list, true);
    const cid = list[0]!.customerId;
    for (const c of new Set(list.map((a) => a.customerId))) await rebuildProfile(redis, k, c);
    expect(await redis.zscore(k.leaderboard, cid)).not.toBeNull();
    expect(await eraseCustomer(redis, k, cid)).toBe(true);
    const leftovers: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'COUNT', 1000);
      cursor = next;
      // only this namespace: the same id may exist in the other tests' namespaces
      for (const key of found.filter((x) => x.includes('{erase'))) {
        if (key.includes(cid)) leftovers.push(key);
        const type = await redis.type(key);
        if (type === 'set' && (await redis.sismember(key, cid))) leftovers.push(`${key} (member)`);
        if (type === 'zset' && (await redis.zscore(key, cid)) !== null) leftovers.push(`${key} (zset member)`);
        if (type === 'hash' && (await redis.hexists(key, cid))) leftovers.push(`${key} (hash field)`);
      }
    } while (cursor !== '0');
    expect(leftovers).toEqual([]);
    // the other customers are untouched
    const other = list.find((a) => a.customerId !== cid)!.customerId;
    expect(await redis.exists(k.profile(other))).toBe(1);
  });
});
