// Redis key layout. Every key lives under a namespace ("live", or "corpus:<id>") so a corpus never mixes
// with live customers. A customer's own keys share the hash tag {ns:customer} (one Lua script may touch
// them together on Redis Cluster); a namespace's indexes share the tag {ns}.
export const LIVE = 'live';

export interface Keys {
  ns: string;
  state(cid: string): string;
  ids(cid: string): string;
  /** analyses appended but not yet folded into the state (a short list, compacted by the folder) */
  pending(cid: string): string;
  attrs(cid: string): string;
  tx(cid: string): string;
  texts(cid: string): string;
  profile(cid: string): string;
  brief(cid: string): string;
  /** every key that holds data of one customer (erasure deletes them all). */
  customerKeys(cid: string): string[];
  customers: string;
  leaderboard: string;
  info: string;
  archetype(a: string): string;
  tier(t: string): string;
  /** the namespace's index keys, for dropping a whole corpus */
  indexPattern: string;
  customerPattern: string;
}

/** Store keys never carry braces of their own: the prefix is stripped of them so hash tags stay ours. */
export function storePrefix(prefix: string): string {
  return prefix.replace(/[{}]/g, '') || 'rapport';
}

export function keys(prefix: string, ns: string = LIVE): Keys {
  const p = storePrefix(prefix);
  const c = (cid: string, what: string) => `${p}:c:{${ns}:${cid}}:${what}`;
  const idx = `${p}:i:{${ns}}`;
  const k: Keys = {
    ns,
    state: (cid) => c(cid, 's'),
    ids: (cid) => c(cid, 'ids'),
    pending: (cid) => c(cid, 'pending'),
    attrs: (cid) => c(cid, 'attrs'),
    tx: (cid) => c(cid, 'tx'),
    texts: (cid) => c(cid, 'texts'),
    profile: (cid) => c(cid, 'profile'),
    brief: (cid) => c(cid, 'brief'),
    customerKeys: (cid) => ['state', 'ids', 'pending', 'attrs', 'tx', 'texts', 'profile', 'brief'].map((w) => (k as unknown as Record<string, (x: string) => string>)[w]!(cid)),
    customers: `${idx}:customers`,
    leaderboard: `${idx}:recommenders`,
    info: `${idx}:info`,
    archetype: (a) => `${idx}:archetype:${a}`,
    tier: (t) => `${idx}:tier:${t}`,
    indexPattern: `${idx}:*`,
    customerPattern: `${p}:c:{${ns}:*`,
  };
  return k;
}
