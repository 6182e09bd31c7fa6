// RFM: scores equal a straightforward reference computation; the named map is the documented grid.
import { describe, expect, it } from 'vitest';
import { rfm, rfmSegmentOf, RFM_SEGMENTS, type RfmInput } from '../src/segments/rfm.js';
import { seededRandom } from '../src/random.js';

/** Reference: count, for each customer, the values strictly below and equal, by brute force. */
function referenceScore(values: number[], i: number): number {
  let below = 0;
  let equal = 0;
  for (const v of values) {
    if (v < (values[i] as number)) below++;
    else if (v === values[i]) equal++;
  }
  const p = (below + equal / 2) / values.length;
  return Math.min(5, 1 + Math.floor(5 * p));
}

function base(n: number, seed: number): RfmInput[] {
  const rand = seededRandom(seed);
  // integers with many ties, like real bases (lots of one-order customers)
  return Array.from({ length: n }, (_, i) => ({
    customerId: `c${i}`,
    recencyDays: Math.floor(rand() * 365),
    frequency: 1 + Math.floor(-Math.log(1 - rand()) * 2),
    monetary: Math.round(rand() * rand() * 5000) / 10,
  }));
}

describe('rfm', () => {
  it('scores equal the reference quintile computation (recency inverted)', () => {
    for (const seed of [1, 2, 3]) {
      const input = base(997, seed);
      const out = rfm(input);
      const rec = input.map((c) => -c.recencyDays);
      const fr = input.map((c) => c.frequency);
      const mo = input.map((c) => c.monetary);
      out.forEach((row, i) => {
        expect(row.r).toBe(referenceScore(rec, i));
        expect(row.f).toBe(referenceScore(fr, i));
        expect(row.m).toBe(referenceScore(mo, i));
        expect(row.segment).toBe(rfmSegmentOf(row.r, row.f, row.m));
      });
    }
  });

  it('splits distinct values into fifths and gives ties one score', () => {
    const input = Array.from({ length: 100 }, (_, i) => ({ customerId: `c${i}`, recencyDays: i, frequency: i < 60 ? 1 : 2, monetary: i }));
    const out = rfm(input);
    for (let s = 1; s <= 5; s++) expect(out.filter((r) => r.m === s)).toHaveLength(20);
    expect(out[0]?.r).toBe(5); // the most recent customer
    expect(out[99]?.r).toBe(1);
    expect(new Set(out.filter((r) => r.frequency === 1).map((r) => r.f)).size).toBe(1);
  });

  it('names the corners of the grid as marketers expect', () => {
    expect(rfmSegmentOf(5, 5, 5)).toBe('champions');
    expect(rfmSegmentOf(5, 1, 1)).toBe('new_customers');
    expect(rfmSegmentOf(1, 5, 5)).toBe('cant_lose_them');
    expect(rfmSegmentOf(1, 1, 1)).toBe('lost');
    expect(rfmSegmentOf(2, 1, 2)).toBe('hibernating');
    expect(rfmSegmentOf(3, 3, 3)).toBe('need_attention');
    const all = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) all.add(rfmSegmentOf(r, f, m));
    expect([...all].sort()).toEqual([...RFM_SEGMENTS].sort());
  });
});
