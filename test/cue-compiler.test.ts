import { describe, expect, it } from 'vitest';
import { compilePattern, inflections } from '../src/nlp/cue-compiler.js';

// a stand-in for wink's tokenizer: split words, expand the one contraction the tests use
const tokenize = (phrase: string) => phrase.toLowerCase().replace("can't", 'can not').split(/\s+/).filter(Boolean);

describe('cue pattern compiler', () => {
  it('inflects starred words regularly', () => {
    expect(inflections('fee')).toEqual(expect.arrayContaining(['fee', 'fees']));
    expect(inflections('charge')).toEqual(expect.arrayContaining(['charge', 'charges', 'charged', 'charging']));
    expect(inflections('reply')).toEqual(expect.arrayContaining(['replies', 'replied']));
    // nouns by suffix take plurals only
    expect(inflections('confirmation')).not.toContain('confirmationed');
    // verbs whose ending looks like a noun's still take -ed and -ing
    expect(inflections('escalate')).toEqual(expect.arrayContaining(['escalated', 'escalating']));
    expect(inflections('insist')).toEqual(expect.arrayContaining(['insisted', 'insisting']));
    expect(inflections('appreciate')).toEqual(expect.arrayContaining(['appreciated', 'appreciating']));
  });

  it('keeps single-word alternatives in one bracket and gives multi-word ones their own branch', () => {
    const out = compilePattern('[hidden|sneaky] [fee*|small print]', tokenize);
    expect(out).toHaveLength(2);
    expect(out).toContain('[hidden|sneaky] small print');
    const inflected = out.find((p) => p !== '[hidden|sneaky] small print') ?? '';
    expect(inflected).toMatch(/^\[hidden\|sneaky\] \[fee\|fees\|/);
  });

  it('makes an empty alternative an optional slot', () => {
    expect(compilePattern('[really|] recommend', tokenize).sort()).toEqual(['really recommend', 'recommend']);
  });

  it('tokenizes literals the way the reader does and passes tags through', () => {
    expect(compilePattern("can't wait", tokenize)).toEqual(['can not wait']);
    expect(compilePattern('customer [DURATION]', tokenize)).toEqual(['customer DURATION']);
  });

  it('splits patterns whose bracket product would make wink warn', () => {
    const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join('|');
    const out = compilePattern(`[${many}] [${many}]`, tokenize);
    for (const p of out) {
      const product = (p.match(/\[[^\]]*\]/g) ?? []).reduce((a, b) => a * b.split('|').length, 1);
      expect(product).toBeLessThanOrEqual(64);
    }
    // every combination is still covered
    const covered = out.reduce((a, p) => a + (p.match(/\[[^\]]*\]/g) ?? []).reduce((x, b) => x * b.split('|').length, 1), 0);
    expect(covered).toBe(1600);
  });
});
