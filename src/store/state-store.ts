// Customer state in Redis: fold a batch of analyses (Lua, atomic per customer), and read it back as CustomerState.
import type { Redis } from 'ioredis';
import { EMOTIONS, type MessageAnalysis } from '../nlp/types.js';
import { emptyState, toUnits, RECENT_KEEP, EVIDENCE_PER_SIGNAL, type CustomerState, type EvidenceItem, type RecentReading } from '../profile/state.js';
import { FOLD_LUA } from './fold-script.js';
import type { Keys } from './keys.js';

type Folder = Redis & { rapportFold(stateKey: string, idsKey: string, ...args: (string | number)[]): Promise<number> };

function folder(redis: Redis): Folder {
  const r = redis as Folder;
  // defineCommand sends EVALSHA and falls back to EVAL once, so the script text crosses the wire rarely.
  if (typeof r.rapportFold !== 'function') redis.defineCommand('rapportFold', { numberOfKeys: 2, lua: FOLD_LUA });
  return r;
}

/** The wire form the script reads: precomputed time units, and readings/evidence keys computed in JS. */
export function encodeAnalysis(a: MessageAnalysis): string {
  const reading: RecentReading = { timestamp: a.timestamp, id: a.id, channel: a.channel, sentiment: a.sentiment, emotion: a.emotion };
  const x = a.social ?? {};
  return JSON.stringify({
    id: a.id,
    ts: a.timestamp,
    t: toUnits(a.timestamp),
    w: a.words,
    s: a.sentiment,
    e: EMOTIONS.map((e) => a.emotions[e]),
    sig: a.signals,
    ch: a.channel,
    adv: a.advocacy,
    so:
      a.channel === 'social'
        ? { mb: x.mentionsBrand !== false, l: x.likes ?? 0, sh: x.shares ?? 0, c: x.comments ?? 0, r: x.reach ?? 0 }
        : undefined,
    rec: JSON.stringify(reading),
    ev: a.evidence.map((e) => {
      const negated = e.negated ?? false;
      return [e.signal, e.phrase, negated, JSON.stringify([e.signal, e.phrase.toLowerCase(), negated])];
    }),
  });
}

/**
 * Folds analyses into Redis: one script call per customer (its keys share a hash slot), all pipelined in
 * one round trip. Returns the ids of customers that gained at least one new interaction.
 */
export async function foldBatch(redis: Redis, k: Keys, analyses: readonly MessageAnalysis[], keepText = false): Promise<{ changed: string[]; added: number }> {
  const byCustomer = new Map<string, MessageAnalysis[]>();
  for (const a of analyses) {
    const list = byCustomer.get(a.customerId);
    if (list) list.push(a);
    else byCustomer.set(a.customerId, [a]);
  }
  const r = folder(redis);
  const pipe = r.pipeline() as unknown as { rapportFold: Folder['rapportFold']; hset: Redis['hset']; exec: () => Promise<[Error | null, unknown][] | null> };
  const order: string[] = [];
  for (const [cid, list] of byCustomer) {
    order.push(cid);
    void pipe.rapportFold(k.state(cid), k.ids(cid), RECENT_KEEP, EVIDENCE_PER_SIGNAL, ...list.map(encodeAnalysis));
  }
  // the namespace's customer list: finalize and listings walk it
  if (order.length) void (pipe as unknown as Redis).sadd(k.customers, ...order);
  if (keepText) {
    for (const a of analyses) if (a.text !== undefined) void pipe.hset(k.texts(a.customerId), a.id, a.text);
  }
  const results = (await pipe.exec()) ?? [];
  const changed: string[] = [];
  let added = 0;
  for (let i = 0; i < order.length; i++) {
    const [err, n] = results[i] ?? [new Error('no reply'), 0];
    if (err) throw err;
    if ((n as number) > 0) changed.push(order[i]!);
    added += n as number;
  }
  return { changed, added };
}

const num = (v: string | undefined) => (v === undefined ? 0 : Number(v));

/** Codec: the state hash (HGETALL) -> CustomerState. ids are loaded only when asked (the set can be large). */
export function stateFromRedis(customerId: string, h: Record<string, string>, ids: Iterable<string> = []): CustomerState {
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
