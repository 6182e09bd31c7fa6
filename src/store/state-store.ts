// Customer state in Redis. Folding appends each new analysis (deduplicated by interaction id) to the customer's
// pending list; once the list is COMPACT_AT long, a worker folds it into the state with fold() itself and
// commits by compare-and-set. Reading folds whatever is still pending. Why not fold every analysis into the
// stored state at once: a state is ~5 KB of JSON, and decoding plus re-encoding it per interaction cost as
// much CPU as analysing the text; appending costs one small JSON per interaction, compaction a state per
// COMPACT_AT interactions. The order of folds is the order of appends, as in the former one-by-one fold.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { EMOTIONS, type MessageAnalysis } from '../nlp/types.js';
import { emptyState, fold, type CustomerState, type EvidenceItem, type RecentReading } from '../profile/state.js';
import { APPEND_LUA, COMPACT_LUA } from './fold-script.js';
import type { Keys } from './keys.js';

/** pending analyses that trigger a compaction: memory (~1 KB each) against state re-encodings per interaction */
export const COMPACT_AT = 8;
/** A conflicting compaction (another writer committed first) is retried this often before the job fails and retries. */
const MAX_ROUNDS = 50;

type Scripted = Redis & {
  rapportAppend(idsKey: string, pendingKey: string, stateKey: string, ...args: string[]): Promise<[number, number]>;
  rapportCompact(stateKey: string, pendingKey: string, version: string, take: number, json: string, next: string): Promise<number>;
};
type Pipe = { rapportAppend: Scripted['rapportAppend']; rapportCompact: Scripted['rapportCompact']; exec: () => Promise<[Error | null, unknown][] | null> };

function scripted(redis: Redis): Scripted {
  const r = redis as Scripted;
  // defineCommand sends EVALSHA and falls back to EVAL once, so the script text crosses the wire rarely.
  if (typeof r.rapportAppend !== 'function') {
    redis.defineCommand('rapportAppend', { numberOfKeys: 3, lua: APPEND_LUA });
    redis.defineCommand('rapportCompact', { numberOfKeys: 2, lua: COMPACT_LUA });
  }
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

/** A pending analysis: everything fold() reads (the text, kept apart when at all, is left out). -0 turning into 0 adds the same to a sum. */
function analysisToJson(a: MessageAnalysis): string {
  const { text: _text, ...rest } = a;
  return JSON.stringify(rest);
}

/** Folds pending analyses (JSON, in list order) into a state read from Redis, in place. */
function foldPending(state: CustomerState, pending: readonly string[]): CustomerState {
  for (const p of pending) fold(state, JSON.parse(p) as MessageAnalysis);
  return state;
}

/** Customers -> their analyses in batch order. */
function byCustomer(analyses: readonly MessageAnalysis[]): Map<string, MessageAnalysis[]> {
  const out = new Map<string, MessageAnalysis[]>();
  for (const a of analyses) {
    const list = out.get(a.customerId);
    if (list) list.push(a);
    else out.set(a.customerId, [a]);
  }
  return out;
}

/**
 * Folds analyses into Redis: one append script per customer (all pipelined in one round trip), then compaction
 * of the customers whose pending list reached COMPACT_AT. Returns the customers that gained an interaction.
 */
export async function foldBatch(redis: Redis, k: Keys, analyses: readonly MessageAnalysis[], keepText = false): Promise<{ changed: string[]; added: number }> {
  const groups = byCustomer(analyses);
  const r = scripted(redis);
  const pipe = r.pipeline() as unknown as Pipe & Redis;
  const order = [...groups.keys()];
  for (const cid of order) {
    const args: string[] = [randomUUID()];
    for (const a of groups.get(cid)!) args.push(a.id, analysisToJson(a));
    void pipe.rapportAppend(k.ids(cid), k.pending(cid), k.state(cid), ...args);
  }
  // the namespace's customer list: finalize and listings walk it
  if (order.length) void pipe.sadd(k.customers, ...order);
  if (keepText) {
    for (const a of analyses) if (a.text !== undefined) void pipe.hset(k.texts(a.customerId), a.id, a.text);
  }
  const res = (await pipe.exec()) ?? [];
  const changed: string[] = [];
  const full: string[] = [];
  let added = 0;
  order.forEach((cid, i) => {
    const [err, reply] = res[i] ?? [new Error('no reply'), null];
    if (err) throw err;
    const [n, length] = reply as [number, number];
    if (n > 0) changed.push(cid);
    if (length >= COMPACT_AT) full.push(cid);
    added += n;
  });
  for (const [err] of res.slice(order.length)) if (err) throw err;
  await compact(redis, k, full);
  return { changed, added };
}

/** Folds the customers' pending lists into their states (the exact fold of loadState, then kept). */
export async function compact(redis: Redis, k: Keys, customerIds: readonly string[]): Promise<void> {
  const r = scripted(redis);
  let pending = [...customerIds];
  for (let round = 0; pending.length; round++) {
    if (round >= MAX_ROUNDS) throw new Error(`fold: ${pending.length} customer(s) still conflicting after ${MAX_ROUNDS} rounds`);
    const read = redis.pipeline();
    for (const cid of pending) read.hgetall(k.state(cid)).lrange(k.pending(cid), 0, -1);
    const got = (await read.exec()) ?? [];
    const write = r.pipeline() as unknown as Pipe;
    const writing: string[] = [];
    pending.forEach((cid, i) => {
      const [e1, h] = got[2 * i] ?? [new Error('no reply'), null];
      const [e2, list] = got[2 * i + 1] ?? [new Error('no reply'), null];
      if (e1 || e2) throw e1 ?? e2;
      const hash = h as Record<string, string>;
      const items = list as string[];
      // nothing to fold, or erased since: nothing to do
      if (!items.length || hash.v === undefined) return;
      writing.push(cid);
      const state = foldPending(stateFromRedis(cid, hash), items);
      void write.rapportCompact(k.state(cid), k.pending(cid), hash.v, items.length, stateToJson(state), randomUUID());
    });
    const res = writing.length ? ((await write.exec()) ?? []) : [];
    pending = [];
    writing.forEach((cid, i) => {
      const [err, n] = res[i] ?? [new Error('no reply'), 0];
      if (err) throw err;
      if ((n as number) < 0) pending.push(cid);
    });
  }
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

/** The customer's state: the stored state with its pending analyses folded in (read only). null when unknown. */
export async function loadState(redis: Redis, k: Keys, customerId: string, withIds = false): Promise<CustomerState | null> {
  const [h, pending, ids] = await Promise.all([
    redis.hgetall(k.state(customerId)),
    redis.lrange(k.pending(customerId), 0, -1),
    withIds ? redis.smembers(k.ids(customerId)) : Promise.resolve([]),
  ]);
  // a hash holding only its version has never been compacted: its analyses are all pending
  if (!pending.length && (!h || Object.keys(h).every((f) => f === 'v'))) return null;
  const state = foldPending(stateFromRedis(customerId, h ?? {}), pending);
  // the dedupe set already holds the pending ids: set only after folding, or fold() would skip them
  state.ids = new Set(ids);
  return state;
}
