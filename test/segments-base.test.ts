// segmentBase(): every customer gets every segmentation; valuation, matrix and map add up to the base.
import { describe, expect, it } from 'vitest';
import { Ledger } from '../src/segments/transactions.js';
import { segmentBase, SEGMENTATIONS } from '../src/segments/index.js';
import { mapSvg } from '../src/segments/map-svg.js';
import { cluster } from '../src/segments/clusters.js';
import { needs } from '../src/segments/needs.js';
import { demographic } from '../src/segments/demographic.js';
import { seededRandom } from '../src/random.js';
import type { TextFacts } from '../src/segments/text-facts.js';

const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);

/** 300 customers: a third frequent big spenders, the rest occasional; a few returns. */
function syntheticLedger(): Ledger {
  const rand = seededRandom(5);
  const l = new Ledger();
  for (let c = 0; c < 300; c++) {
    const heavy = c % 3 === 0;
    const orders = heavy ? 8 + Math.floor(rand() * 10) : 1 + Math.floor(rand() * 3);
    for (let o = 0; o < orders; o++) {
      const t = START + Math.floor(rand() * 360) * DAY;
      l.add({ orderId: `o${c}-${o}`, customerId: `c${c}`, timestamp: new Date(t).toISOString(), amount: (heavy ? 80 : 20) * (0.5 + rand()), sku: `s${Math.floor(rand() * 30)}` }, t);
    }
    if (c % 10 === 0) l.add({ orderId: `C${c}`, customerId: `c${c}`, timestamp: new Date(START + 200 * DAY).toISOString(), amount: -10 }, START + 200 * DAY, true);
  }
  return l;
}

describe('segmentBase', () => {
  const ledger = syntheticLedger();
  const asOf = START + 365 * DAY;
  const text = new Map<string, TextFacts>([
    ['c0', { interactions: 4, byChannel: { chat: 3, email: 1 }, lastByChannel: { chat: new Date(asOf - 5 * DAY).toISOString(), email: new Date(asOf - 50 * DAY).toISOString() }, first: new Date(START).toISOString(), signalMsgs: { price_value: 3 }, archetype: 'basic_exchange', recommenderScore: 40, sentimentMean: 0.2 }],
    ['x-only-text', { interactions: 1, byChannel: { social: 1 }, lastByChannel: { social: new Date(asOf - 200 * DAY).toISOString() }, first: new Date(asOf - 200 * DAY).toISOString(), signalMsgs: {}, archetype: 'fling', recommenderScore: 70, sentimentMean: 0.8 }],
  ]);
  const result = segmentBase({ activities: ledger.buyers(), asOf, text });

  it('gives every customer every segmentation, including customers without purchases', () => {
    expect(result.customers).toHaveLength(301);
    for (const c of result.customers) expect(Object.keys(c.segments).sort()).toEqual([...SEGMENTATIONS].sort());
    const textOnly = result.customers.find((c) => c.customerId === 'x-only-text');
    expect(textOnly?.segments.rfm).toBe('no_purchases');
    expect(textOnly?.segments.engagement).toBe('lapsed');
  });

  it('values heavy buyers above light ones', () => {
    const mean = (pred: (i: number) => boolean) => {
      const rows = result.customers.filter((c) => c.clv12m !== null && pred(Number(c.customerId.slice(1))));
      return rows.reduce((s, c) => s + (c.clv12m as number), 0) / rows.length;
    };
    expect(mean((i) => i % 3 === 0)).toBeGreaterThan(2 * mean((i) => i % 3 !== 0));
    const high = result.customers.filter((c) => c.valueTier === 'high');
    expect(high.filter((c) => Number(c.customerId.slice(1)) % 3 === 0).length / high.length).toBeGreaterThan(0.8);
  });

  it('valuation and matrix account for every customer once per segmentation', () => {
    for (const seg of SEGMENTATIONS) {
      expect(result.valuation.filter((v) => v.segmentation === seg).reduce((s, v) => s + v.customers, 0)).toBe(301);
    }
    expect(result.matrix.filter((m) => m.segmentation === 'rfm').reduce((s, m) => s + m.customers, 0)).toBe(301);
    const withText = result.matrix.find((m) => m.segmentation === 'rfm' && m.archetype === 'basic_exchange');
    expect(withText?.meanRecommender).toBe(40);
    const cost = result.valuation.find((v) => v.segmentation === 'needs' && v.segment === 'price_sensitive');
    expect(cost?.costToServe).toBe(3 * 3 + 1 * 2);
  });

  it('draws the map on the most discriminating attributes and says so', () => {
    const map = result.map;
    expect(map).not.toBeNull();
    if (!map) return;
    expect(map.x.eta2).toBeGreaterThanOrEqual(map.y.eta2);
    const svg = mapSvg(map);
    expect((svg.match(/<circle /g) ?? []).length).toBe(map.bubbles.length);
    expect(svg).toContain(map.x.attribute);
    expect(svg).toContain(map.y.attribute);
  });
});

describe('segmenters', () => {
  it('clusters separate well-separated groups and describe them', () => {
    const rand = seededRandom(9);
    const a = Array.from({ length: 200 }, (_, i) => (i < 100 ? 0 : 10) + rand());
    const b = Array.from({ length: 200 }, (_, i) => (i < 100 ? 5 : 0) + rand());
    const res = cluster([{ name: 'spend', values: a }, { name: 'returns', values: b }]);
    expect(res.k).toBe(2);
    const first = res.assignment[0];
    expect(Array.from(res.assignment.slice(0, 100)).every((v) => v === first)).toBe(true);
    const spendHigh = res.clusters.find((c) => (c.centroid.spend as number) > 0);
    const spendLow = res.clusters.find((c) => (c.centroid.spend as number) < 0);
    expect(spendHigh?.description).toMatch(/high spend/);
    expect(spendHigh?.description).toMatch(/low returns/);
    expect(spendLow?.description).toMatch(/low spend/);
  });

  it('needs and demographics follow their documented rules', () => {
    const facts: TextFacts = { interactions: 10, byChannel: { chat: 10 }, lastByChannel: {}, first: null, signalMsgs: { price_value: 1, urgency: 4 }, archetype: 'fling', recommenderScore: 0, sentimentMean: 0 };
    expect(needs(facts, 100).label).toBe('convenience');
    expect(needs(facts, 5).label).toBe('support_heavy');
    expect(needs(undefined, 3).label).toBe('unknown');
    expect(demographic({ customerId: 'a', birthYear: 1980, gender: 'F' }, 2024).label).toBe('35-44|female|unknown');
    expect(demographic(undefined, 2024).label).toBe('unknown');
  });
});
