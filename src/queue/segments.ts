// Segments in the service: the recompute job (segmentBase() over every live customer in Redis), its stored
// results (summary, matrix, map: aggregates only, no customer ids, so erasing a customer leaves nothing of
// theirs here) and the "segment model" kept between recomputations: RFM score cut points, the fitted CLV
// model and the value-tier cut points, so a profile derived after the last recomputation is segmented with
// the same cut points. Its cluster is the one the last recomputation wrote into its profile, or "none" for a
// customer that was not in the base then.
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { derive } from '../profile/derive.js';
import type { Profile } from '../profile/types.js';
import type { CustomerState } from '../profile/state.js';
import { CustomerSchema, type Customer } from '../schemas/customer.js';
import { TransactionSchema, type Transaction } from '../schemas/transaction.js';
import { segmentBase, type SegmentBaseResult } from '../segments/index.js';
import { mapSvg } from '../segments/map-svg.js';
import { textFactsOf, type TextFacts } from '../segments/text-facts.js';
import { DAY_MS, Ledger, type CustomerActivity } from '../segments/transactions.js';
import { rfmSegmentOf } from '../segments/rfm.js';
import { clv, summarize, type ValueModel, type ValueTier } from '../segments/value.js';
import { demographic } from '../segments/demographic.js';
import { geographic } from '../segments/geographic.js';
import { firmographic } from '../segments/firmographic.js';
import { behavioural } from '../segments/behavioural.js';
import { engagement } from '../segments/engagement.js';
import { occasion } from '../segments/occasion.js';
import { needs } from '../segments/needs.js';
import { LIVE, storePrefix, type Keys } from '../store/keys.js';
import { saveProfile } from '../store/profiles.js';
import { loadState } from '../store/state-store.js';

export const SEGMENTS_QUEUE = 'segments';
export const RECOMPUTE_JOB = 'recompute';
/** the repeatable job's scheduler id: one schedule per deployment however many workers start */
export const SCHEDULER_ID = 'segments-recompute';

export const RecomputeJobSchema = z.object({ ns: z.string().min(1).default(LIVE) });

export interface SegmentKeys {
  summary: string;
  matrix: string;
  map: string;
  svg: string;
  model: string;
}

export function segmentKeys(prefix: string, ns: string): SegmentKeys {
  const base = `${storePrefix(prefix)}:seg:{${ns}}`;
  return { summary: `${base}:summary`, matrix: `${base}:matrix`, map: `${base}:map`, svg: `${base}:svg`, model: `${base}:model` };
}

/** Lowest value that got each score 1..5 (in the scored direction): a new value scores the highest s with min_s <= v. */
type Cuts = (number | null)[];

export interface SegmentModel {
  computedAt: string;
  asOf: number;
  rfm: { recency: Cuts; frequency: Cuts; monetary: Cuts };
  value: { model: ValueModel | null; medium: number | null; high: number | null };
}

function cutsOf(values: readonly number[], scores: readonly number[]): Cuts {
  const cuts: Cuts = [null, null, null, null, null];
  values.forEach((v, i) => {
    const s = (scores[i] as number) - 1;
    const c = cuts[s];
    if (c === null || c === undefined || v < c) cuts[s] = v;
  });
  return cuts;
}

function scoreBy(cuts: Cuts, v: number): number {
  let score = 1;
  cuts.forEach((c, i) => {
    if (c !== null && v >= c) score = Math.max(score, i + 1);
  });
  return score;
}

function tierBy(model: SegmentModel['value'], v: number): ValueTier {
  if (model.high !== null && v >= model.high) return 'high';
  if (model.medium !== null && v >= model.medium) return 'medium';
  return 'low';
}

/** The cut points of a segmentBase() result, so later profiles can be scored the same way. */
export function modelOf(result: SegmentBaseResult, asOf: number): SegmentModel {
  const buyers = result.customers.filter((c) => c.r !== null);
  const minTier = (t: ValueTier) => {
    const vals = buyers.filter((c) => c.valueTier === t).map((c) => c.clv12m ?? c.monetary);
    return vals.length ? Math.min(...vals) : null;
  };
  return {
    computedAt: new Date().toISOString(),
    asOf,
    rfm: {
      recency: cutsOf(buyers.map((c) => -(c.recencyDays as number)), buyers.map((c) => c.r as number)),
      frequency: cutsOf(buyers.map((c) => c.frequency), buyers.map((c) => c.f as number)),
      monetary: cutsOf(buyers.map((c) => c.monetary), buyers.map((c) => c.m as number)),
    },
    value: { model: result.valueModel, medium: minTier('medium'), high: minTier('high') },
  };
}

/** One customer's segments under a stored model (pure), measured at `asOf` (ms). */
export function segmentsWith(model: SegmentModel, a: CustomerActivity | undefined, customer: Customer | undefined, text: TextFacts | undefined, asOf: number, cluster: string): Record<string, string> {
  const buyer = a && a.purchaseLines > 0 ? a : undefined;
  const orders = buyer?.orders.size ?? 0;
  let rfmSegment = 'no_purchases';
  let tier = 'none';
  if (buyer) {
    const recencyDays = Math.max(0, Math.floor((asOf - buyer.last) / DAY_MS));
    const monetary = Math.max(0, buyer.revenue - buyer.returnValue);
    rfmSegment = rfmSegmentOf(scoreBy(model.rfm.recency, -recencyDays), scoreBy(model.rfm.frequency, orders), scoreBy(model.rfm.monetary, monetary));
    const vm = model.value.model;
    tier = tierBy(model.value, vm ? clv(vm, summarize(buyer, asOf)).clv : buyer.revenue);
  }
  return {
    rfm: rfmSegment,
    value: tier,
    demographic: demographic(customer, new Date(asOf).getUTCFullYear()).label,
    geographic: geographic(customer, buyer?.countries).label,
    firmographic: firmographic(customer).label,
    behavioural: buyer ? behavioural(buyer, asOf).label : 'no_purchases',
    engagement: engagement(text, asOf).label,
    occasion: buyer ? occasion(buyer).label : 'no_purchases',
    needs: needs(text, orders).label,
    cluster: buyer ? cluster : 'none',
  };
}

function activityOf(customerId: string, txs: readonly Transaction[]): CustomerActivity | undefined {
  const ledger = new Ledger();
  for (const t of txs) ledger.addRow({ ...t });
  return ledger.customers.get(customerId);
}

interface Stored {
  state: CustomerState | null;
  customer: Customer | undefined;
  transactions: Transaction[];
}

async function loadCustomer(redis: Redis, k: Keys, customerId: string): Promise<Stored> {
  const [state, attrs, txs] = await Promise.all([loadState(redis, k, customerId), redis.get(k.attrs(customerId)), redis.hvals(k.tx(customerId))]);
  // stored values were validated on the way in; parse again so a schema change cannot leak bad shapes
  const customer = attrs ? CustomerSchema.parse(JSON.parse(attrs)) : undefined;
  const transactions = txs
    .map((t) => TransactionSchema.parse(JSON.parse(t)))
    .sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  return { state, customer, transactions };
}

/**
 * The derive step with segments: rebuilds one profile as rebuildProfile() does and, when a segment model
 * has been computed, attaches the customer's segments under its cut points. `cluster` is given by the
 * recomputation; otherwise the one in the customer's current brief is kept.
 */
export async function deriveWithSegments(redis: Redis, k: Keys, prefix: string, customerId: string, now = Date.now(), cluster?: string): Promise<Profile | null> {
  const sk = segmentKeys(prefix, k.ns);
  const [stored, rawModel, brief] = await Promise.all([loadCustomer(redis, k, customerId), redis.get(sk.model), cluster === undefined ? redis.get(k.brief(customerId)) : null]);
  if (!stored.state) return null;
  let profile = derive(stored.state, stored.customer, stored.transactions);
  if (rawModel) {
    const model = JSON.parse(rawModel) as SegmentModel;
    const kept = cluster ?? (brief ? (JSON.parse(brief) as { segments: Record<string, string> }).segments.cluster : undefined) ?? 'none';
    const segments = segmentsWith(model, activityOf(customerId, stored.transactions), stored.customer, textFactsOf(stored.state, profile), now, kept);
    profile = { ...profile, segments };
  }
  await saveProfile(redis, k, profile);
  return profile;
}

/** Every customer id of a namespace that has any stored data (state, attributes or transactions). */
async function allCustomerIds(redis: Redis, k: Keys): Promise<string[]> {
  const head = k.customerPattern.slice(0, -1);
  const ids = new Set<string>();
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', k.customerPattern, 'COUNT', 1000);
    cursor = next;
    for (const key of found) {
      const end = key.lastIndexOf('}:');
      if (end > head.length) ids.add(key.slice(head.length, end));
    }
  } while (cursor !== '0');
  return [...ids].sort();
}

export interface RecomputeResult {
  customers: number;
  buyers: number;
  profilesUpdated: number;
  computedAt: string | null;
}

/** The recompute job: segments the whole namespace, stores the results and the model, re-segments profiles. */
export async function recomputeSegments(redis: Redis, k: Keys, prefix: string, now = Date.now()): Promise<RecomputeResult> {
  const ids = await allCustomerIds(redis, k);
  // an empty base has no cut points: store nothing, so profiles stay unsegmented until there is data
  if (!ids.length) return { customers: 0, buyers: 0, profilesUpdated: 0, computedAt: null };
  const ledger = new Ledger();
  const customers = new Map<string, Customer>();
  const text = new Map<string, TextFacts>();
  const profiles = new Map<string, Profile>();
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const loaded = await Promise.all(chunk.map((id) => Promise.all([loadCustomer(redis, k, id), redis.get(k.profile(id))])));
    chunk.forEach((id, j) => {
      const [s, rawProfile] = loaded[j] as [Stored, string | null];
      if (s.customer) customers.set(id, s.customer);
      for (const t of s.transactions) ledger.addRow({ ...t });
      if (s.state) {
        const p = rawProfile ? (JSON.parse(rawProfile) as Profile) : derive(s.state, s.customer, s.transactions);
        profiles.set(id, p);
        text.set(id, textFactsOf(s.state, p));
      }
    });
  }
  const result = segmentBase({ activities: ledger.buyers(), asOf: now, customers, text });
  const model = modelOf(result, now);
  const sk = segmentKeys(prefix, k.ns);
  const bySegmentation: Record<string, Record<string, number>> = {};
  for (const c of result.customers) for (const [name, seg] of Object.entries(c.segments)) (bySegmentation[name] ??= {})[seg] = (bySegmentation[name]?.[seg] ?? 0) + 1;
  const summary = {
    computedAt: model.computedAt,
    customers: result.customers.length,
    buyers: ledger.buyers().length,
    segmentations: Object.fromEntries(
      Object.entries(bySegmentation).map(([name, counts]) => [
        name,
        Object.entries(counts)
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
          .map(([segment, size]) => ({ ...result.valuation.find((v) => v.segmentation === name && v.segment === segment), segment, customers: size })),
      ]),
    ),
    clusters: { k: result.clustering.k, silhouette: result.clustering.silhouette, clusters: result.clustering.clusters.map((c) => ({ ...c, id: `c${c.id}` })) },
    valueModel: result.valueModel,
    notes: result.notes,
  };
  const m = redis.multi();
  m.set(sk.summary, JSON.stringify(summary));
  m.set(sk.matrix, JSON.stringify({ computedAt: model.computedAt, cells: result.matrix }));
  if (result.map) {
    m.set(sk.map, JSON.stringify({ computedAt: model.computedAt, ...result.map }));
    m.set(sk.svg, mapSvg(result.map));
  } else m.del(sk.map, sk.svg);
  m.set(sk.model, JSON.stringify(model));
  await m.exec();
  // every profile carries the new segments at once: re-derived from fresh state (never a stale copy over a
  // newer derive), through the same cut points later derives use
  const clusters = new Map(result.customers.map((c) => [c.customerId, c.segments.cluster ?? 'none']));
  const withProfile = [...profiles.keys()];
  let profilesUpdated = 0;
  for (let i = 0; i < withProfile.length; i += 50) {
    const done = await Promise.all(withProfile.slice(i, i + 50).map((id) => deriveWithSegments(redis, k, prefix, id, now, clusters.get(id) ?? 'none')));
    profilesUpdated += done.filter(Boolean).length;
  }
  return { customers: result.customers.length, buyers: summary.buyers, profilesUpdated, computedAt: model.computedAt };
}
