// segmentBase(): every segmenter over one customer base, plus the base-level results (valuation,
// archetype x segment matrix, map, clusters, CLV model). Pure: activities, attributes and text
// facts in, records out; the CLI and the service do the reading and writing.
//
// Monetary value is purchase revenue net of returns (floored at 0).
// The base is every customer with a purchase (transactions.ts Ledger.buyers()); customers known
// only from attributes or interactions get a row too, with rfm "no_purchases", value tier "none"
// and no cluster. Segment labels per customer (the `segments` record profiles carry): rfm, value,
// demographic, geographic, firmographic, behavioural, engagement, occasion, needs, cluster.
import type { Customer } from '../schemas/customer.js';
import { DAY_MS, type CustomerActivity } from './transactions.js';
import { rfm } from './rfm.js';
import { valueSegments, type ValueModel, type ValueOptions } from './value.js';
import { demographic, type Demographic } from './demographic.js';
import { geographic, type Geographic } from './geographic.js';
import { firmographic, type Firmographic } from './firmographic.js';
import { behavioural, type Behavioural } from './behavioural.js';
import { engagement, type Engagement } from './engagement.js';
import { occasion, type Occasion } from './occasion.js';
import { needs, type Needs, type NeedsConfig } from './needs.js';
import { cluster, type Clustering, type Feature } from './clusters.js';
import { valuation, type ChannelCosts, type SegmentValue } from './valuation.js';
import { archetypeMatrix, type MatrixCell } from './matrix.js';
import { segmentMap, type SegmentMap } from './map-svg.js';
import type { TextFacts } from './text-facts.js';

export const SEGMENTATIONS = ['rfm', 'value', 'demographic', 'geographic', 'firmographic', 'behavioural', 'engagement', 'occasion', 'needs', 'cluster'] as const;

export interface SegmentBaseInput {
  activities: readonly CustomerActivity[];
  /** analysis date (ms) */
  asOf: number;
  customers?: ReadonlyMap<string, Customer>;
  text?: ReadonlyMap<string, TextFacts>;
}

export interface SegmentOptions {
  value?: ValueOptions;
  channelCosts?: ChannelCosts;
  needs?: NeedsConfig;
  clusterSeed?: number;
  /** segmentation drawn on the map (default rfm) */
  mapBy?: (typeof SEGMENTATIONS)[number];
}

export interface CustomerSegments {
  customerId: string;
  recencyDays: number | null;
  frequency: number;
  monetary: number;
  r: number | null;
  f: number | null;
  m: number | null;
  rfmSegment: string;
  clv12m: number | null;
  expectedPurchases12m: number | null;
  pAlive: number | null;
  valueTier: string;
  cluster: number | null;
  demographic: Demographic;
  geographic: Geographic;
  firmographic: Firmographic;
  behavioural: Behavioural | null;
  engagement: Engagement;
  occasion: Occasion | null;
  needs: Needs;
  segments: Record<string, string>;
}

export interface SegmentBaseResult {
  customers: CustomerSegments[];
  valuation: SegmentValue[];
  matrix: MatrixCell[];
  map: SegmentMap | null;
  clustering: Clustering;
  valueModel: ValueModel | null;
  notes: string[];
}

const log1p = Math.log1p;

function clusterFeatures(acts: readonly CustomerActivity[], rows: readonly CustomerSegments[], text: ReadonlyMap<string, TextFacts> | undefined, notes: string[]): Feature[] {
  const col = (f: (r: CustomerSegments, a: CustomerActivity) => number) => rows.map((r, i) => f(r, acts[i] as CustomerActivity));
  const features: Feature[] = [
    { name: 'orders', values: col((r) => log1p(r.frequency)) },
    { name: 'spend', values: col((r) => log1p(r.monetary)) },
    { name: 'days since last purchase', values: col((r) => r.recencyDays ?? 0) },
    { name: 'orders per 30 days', values: col((r) => log1p(r.behavioural?.ordersPer30d ?? 0)) },
    { name: 'returns rate', values: col((r) => r.behavioural?.returnsRate ?? 0) },
  ];
  const shares = rows.map((r) => r.behavioural?.newItemShare ?? null);
  const known = shares.filter((s): s is number => s !== null);
  if (known.length) {
    const mean = known.reduce((s, v) => s + v, 0) / known.length;
    features.push({ name: 'new-item share', values: shares.map((s) => s ?? mean) });
  }
  // text features only when most buyers wrote something; a missing value is set to the base mean
  const withText = rows.filter((r) => (text?.get(r.customerId)?.interactions ?? 0) > 0).length;
  if (text && withText * 2 >= rows.length && withText > 0) {
    const facts = rows.map((r) => text.get(r.customerId));
    const add = (name: string, f: (t: TextFacts) => number) => {
      const vals = facts.map((t) => (t && t.interactions > 0 ? f(t) : NaN));
      const ok = vals.filter((v) => !Number.isNaN(v));
      const mean = ok.reduce((s, v) => s + v, 0) / ok.length;
      features.push({ name, values: vals.map((v) => (Number.isNaN(v) ? mean : v)) });
    };
    add('sentiment', (t) => t.sentimentMean);
    add('recommender score', (t) => t.recommenderScore);
    add('interactions', (t) => log1p(t.interactions));
  } else if (text && withText > 0) {
    notes.push(`clusters: text features left out (only ${withText} of ${rows.length} buyers have interactions)`);
  }
  return features;
}

export function segmentBase(input: SegmentBaseInput, options: SegmentOptions = {}): SegmentBaseResult {
  const { activities: acts, asOf } = input;
  const notes: string[] = [];
  const asOfYear = new Date(asOf).getUTCFullYear();
  const rfmRows = rfm(
    acts.map((a) => ({
      customerId: a.customerId,
      recencyDays: Math.max(0, Math.floor((asOf - a.last) / DAY_MS)),
      frequency: a.orders.size,
      monetary: Math.max(0, a.revenue - a.returnValue),
    })),
  );
  const value = acts.length ? valueSegments(acts, asOf, options.value) : { rows: [], model: null, note: 'no purchases: no CLV' };
  if (value.note) notes.push(value.note);

  const common = (id: string, orders: number, countries?: ReadonlyMap<string, number>) => {
    const c = input.customers?.get(id);
    const t = input.text?.get(id);
    return {
      demographic: demographic(c, asOfYear),
      geographic: geographic(c, countries),
      firmographic: firmographic(c),
      engagement: engagement(t, asOf),
      needs: needs(t, orders, options.needs),
    };
  };
  const rows: CustomerSegments[] = acts.map((a, i) => {
    const r = rfmRows[i] as (typeof rfmRows)[number];
    const v = value.rows[i] as (typeof value.rows)[number];
    return {
      customerId: a.customerId,
      recencyDays: r.recencyDays,
      frequency: r.frequency,
      monetary: r.monetary,
      r: r.r,
      f: r.f,
      m: r.m,
      rfmSegment: r.segment,
      clv12m: v.clv12m,
      expectedPurchases12m: v.expectedPurchases12m,
      pAlive: v.pAlive,
      valueTier: v.tier,
      cluster: null,
      behavioural: behavioural(a, asOf),
      occasion: occasion(a),
      ...common(a.customerId, a.orders.size, a.countries),
      segments: {},
    };
  });

  const clustering = cluster(clusterFeatures(acts, rows, input.text, notes), { seed: options.clusterSeed ?? 1 });
  rows.forEach((r, i) => (r.cluster = clustering.k > 1 ? (clustering.assignment[i] as number) : null));

  // customers known only from attributes or interactions
  const buyers = new Set(acts.map((a) => a.customerId));
  const others = new Set<string>();
  for (const id of input.customers?.keys() ?? []) if (!buyers.has(id)) others.add(id);
  for (const id of input.text?.keys() ?? []) if (!buyers.has(id)) others.add(id);
  for (const id of [...others].sort()) {
    rows.push({
      customerId: id,
      recencyDays: null,
      frequency: 0,
      monetary: 0,
      r: null,
      f: null,
      m: null,
      rfmSegment: 'no_purchases',
      clv12m: null,
      expectedPurchases12m: null,
      pAlive: null,
      valueTier: 'none',
      cluster: null,
      behavioural: null,
      occasion: null,
      ...common(id, 0),
      segments: {},
    });
  }
  for (const r of rows) {
    r.segments = {
      rfm: r.rfmSegment,
      value: r.valueTier,
      demographic: r.demographic.label,
      geographic: r.geographic.label,
      firmographic: r.firmographic.label,
      behavioural: r.behavioural?.label ?? 'no_purchases',
      engagement: r.engagement.label,
      occasion: r.occasion?.label ?? 'no_purchases',
      needs: r.needs.label,
      cluster: r.cluster === null ? 'none' : `c${r.cluster}`,
    };
  }

  const actById = new Map(acts.map((a) => [a.customerId, a]));
  const noMonths = new Map<number, number>();
  const valued = rows.map((r) => ({
    segments: r.segments,
    revenue: r.monetary,
    clv12m: r.clv12m,
    months: actById.get(r.customerId)?.months ?? noMonths,
    contacts: input.text?.get(r.customerId)?.byChannel ?? {},
  }));
  const matrix = archetypeMatrix(
    rows.map((r) => {
      const t = input.text?.get(r.customerId);
      return t && t.interactions > 0
        ? { segments: r.segments, revenue: r.monetary, archetype: t.archetype, recommenderScore: t.recommenderScore, sentimentMean: t.sentimentMean }
        : { segments: r.segments, revenue: r.monetary };
    }),
    ['rfm', 'value', 'cluster', 'needs'],
  );

  let map: SegmentMap | null = null;
  const by = options.mapBy ?? 'rfm';
  const mapped = rows.filter((r) => r.recencyDays !== null);
  if (mapped.length >= 2) {
    const attrs = [
      { name: 'days since last purchase', values: mapped.map((r) => r.recencyDays as number) },
      { name: 'log(1 + orders)', values: mapped.map((r) => log1p(r.frequency)) },
      { name: 'log(1 + spend)', values: mapped.map((r) => log1p(r.monetary)) },
      { name: 'returns rate', values: mapped.map((r) => r.behavioural?.returnsRate ?? 0) },
    ];
    if (mapped.every((r) => r.clv12m !== null)) attrs.push({ name: 'log(1 + clv_12m)', values: mapped.map((r) => log1p(Math.max(0, r.clv12m as number))) });
    map = segmentMap(
      by,
      mapped.map((r) => r.segments[by] as string),
      attrs,
      mapped.map((r) => r.monetary),
      'revenue per customer',
    );
  }
  return { customers: rows, valuation: valuation(valued, asOf, options.channelCosts), matrix, map, clustering, valueModel: value.model, notes };
}
