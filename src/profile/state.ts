// CustomerState: flat sums folded from message analyses. A commutative monoid, idempotent by interaction id:
// fold(fold(s, a), a) == fold(s, a); the order of folds never matters; merge() adds states with disjoint ids.
import { EMOTIONS, ADVOCACY_CLASSES, type MessageAnalysis, type Emotion } from '../nlp/types.js';

/** Time axis for trends: 30-day units since 2000-01-01, so slopes come out "per 30 days". */
const EPOCH = Date.UTC(2000, 0, 1);
const UNIT_MS = 30 * 86_400_000;
export const toUnits = (iso: string): number => (Date.parse(iso) - EPOCH) / UNIT_MS;

export const RECENT_KEEP = 5;
export const EVIDENCE_PER_SIGNAL = 2;

export interface RecentReading {
  timestamp: string;
  id: string;
  channel: string;
  sentiment: number;
  emotion: Emotion | 'neutral';
}

export interface EvidenceItem {
  signal: string;
  phrase: string;
  negated: boolean;
}

export interface CustomerState {
  customerId: string;
  ids: Set<string>;
  n: number;
  words: number;
  first: string | null;
  last: string | null;
  /** sentiment sums, and the least-squares sums over time t (30-day units) */
  sSum: number;
  sSq: number;
  tSum: number;
  tSq: number;
  stSum: number;
  /** sum of the 8 emotion scores, in EMOTIONS order */
  emotions: number[];
  /** signal id -> summed strength; and -> number of messages carrying it */
  signals: Record<string, number>;
  signalMsgs: Record<string, number>;
  channels: Record<string, number>;
  channelLast: Record<string, string>;
  advocacy: Record<string, number>;
  social: {
    posts: number;
    brandPosts: number;
    likes: number;
    shares: number;
    comments: number;
    reach: number;
    organicRecommend: number;
    incentivised: number;
    last: string | null;
  };
  /** the last RECENT_KEEP readings, newest first */
  recent: RecentReading[];
  /** up to EVIDENCE_PER_SIGNAL distinct phrases per signal (deterministic choice: earliest by phrase order) */
  evidence: EvidenceItem[];
}

export function emptyState(customerId: string): CustomerState {
  return {
    customerId,
    ids: new Set(),
    n: 0,
    words: 0,
    first: null,
    last: null,
    sSum: 0,
    sSq: 0,
    tSum: 0,
    tSq: 0,
    stSum: 0,
    emotions: EMOTIONS.map(() => 0),
    signals: {},
    signalMsgs: {},
    channels: {},
    channelLast: {},
    advocacy: Object.fromEntries(ADVOCACY_CLASSES.map((c) => [c, 0])),
    social: { posts: 0, brandPosts: 0, likes: 0, shares: 0, comments: 0, reach: 0, organicRecommend: 0, incentivised: 0, last: null },
    recent: [],
    evidence: [],
  };
}

const minIso = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
const maxIso = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

function addInto(target: Record<string, number>, source: Record<string, number>): void {
  for (const [k, v] of Object.entries(source)) target[k] = (target[k] ?? 0) + v;
}

/** newest first; ties broken by id so the choice never depends on arrival order */
function keepRecent(list: RecentReading[]): RecentReading[] {
  return list
    .sort((a, b) => (a.timestamp === b.timestamp ? (a.id < b.id ? 1 : -1) : a.timestamp < b.timestamp ? 1 : -1))
    .slice(0, RECENT_KEEP);
}

function keepEvidence(list: EvidenceItem[]): EvidenceItem[] {
  const seen = new Set<string>();
  const perSignal = new Map<string, number>();
  const out: EvidenceItem[] = [];
  const sorted = [...list].sort((a, b) =>
    a.signal === b.signal ? (a.phrase === b.phrase ? Number(a.negated) - Number(b.negated) : a.phrase < b.phrase ? -1 : 1) : a.signal < b.signal ? -1 : 1,
  );
  for (const e of sorted) {
    const key = `${e.signal}\u0000${e.phrase.toLowerCase()}\u0000${e.negated}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const k = perSignal.get(e.signal) ?? 0;
    if (k >= EVIDENCE_PER_SIGNAL) continue;
    perSignal.set(e.signal, k + 1);
    out.push(e);
  }
  return out;
}

/** Adds one analysis to the state (in place) unless its interaction id was already folded. */
export function fold(state: CustomerState, a: MessageAnalysis): CustomerState {
  if (state.ids.has(a.id)) return state;
  state.ids.add(a.id);
  state.n++;
  state.words += a.words;
  state.first = minIso(state.first, a.timestamp);
  state.last = maxIso(state.last, a.timestamp);
  const t = toUnits(a.timestamp);
  state.sSum += a.sentiment;
  state.sSq += a.sentiment * a.sentiment;
  state.tSum += t;
  state.tSq += t * t;
  state.stSum += a.sentiment * t;
  EMOTIONS.forEach((e, i) => (state.emotions[i] = (state.emotions[i] ?? 0) + a.emotions[e]));
  addInto(state.signals, a.signals);
  // lexical_* scores are on for almost every message: counting messages for them would only cost memory
  for (const [k, v] of Object.entries(a.signals)) if (v > 0 && !k.startsWith('lexical_')) state.signalMsgs[k] = (state.signalMsgs[k] ?? 0) + 1;
  state.channels[a.channel] = (state.channels[a.channel] ?? 0) + 1;
  state.channelLast[a.channel] = maxIso(state.channelLast[a.channel] ?? null, a.timestamp) as string;
  state.advocacy[a.advocacy] = (state.advocacy[a.advocacy] ?? 0) + 1;
  if (a.channel === 'social') {
    const s = state.social;
    const x = a.social ?? {};
    s.posts++;
    if (x.mentionsBrand !== false) s.brandPosts++;
    s.likes += x.likes ?? 0;
    s.shares += x.shares ?? 0;
    s.comments += x.comments ?? 0;
    s.reach += x.reach ?? 0;
    if (a.advocacy === 'recommend') s.organicRecommend++;
    if (a.advocacy === 'incentivised') s.incentivised++;
    s.last = maxIso(s.last, a.timestamp);
  }
  state.recent = keepRecent([
    ...state.recent,
    { timestamp: a.timestamp, id: a.id, channel: a.channel, sentiment: a.sentiment, emotion: a.emotion },
  ]);
  if (a.evidence.length) {
    state.evidence = keepEvidence([
      ...state.evidence,
      ...a.evidence.map((e) => ({ signal: e.signal, phrase: e.phrase, negated: e.negated ?? false })),
    ]);
  }
  return state;
}

/** Sum of two states of the same customer over disjoint interaction ids (a new object; inputs untouched). */
export function merge(a: CustomerState, b: CustomerState): CustomerState {
  const out = emptyState(a.customerId);
  out.ids = new Set([...a.ids, ...b.ids]);
  out.n = a.n + b.n;
  out.words = a.words + b.words;
  out.first = minIso(a.first, b.first);
  out.last = maxIso(a.last, b.last);
  out.sSum = a.sSum + b.sSum;
  out.sSq = a.sSq + b.sSq;
  out.tSum = a.tSum + b.tSum;
  out.tSq = a.tSq + b.tSq;
  out.stSum = a.stSum + b.stSum;
  out.emotions = a.emotions.map((v, i) => v + (b.emotions[i] ?? 0));
  for (const src of [a, b]) {
    addInto(out.signals, src.signals);
    addInto(out.signalMsgs, src.signalMsgs);
    addInto(out.channels, src.channels);
    for (const [k, v] of Object.entries(src.channelLast)) out.channelLast[k] = maxIso(out.channelLast[k] ?? null, v) as string;
  }
  out.advocacy = {};
  addInto(out.advocacy, a.advocacy);
  addInto(out.advocacy, b.advocacy);
  const sa = a.social;
  const sb = b.social;
  out.social = {
    posts: sa.posts + sb.posts,
    brandPosts: sa.brandPosts + sb.brandPosts,
    likes: sa.likes + sb.likes,
    shares: sa.shares + sb.shares,
    comments: sa.comments + sb.comments,
    reach: sa.reach + sb.reach,
    organicRecommend: sa.organicRecommend + sb.organicRecommend,
    incentivised: sa.incentivised + sb.incentivised,
    last: maxIso(sa.last, sb.last),
  };
  out.recent = keepRecent([...a.recent, ...b.recent]);
  out.evidence = keepEvidence([...a.evidence, ...b.evidence]);
  return out;
}
