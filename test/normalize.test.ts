// normalize(): what a user would notice if it went wrong. Agent words counted as the customer's, quoted
// threads or signatures analysed as if the customer wrote them, PII leaking into stored text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalize } from '../src/nlp/normalize.js';
import { InteractionSchema, type Channel, type Interaction } from '../src/schemas/interaction.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/normalize');
const DATA = join(import.meta.dirname, '../../shared/data');
const CHANNEL_OF_PREFIX: Record<string, Channel> = { email: 'email', chat: 'chat', note: 'call_note', social: 'social' };

function interaction(channel: Channel, text: string, subject?: string): Interaction {
  return { id: 'x', customerId: 'c', channel, timestamp: '2025-03-03T10:00:00Z', text, ...(subject ? { subject } : {}) };
}

function readInteractions(folder: string): Interaction[] {
  return readFileSync(join(DATA, folder, 'interactions.ndjson'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = InteractionSchema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${folder}/interactions.ndjson line ${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

describe('normalize on realistic samples (test/fixtures/normalize)', () => {
  const inputs = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt') && !f.endsWith('.expected.txt'));
  it('has fixtures for every text channel', () => {
    for (const prefix of ['email', 'chat', 'note']) expect(inputs.some((f) => f.startsWith(prefix + '-'))).toBe(true);
  });
  for (const file of inputs) {
    it(file, () => {
      const channel = CHANNEL_OF_PREFIX[file.split('-', 1)[0] as string];
      expect(channel).toBeDefined();
      const raw = readFileSync(join(FIXTURES, file), 'utf8');
      const expected = readFileSync(join(FIXTURES, file.replace(/\.txt$/, '.expected.txt')), 'utf8').trim();
      expect(normalize(interaction(channel as Channel, raw)).text).toBe(expected);
    });
  }
});

describe('email', () => {
  it('falls back to the subject, without Re:/Fwd:, when the customer wrote nothing new', () => {
    const text = 'On Mon, 3 Mar 2025 at 10:02, Brand <hello@brand.example> wrote:\n> Your order has shipped.';
    const n = normalize(interaction('email', text, 'Re: RE: Fwd: Still waiting for my refund'));
    expect(n.text).toBe('Still waiting for my refund');
  });

  it('leaves the subject out when there is a body', () => {
    const n = normalize(interaction('email', 'Where is my parcel?', 'Re: Order PD-3208114'));
    expect(n.text).toBe('Where is my parcel?');
  });

  it('keeps a lone "Thanks" rather than returning nothing', () => {
    expect(normalize(interaction('email', 'Thanks,\nJo', 'Re: your refund')).text).toBe('Thanks');
  });

  it('does not take a customer sentence starting "On ..." for a quote header', () => {
    const text = 'On Monday I wrote to you about the boiler and nobody replied.\nPlease call me.';
    expect(normalize(interaction('email', text)).text).toBe(text);
  });

  it('keeps a legal-sounding sentence that is part of the message, not a footer', () => {
    const text =
      'Your engineer left my back door open twice last week, and my dog got out.\n\nThis email is confidential: please only share it with your complaints team.\n\nI want this investigated.\n\nSandra';
    expect(normalize(interaction('email', text)).text).toBe(
      'Your engineer left my back door open twice last week, and my dog got out.\n\nThis email is confidential: please only share it with your complaints team.\n\nI want this investigated.',
    );
  });

  it('stays fast on a pathological single-line email', () => {
    const line = 'On the phone at the store on Monday at noon they said it would be sorted on Tuesday at the latest, '.repeat(1500);
    const t0 = performance.now();
    const n = normalize(interaction('email', line + '\nwrote:'));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(n.text.length).toBeGreaterThan(100_000);
  });
});

describe('chat', () => {
  it('reads "Name (role):" labels and a customer labelled by name when staff are labelled', () => {
    const text = 'Sam (Advisor): Hi Lucy, how can I help?\nLucy: my card was charged twice\nSam (Advisor): I can see that, refunding now.';
    expect(normalize(interaction('chat', text)).text).toBe('my card was charged twice');
  });

  it('treats names as staff when the customer is labelled "Customer"', () => {
    const text = 'Customer: is the 7am spin class full?\nMarcus: It is, but I can add you to the waitlist.\nCustomer: yes please';
    expect(normalize(interaction('chat', text)).text).toBe('is the 7am spin class full?\nyes please');
  });

  it('gives nothing when only staff and bots speak', () => {
    const text = 'Bot: Hi! How can I help?\nBot: Are you still there?\nAgent: Closing this chat as there has been no reply.';
    expect(normalize(interaction('chat', text)).text).toBe('');
  });
});

describe('call note', () => {
  it("is the agent's report, not the customer's voice", () => {
    const n = normalize(interaction('call_note', 'Cx called re DD. Happy w/ outcome.'));
    expect(n.voice).toBe('agent_report');
    expect(n.text).toBe('Customer called regarding direct debit. Happy with outcome.');
  });

  it('does not touch words that merely contain an abbreviation', () => {
    const text = 'Invoice re-issued to the customer; recalled the courier. Reply sent.';
    expect(normalize(interaction('call_note', text)).text).toBe(text);
  });
});

describe('social', () => {
  it('keeps @mentions and hashtags, collapses whitespace, redacts PII', () => {
    const n = normalize(interaction('social', '  @Pawdock   3rd late delivery\n\nthis month #fail  call me 07700 900352 '));
    expect(n).toEqual({ text: '@Pawdock 3rd late delivery this month #fail call me [PHONE]', voice: 'customer', redactions: 1 });
  });

  it("drops the brand's tweet a post quotes or retweets: those are not the customer's words", () => {
    const own = (text: string) => normalize(interaction('social', text)).text;
    expect(own('Yes!! Thanks so much!!! “@united: @whitterbug The baggage fee is waived for Premier members. ^KN”')).toBe('Yes!! Thanks so much!!!');
    expect(own('“@united: @mel We\'ll see what we can do.” We are running out of time')).toBe('We are running out of time');
    // cut at the length limit before the closing quote
    expect(own('Bruh "@VirginAmerica: @gianni Turn down for what. #VXSafetyDance')).toBe('Bruh');
    expect(own('Nice RT @VirginAmerica: Fares from $59/way (+restr). http://t.co/x')).toBe('Nice');
    expect(own('RT @AmericanAir: we are sorry for the delay')).toBe('');
    // the customer's own mentions, hashtags and quotation marks stay
    expect(own('@united the "premier" desk ignored me #NotHappy')).toBe('@united the "premier" desk ignored me #NotHappy');
  });

  it("reads an export's character references as the characters (AT&amp;T, &lt;3), and leaves a bare & alone", () => {
    expect(normalize(interaction('social', '@VirginAmerica AT&amp;T wifi on board &lt;3 it&#39;s great')).text).toBe("@VirginAmerica AT&T wifi on board <3 it's great");
    expect(normalize(interaction('social', 'R&D &notice Q&A')).text).toBe('R&D &notice Q&A');
    expect(normalize(interaction('email', 'Fish &amp; chips were cold.', 'Order &#35;12')).text).toBe('Fish & chips were cold.');
  });
});

describe('redaction inside normalize', () => {
  it('redacts what the customer kept and counts it, but not PII in stripped signatures', () => {
    const text =
      'Please refund to my card 4539 1488 0343 6467 and email me at priya.r@example.com.\n\nThanks,\nPriya\n07700 900352\n\nOn Mon, 3 Mar 2025 at 10:02, Brand <hello@brand.example> wrote:\n> Call us on 0161 496 0418.';
    const n = normalize(interaction('email', text));
    expect(n.text).toBe('Please refund to my card [CARD] and email me at [EMAIL].');
    expect(n.redactions).toBe(2);
  });
});

describe.each(['archetypes-dev', 'archetypes-implicit'])('every interaction in %s', (folder) => {
  const all = readInteractions(folder);
  const speakerLine = /^\s*(?:\[[^\]]*\]\s*)?(?:Agent|Bot)\s*:/im;

  it('chat output never contains an Agent:/Bot: line, and keeps every Customer: turn', () => {
    const chats = all.filter((i) => i.channel === 'chat');
    expect(chats.length).toBeGreaterThan(0);
    for (const chat of chats) {
      const out = normalize(chat).text;
      expect(out, chat.id).not.toMatch(speakerLine);
      for (const line of chat.text.split('\n')) {
        const m = /^\s*(?:\[[^\]]*\]\s*)?Customer:\s*(.+)$/.exec(line);
        // Customer words survive (modulo redaction, which only replaces digits/addresses).
        if (m && !/[\d@]/.test(m[1] as string)) expect(out, chat.id).toContain((m[1] as string).trim());
      }
    }
  });

  it('email output has no quoted thread, quote header or signature furniture, and is never empty', () => {
    const emails = all.filter((i) => i.channel === 'email');
    expect(emails.length).toBeGreaterThan(0);
    for (const email of emails) {
      const out = normalize(email).text;
      expect(out.length, email.id).toBeGreaterThan(0);
      expect(out, email.id).not.toMatch(/wrote:\s*$/m);
      expect(out, email.id).not.toMatch(/^\s*>/m);
      expect(out, email.id).not.toMatch(/^-----Original Message-----$|^Sent from my |confidential and|^--\s*$/im);
    }
  });

  it('no output carries a phone number or email address', () => {
    for (const i of all) {
      const out = normalize(i).text;
      expect(out, i.id).not.toMatch(/\b07\d{3} ?\d{6}\b|\+44 ?\d/);
      expect(out, i.id).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    }
  });
});
