// ProfileBatch: the embedded fold. analyze() is replaced by a stub so these tests pin the batching itself.
import { describe, expect, it, vi } from 'vitest';
import type { Interaction } from '../src/schemas/interaction.js';
import type { MessageAnalysis } from '../src/nlp/types.js';
import { zeroEmotions } from '../src/nlp/types.js';

vi.mock('../src/nlp/analyze.js', () => ({
  analyze: (i: Interaction): MessageAnalysis => {
    if (i.text === 'BOOM') throw new Error('analyser failed');
    const sentiment = i.text.includes('love') ? 0.8 : -0.4;
    return { id: i.id, customerId: i.customerId, channel: i.channel, timestamp: i.timestamp, words: i.text.split(' ').length, sentiment, emotions: zeroEmotions(), emotion: 'neutral', signals: {}, advocacy: 'neutral', evidence: [] };
  },
}));

const { ProfileBatch } = await import('../src/profile/batch.js');

const msg = (id: string, customerId: string, text: string, day = 1): Interaction => ({
  id,
  customerId,
  channel: 'email',
  timestamp: `2024-01-${String(day).padStart(2, '0')}T10:00:00.000Z`,
  text,
});

describe('ProfileBatch', () => {
  it('folds each interaction id once and summarises per customer', () => {
    const b = new ProfileBatch();
    b.addInteraction(msg('1', 'x', 'I love it', 1));
    b.addInteraction(msg('2', 'x', 'late again', 5));
    b.addInteraction(msg('1', 'x', 'I love it', 1));
    expect([b.analysed, b.duplicates]).toEqual([2, 1]);
    const [p] = [...b.profiles()];
    expect(p?.interactions.total).toBe(2);
    expect(p?.sentiment.mean).toBeCloseTo(0.2, 6);
    expect(p?.sentiment.last).toBeCloseTo(-0.4, 6);
  });

  it('profiles customers known only from attributes or transactions, sorted by id, and frees states', () => {
    const b = new ProfileBatch();
    b.addInteraction(msg('1', 'm', 'hello'));
    b.addCustomer({ customerId: 'z', country: 'UK' });
    b.addCustomer({ customerId: 'z', city: 'Leeds' });
    b.addTransaction({ orderId: 'o1', customerId: 'a', timestamp: '2024-01-02T00:00:00Z', amount: 10 });
    b.addTransaction({ orderId: 'o2', customerId: 'a', timestamp: '2024-02-02T00:00:00Z', amount: -10 });
    expect(b.customers.get('z')).toEqual({ customerId: 'z', country: 'UK', city: 'Leeds' });
    const profiles = [...b.profiles({ asOf: new Date('2024-03-01T00:00:00Z') })];
    expect(profiles.map((p) => p.customerId)).toEqual(['a', 'm', 'z']);
    expect(profiles[0]?.interactions.total).toBe(0);
    expect(profiles[0]?.archetype.primary).toBe('insufficient_evidence');
    expect(profiles[0]?.behaviour).toMatchObject({ orders: 1, returns: 1 });
    expect(b.states.size).toBe(0);
  });

  it('gives every profile the classic segments of the whole base', () => {
    const b = new ProfileBatch();
    b.addInteraction(msg('1', 'talker', 'I love it'));
    for (let i = 0; i < 6; i++) {
      b.addTransaction({ orderId: `b${i}`, customerId: 'big', timestamp: `2024-0${i + 1}-05T00:00:00Z`, amount: 400 });
      if (i < 1) b.addTransaction({ orderId: `s${i}`, customerId: 'small', timestamp: '2023-02-01T00:00:00Z', amount: 5 });
    }
    const byId = Object.fromEntries([...b.profiles({ asOf: new Date('2024-07-01T00:00:00Z') })].map((p) => [p.customerId, p.segments]));
    expect(Object.keys(byId).sort()).toEqual(['big', 'small', 'talker']);
    expect(byId.talker?.rfm).toBe('no_purchases');
    expect(byId.big?.rfm).not.toBe(byId.small?.rfm);
    for (const id of ['big', 'small']) expect(byId[id]).toHaveProperty('value');
  });

  it('leaves no trace of an interaction whose analysis fails', () => {
    const b = new ProfileBatch();
    expect(() => b.addInteraction(msg('1', 'q', 'BOOM'))).toThrow('analyser failed');
    expect(b.states.has('q')).toBe(false);
    expect(b.analysed).toBe(0);
  });
});
