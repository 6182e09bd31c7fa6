// Profiles and their indexes: leaderboard ZSET of recommender scores, archetype and tier SETs, a small info hash
// (customer -> archetype, tier) so an update can move a customer between sets without reading the old profile.
import type { Redis } from 'ioredis';
import { derive } from '../profile/derive.js';
import type { Profile } from '../profile/types.js';
import { CustomerSchema, type Customer } from '../schemas/customer.js';
import { TransactionSchema, type Transaction } from '../schemas/transaction.js';
import { briefOf } from './brief.js';
import type { Keys } from './keys.js';
import { loadState } from './state-store.js';

export interface IndexInfo {
  archetype: string;
  tier: string;
  score: number;
}

export async function saveCustomers(redis: Redis, k: Keys, customers: readonly Customer[]): Promise<void> {
  if (!customers.length) return;
  const pipe = redis.pipeline();
  for (const c of customers) pipe.set(k.attrs(c.customerId), JSON.stringify(c));
  await pipe.exec();
}

/** Transactions are keyed by their own content, so a re-sent line never counts twice. */
export async function saveTransactions(redis: Redis, k: Keys, txs: readonly Transaction[]): Promise<void> {
  if (!txs.length) return;
  const pipe = redis.pipeline();
  for (const t of txs) {
    const json = JSON.stringify(t);
    pipe.hset(k.tx(t.customerId), `${t.orderId}|${t.sku ?? ''}|${t.timestamp}|${t.amount}`, json);
  }
  await pipe.exec();
}

/** Rebuilds one customer's profile from the stored state (plus attributes and transactions) and re-indexes it. */
export async function rebuildProfile(redis: Redis, k: Keys, customerId: string): Promise<Profile | null> {
  const [state, attrs, txs] = await Promise.all([loadState(redis, k, customerId), redis.get(k.attrs(customerId)), redis.hvals(k.tx(customerId))]);
  if (!state) return null;
  // stored values were validated on the way in; parse again so a schema change cannot leak bad shapes
  const customer = attrs ? CustomerSchema.parse(JSON.parse(attrs)) : undefined;
  const transactions = txs
    .map((t) => TransactionSchema.parse(JSON.parse(t)))
    .sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  const profile = derive(state, customer, transactions);
  await saveProfile(redis, k, profile);
  return profile;
}

export async function saveProfile(redis: Redis, k: Keys, profile: Profile): Promise<void> {
  const cid = profile.customerId;
  const old = await redis.hget(k.info, cid);
  const info: IndexInfo = { archetype: profile.archetype.primary, tier: profile.recommender.tier, score: profile.recommender.score };
  const m = redis.multi();
  if (old) {
    const o = JSON.parse(old) as IndexInfo;
    m.srem(k.archetype(o.archetype), cid);
    m.srem(k.tier(o.tier), cid);
  }
  m.set(k.profile(cid), JSON.stringify(profile));
  m.set(k.brief(cid), JSON.stringify(briefOf(profile)));
  m.sadd(k.customers, cid);
  m.sadd(k.archetype(info.archetype), cid);
  m.sadd(k.tier(info.tier), cid);
  m.zadd(k.leaderboard, info.score, cid);
  m.hset(k.info, cid, JSON.stringify(info));
  await m.exec();
}

export interface RecommenderQuery {
  tier?: string;
  archetype?: string;
  minScore?: number;
  limit: number;
  cursor: number;
}

/** Ranked by score (ties by id); cursor is the rank to continue from. Filters read the info hash in chunks. */
export async function listRecommenders(redis: Redis, k: Keys, q: RecommenderQuery): Promise<{ items: (IndexInfo & { customerId: string })[]; next: number | null }> {
  const items: (IndexInfo & { customerId: string })[] = [];
  let offset = q.cursor;
  const chunk = Math.max(100, q.limit * 2);
  for (;;) {
    const ids = await redis.zrevrangebyscore(k.leaderboard, '+inf', q.minScore ?? '-inf', 'LIMIT', offset, chunk);
    if (!ids.length) return { items, next: null };
    const infos = await redis.hmget(k.info, ...ids);
    for (let i = 0; i < ids.length; i++) {
      offset++;
      const raw = infos[i];
      if (!raw) continue;
      const info = JSON.parse(raw) as IndexInfo;
      if (q.tier && info.tier !== q.tier) continue;
      if (q.archetype && info.archetype !== q.archetype) continue;
      items.push({ customerId: ids[i]!, ...info });
      if (items.length >= q.limit) {
        const more = await redis.zrevrangebyscore(k.leaderboard, '+inf', q.minScore ?? '-inf', 'LIMIT', offset, 1);
        return { items, next: more.length ? offset : null };
      }
    }
    if (ids.length < chunk) return { items, next: null };
  }
}

export async function archetypeCounts(redis: Redis, k: Keys, ids: readonly string[]): Promise<Record<string, number>> {
  const pipe = redis.pipeline();
  for (const a of ids) pipe.scard(k.archetype(a));
  const res = (await pipe.exec()) ?? [];
  return Object.fromEntries(ids.map((a, i) => [a, Number(res[i]?.[1] ?? 0)]));
}

/** Erases a customer completely: own keys, index entries, membership. Returns whether anything existed. */
export async function eraseCustomer(redis: Redis, k: Keys, customerId: string): Promise<boolean> {
  const old = await redis.hget(k.info, customerId);
  const m = redis.multi();
  m.del(...k.customerKeys(customerId));
  if (old) {
    const o = JSON.parse(old) as IndexInfo;
    m.srem(k.archetype(o.archetype), customerId);
    m.srem(k.tier(o.tier), customerId);
  }
  m.zrem(k.leaderboard, customerId);
  m.hdel(k.info, customerId);
  m.srem(k.customers, customerId);
  const res = (await m.exec()) ?? [];
  return Number(res[0]?.[1] ?? 0) > 0 || old !== null;
}

/** Drops a whole namespace (a corpus): its customers' keys and its indexes, scanning instead of KEYS. */
export async function dropNamespace(redis: Redis, k: Keys): Promise<number> {
  let dropped = 0;
  for (const pattern of [k.customerPattern, k.indexPattern]) {
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (found.length) dropped += await redis.unlink(...found);
    } while (cursor !== '0');
  }
  return dropped;
}
