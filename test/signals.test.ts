import { describe, expect, it } from 'vitest';
import { readTextDoc } from '../src/nlp/document.js';
import { detectSignals } from '../src/nlp/signals.js';
import { analyze } from '../src/nlp/analyze.js';

const signalsOf = (text: string) => detectSignals(readTextDoc(text));

describe('relational signals', () => {
  it('finds distrust, captivity and threats in an adversarial complaint, with the phrases as evidence', () => {
    const r = signalsOf("Hidden fees buried in the small print, what a rip-off. I'd leave but you're the only provider in town. I'm reporting you to the ombudsman.");
    expect(r.signals.distrust_exploitation).toBeGreaterThanOrEqual(2);
    expect(r.signals.captivity).toBeGreaterThanOrEqual(1);
    expect(r.signals.cancellation_legal_threat).toBeGreaterThanOrEqual(1);
    expect(r.evidence.map((e) => e.phrase).join(' | ')).toMatch(/Hidden fees/);
  });

  it('reads a negated trust cue as distrust, and "can\'t wait" as excitement, not its negation', () => {
    expect(signalsOf("Honestly I don't trust you anymore.").signals.distrust_exploitation).toBeGreaterThan(0);
    // the trust cue itself, inside a negation: it counts against trust
    const negated = signalsOf("I don't really trust your advice.");
    expect(negated.signals.gratitude_trust ?? 0).toBe(0);
    expect(negated.signals.distrust_exploitation).toBeGreaterThan(0);
    expect(negated.evidence.find((e) => e.signal === 'distrust_exploitation')?.negated).toBe(true);
    expect(signalsOf("Can't wait for the next drop!!").signals.novelty_excitement).toBeGreaterThan(0);
  });

  it('matches inflected forms and multi-word alternatives', () => {
    expect(signalsOf('They charged me hidden charges again').signals.distrust_exploitation).toBeGreaterThan(0);
    expect(signalsOf('I have been a customer since 2009 and always shop with you').signals.loyalty_tenure).toBeGreaterThan(0);
  });

  it('matches cues whose words wink reads as dates, numbers or durations', () => {
    // wink matches "3 days", "Friday", "third", "one" by entity type; cues written with such words used to never fire
    expect(signalsOf("I've been waiting for 3 days for a reply").signals.urgency).toBeGreaterThan(0);
    expect(signalsOf('This is the third time I have had to ring').signals.dissatisfaction).toBeGreaterThan(0);
    expect(signalsOf('I have been a customer for 10 years').signals.loyalty_tenure).toBeGreaterThan(0);
    expect(signalsOf('Call me back within the hour').signals.urgency).toBeGreaterThan(0);
    expect(signalsOf('Nice one, cheers').signals.casual_tone).toBeGreaterThan(0);
    // and not in their place: a tenure is no complaint, a routine date no urgency
    expect(signalsOf('I have been with you for years').signals.dissatisfaction ?? 0).toBe(0);
    expect(signalsOf('Can it get to Dublin by Friday?').signals.urgency ?? 0).toBe(0);
  });

  it('hears sarcasm about the company, not polite agreement', () => {
    expect(signalsOf('Surprise surprise, another price rise').signals.distrust_exploitation).toBeGreaterThan(0);
    expect(signalsOf('Of course I would like a refund, thanks').signals.distrust_exploitation ?? 0).toBe(0);
    expect(signalsOf('Great service as always').signals.distrust_exploitation ?? 0).toBe(0);
  });

  it('does not read everyday words of a complaint as closeness or excitement', () => {
    expect(signalsOf('You lost my bag on the way to Denver').signals.self_disclosure ?? 0).toBe(0);
    expect(signalsOf('I lost my mum in March').signals.self_disclosure).toBeGreaterThan(0);
    expect(signalsOf('The pipe under the sink is leaking again').signals.novelty_excitement ?? 0).toBe(0);
    expect(signalsOf('Finally got through to someone after an hour').signals.novelty_excitement ?? 0).toBe(0);
    expect(signalsOf('Whenever I call, nobody answers').signals.variety_seeking ?? 0).toBe(0);
  });

  it('reads escalation and demands in past and -ing forms', () => {
    expect(signalsOf('I want this escalated to someone who can actually do something').signals.escalation).toBeGreaterThan(0);
    expect(signalsOf('I insisted on a refund').signals.demand_entitlement).toBeGreaterThan(0);
    expect(signalsOf('I want a supervisor to call me back').signals.escalation).toBeGreaterThan(0);
  });

  it('reads status claims (tier, spend, how often they buy) as entitlement, and profit-over-people talk as distrust', () => {
    for (const text of [
      "I'm a platinum cardholder and nobody has called me back",
      'I spend hundreds a month with you and this is the service I get',
      'I travel with you constantly for work',
      "I'm a paying customer, sort it out",
      'Executive Platinum and nobody at the gate could help',
      'You owe me a voucher at the very least',
      'Rebook me and waive the change fee',
    ])
      expect(signalsOf(text).signals.demand_entitlement, text).toBeGreaterThan(0);
    // the same words without a claim about the customer's standing are no demand
    expect(signalsOf('The platinum card arrived today, thanks').signals.demand_entitlement ?? 0).toBe(0);
    expect(signalsOf('I only fly with you because there is no other airline from my town').signals.captivity).toBeGreaterThan(0);
    expect(signalsOf("You clearly don't care about your customers, only your profits").signals.distrust_exploitation).toBeGreaterThan(0);
  });

  it('counts style: commands, questions, lists, first-person plural', () => {
    const r = signalsOf('Send the invoice today. Put me through to your manager. Is it done? We run four sites.\n1. group visits\n2. share a slot list');
    expect(r.signals.style_imperative).toBeGreaterThanOrEqual(2);
    expect(r.signals.style_question).toBe(1);
    expect(r.signals.style_we).toBeGreaterThanOrEqual(1);
    expect(r.signals.style_list).toBe(2);
  });

  it('generalises beyond the cue words through embedding neighbours', () => {
    // "teaser" and "unveiled" are no cue pattern, but sit near the novelty seeds
    const r = signalsOf('Saw the teaser, they unveiled it yesterday');
    expect(r.signals.semantic_novelty_excitement).toBeGreaterThan(0);
  });

  it('never shows PII in evidence', () => {
    const a = analyze({
      id: 'p1',
      customerId: 'c1',
      channel: 'email',
      timestamp: '2025-01-01T00:00:00Z',
      text: 'I demand a call back immediately on 07700 900123 or at jo.bloggs@example.com, this is unacceptable.',
    });
    const shown = a.evidence.map((e) => e.phrase).join(' ');
    expect(a.signals.demand_entitlement).toBeGreaterThan(0);
    expect(shown).not.toMatch(/07700|example\.com/);
  });

  it('reads a shouted contraction that wink leaves without a lemma, instead of failing the message', () => {
    // a real support tweet: wink gives the final "CANT" no lemma
    const text = '@XboxSupport how would deleting an account off a device (that cant connect to internet) to troubleshoot it work, be brought back? Oh, IT CANT.';
    const doc = readTextDoc(text);
    doc.type.forEach((t, i) => {
      if (t === 'word') expect(typeof doc.lemma[i]).toBe('string');
    });
    const a = analyze({ id: 'x1', customerId: 'c1', channel: 'social', timestamp: '2017-10-31T23:33:50Z', text });
    expect(a.sentiment).toBeGreaterThanOrEqual(-1);
  });
});
