// Customer state in Redis: fold a batch of analyses (fold() in JS, committed atomically per customer by a
// compare-and-set script), and read it back as CustomerState.
import type { Redis } from 'ioredis';
import { EMOTIONS, type MessageAnalysis } from '../nlp/types.js';
import { emptyState, fold, type CustomerState, type EvidenceItem, type RecentReading } from '../profile/state.js';
import { COMMIT_LUA } from './fold-script.js';
import type { Keys } from './keys.js';

type Committer = Redis & { rapportCommit(stateKey: string, idsKey: string, ...args: (string | number)[]): Promise<number> };

function committer(redis: Redis): Committer {
  const r = redis as Committer;
  // defineCommand sends EVALSHA and falls back to EVAL once, so the script text crosses the wire rarely.
  if (typeof r.rapportCommit !== 'function') redis.defineCommand('rapportCommit', { numberOfKeys: 2, lua: COMMIT_LUA });
  return r;
}

/**
 * Codec: CustomerState -> the JSON kept in the state hash's field "j" (ids live in their own set). JSON numbers
 * round-trip doubles exactly, and the sums never hold -0 (they start at +0), so nothing is lost.
 */
export function stateToJson(s: CustomerState): string {
  const { ids: _ids, customerId: _customerId, ...rest } = s;
  return JSON.stringify(rest);
}

/** A conflicting fold (another writer committed first) is retried this often before the job fails and retries. */
const MAX_ROUNDS = 50;

/**
 * Folds analyses into Redis. Per round, one pipelined read of every pending customer (state hash, and which of
 * its ids the dedupe set holds), fold() in JS over the new analyses in batch order (as the embedded profiler
 * folds them), then one pipelined compare-and-set per customer. A customer whose state or ids changed between
 * read and commit is folded again in the next round. Returns the customers that gained at least one interaction.
 */
export async function foldBatch(redis: Redis, k: Keys, analyses: readonly MessageAnalysis[], keepText = false): Promise<{ changed: string[]; added: number }> {
  const byCustomer = new Map<string, MessageAnalysis[]>();
  for (const a of analyses) {
    const list = byCustomer.get(a.customerId);
    if (list) list.push(a);
    else byCustomer.set(a.customerId, [a]);
  }
  const r = committer(redis);
  const changed: string[] = [];
  let added = 0;
  let pending = [...byCustomer.keys()];
  for (let round = 0; pending.length; round++) {
    if (round >= MAX_ROUNDS) throw new Error(`fold: ${pending.length} customer(s) still conflicting after ${MAX_ROUNDS} rounds`);
    const read = redis.pipeline();
    for (const cid of pending) {
      read.hgetall(k.state(cid));
      read.smismember(k.ids(cid), ...byCustomer.get(cid)!.map((a) => a.id));
    }
    const got = (await read.exec()) ?? [];
    const write = r.pipeline() as unknown as { rapportCommit: Committer['rapportCommit']; exec: () => Promise<[Error | null, unknown][] | null> };
    const writing: string[] = [];
    pending.forEach((cid, i) => {
      const [e1, h] = got[2 * i] ?? [new Error('no reply'), null];
      const [e2, seen] = got[2 * i + 1] ?? [new Error('no reply'), null];
      if (e1 || e2) throw e1 ?? e2;
      const hash = h as Record<string, string>;
      const state = stateFromRedis(cid, hash);
      const list = byCustomer.get(cid)!;
      const fresh: string[] = [];
      list.forEach((a, j) => {
        // fold() itself skips an id repeated within the batch (state.ids holds those folded here)
        if ((seen as number[])[j] === 1 || state.ids.has(a.id)) return;
        fold(state, a);
        fresh.push(a.id);
      });
      if (!fresh.length) return;
      writing.push(cid);
      void write.rapportCommit(k.state(cid), k.ids(cid), hash.v ?? '', fresh.length, ...fresh, stateToJson(state));
    });
    const res = writing.length ? ((await write.exec()) ?? []) : [];
    pending = [];
    writing.forEach((cid, i) => {
      const [err, n] = res[i] ?? [new Error('no reply'), 0];
      if (err) throw err;
      if ((n as number) < 0) pending.push(cid);
      else {
        changed.push(cid);
        added += n as number;
      }
    });
  }
  const tail = redis.pipeline();
  // the namespace's customer list: finalize and listings walk it
  if (byCustomer.size) tail.sadd(k.customers, ...byCustomer.keys());
  if (keepText) {
    for (const a of analyses) if (a.text !== undefined) tail.hset(k.texts(a.customerId), a.id, a.text);
  }
  if (tail.length) for (const [err] of (await tail.exec()) ?? []) if (err) throw err;
  return { changed, added };
}

const num = (v: string | undefined) => (v === undefined ? 0 : Number(v));

/** Codec: the state hash (HGETALL) -> CustomerState. ids are loaded only when asked (the set can be large). */
export function stateFromRedis(customerId: string, h: Record<string, string>, ids: Iterable<string> = []): CustomerState {
  if (h.j !== undefined) return { ...(JSON.parse(h.j) as Omit<CustomerState, 'ids' | 'customerId'>), customerId, ids: new Set(ids) };
  // the earlier layout, one hash field per sum (written by a Lua fold before the JSON field): still read
  const s = emptyState(customerId);
  s.ids = new Set(ids);
  s.n = num(h.n);
  s.words = num(h.words);
  s.first = h.first ?? null;
  s.last = h.last ?? null;
  s.sSum = num(h.sSum);
  s.sSq = num(h.sSq);
  s.tSum = num(h.tSum);
  s.tSq = num(h.tSq);
  s.stSum = num(h.stSum);
  s.emotions = EMOTIONS.map((_, i) => num(h[`e:${i}`]));
  for (const [f, v] of Object.entries(h)) {
    const colon = f.indexOf(':');
    if (colon < 0) continue;
    const kind = f.slice(0, colon);
    const key = f.slice(colon + 1);
    switch (kind) {
      case 'sig': s.signals[key] = Number(v); break;
      case 'sigm': s.signalMsgs[key] = Number(v); break;
      case 'ch': s.channels[key] = Number(v); break;
      case 'chl': s.channelLast[key] = v; break;
      case 'adv': s.advocacy[key] = Number(v); break;
    }
  }
  s.social = {
    posts: num(h['so:posts']),
    brandPosts: num(h['so:brand']),
    likes: num(h['so:likes']),
    shares: num(h['so:shares']),
    comments: num(h['so:comments']),
    reach: num(h['so:reach']),
    organicRecommend: num(h['so:rec']),
    incentivised: num(h['so:inc']),
    last: h['so:last'] ?? null,
  };
  s.recent = h.recent ? (JSON.parse(h.recent) as string[]).map((r) => JSON.parse(r) as RecentReading) : [];
  s.evidence = h.evidence
    ? (JSON.parse(h.evidence) as [string, string, boolean, string][]).map(([signal, phrase, negated]): EvidenceItem => ({ signal, phrase, negated }))
    : [];
  return s;
}

export async function loadState(redis: Redis, k: Keys, customerId: string, withIds = false): Promise<CustomerState | null> {
  const [h, ids] = await Promise.all([redis.hgetall(k.state(customerId)), withIds ? redis.smembers(k.ids(customerId)) : Promise.resolve([])]);
  if (!h || Object.keys(h).length === 0) return null;
  return stateFromRedis(customerId, h, ids);
}
