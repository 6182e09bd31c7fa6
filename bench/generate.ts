// Seeded generator of realistic customer interactions for the benchmarks: emails with quoted threads and
// signatures, chat transcripts with bot/agent turns, agents' call notes, social posts with engagement.
// Messages are composed from templates and slot fillers, so 20k texts are varied rather than 20 repeats.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Interaction } from '../src/schemas/interaction.js';
import { seededRandom } from '../src/random.js';

/** The corpus generator's PRNG (seeded: the same corpus from the same seed). */
export const rng = seededRandom;


type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const SLOTS: Record<string, readonly string[]> = {
  product: ['router', 'phone', 'rain jacket', 'coffee machine', 'subscription box', 'broadband plan', 'running shoes', 'laptop bag', 'SIM-only plan', 'smart speaker', 'sofa', 'blender'],
  issue: [
    'arrived damaged',
    'stopped working after two days',
    'was charged twice',
    'never turned up',
    'is not what was advertised',
    'keeps dropping the connection',
    'came with the wrong size',
    'has a missing part',
  ],
  days: ['two', 'three', 'five', 'ten', 'fourteen'],
  amount: ['£12.99', '£45', '£120', '£8.50', '£260', '$30', '€75'],
  brand: ['@NorthwindShop', '@FernwayMobile', '@ridgelineoutfitters', '@BrewBetter', '@HomeNest'],
  tag: ['#love', '#customerservice', '#fail', '#happy', '#recommend', '#unboxing', '#outdoors', '#coffee'],
  emoji: ['😍', '😡', '🙏', '👍', '😤', '🎉', '😢', '❤️', ':)', ':('],
  name: ['Sam', 'Priya', 'Tom', 'Aisha', 'Lukas', 'Maria', 'Chen', 'Ola'],
  agent: ['Jess', 'Kes', 'Marco', 'Dee'],
  month: ['January', 'March', 'May', 'August', 'October', 'December'],
  years: ['two', 'five', 'eight', 'ten', 'twelve'],
  city: ['Leeds', 'Bristol', 'Glasgow', 'Cardiff', 'Dublin', 'Manchester'],
};

// what a customer says, by mood; each line is one sentence or two
const SAYS: Record<string, readonly string[]> = {
  complaint: [
    'My {product} {issue} and nobody has replied for {days} days.',
    'This is the third time I have had to chase this. Really not good enough.',
    'I was promised a call back and it never happened.',
    'The {product} {issue}, which is frankly unacceptable.',
    "I don't trust your delivery estimates any more.",
    'Why do I have to explain everything again every time I call?',
  ],
  demand: [
    'I expect a full refund of {amount} by Friday.',
    'Please escalate this to a manager today.',
    'If this is not sorted I will cancel my account and go elsewhere.',
    'I want a replacement sent by express courier, at your cost.',
    'I am considering a complaint to the ombudsman.',
  ],
  praise: [
    'Honestly the {product} is brilliant, thank you so much!',
    '{agent} on your team was incredibly helpful, please pass on my thanks.',
    'Been a customer for {years} years and you never let me down.',
    'Really impressed with how quickly you sorted it.',
    'I always tell my friends to shop with you.',
    'Great value for the price, not the cheapest but worth it.',
  ],
  neutral: [
    'Could you send me a copy of my last invoice please?',
    'I need to update my delivery address to {city}.',
    'What time does the store open on Sunday?',
    'Can I change my payment date to the 15th?',
    'Please reset my password, the link expired.',
    'Is the {product} compatible with the older model?',
  ],
  idea: [
    'One suggestion: it would be great if the app showed the delivery slot.',
    'Have you thought about a refill option for the {product}? I would buy it.',
    'Would love to see a loyalty scheme for long-time customers.',
    'Any chance of a darker colour next season?',
  ],
  price: [
    'Is there a discount if I pay annually?',
    'I found the same {product} for {amount} less elsewhere, can you match it?',
    'Honestly the price went up again and I am not sure it is worth it.',
  ],
  novelty: [
    'Just saw the new {product} launch, so excited to try it!',
    "Can't wait for the {month} drop, what's new this time?",
    'Fancy trying something different this time, what do you recommend?',
  ],
};
const MOODS = Object.keys(SAYS);

function fill(r: Rand, template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => pick(r, SLOTS[slot] ?? [slot]));
}

function customerLines(r: Rand, n: number): string[] {
  const mood = pick(r, MOODS);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const line = fill(r, pick(r, SAYS[r() < 0.7 ? mood : pick(r, MOODS)] as readonly string[]));
    if (line !== out[out.length - 1]) out.push(line);
  }
  return out;
}

function email(r: Rand): { text: string; subject: string } {
  const greeting = pick(r, ['Hi,', 'Hello team,', 'Dear Sir or Madam,', 'Hi there,', '']);
  const body = customerLines(r, 2 + Math.floor(r() * 4)).join(' ');
  const sign = pick(r, ['Thanks', 'Regards', 'Best', 'Cheers']) + `,\n${pick(r, SLOTS.name as string[])}`;
  let text = [greeting, body, sign].filter(Boolean).join('\n\n');
  if (r() < 0.4) text += `\n--\nSent from my phone\nCall me on 07700 900${Math.floor(r() * 900 + 100)}`;
  if (r() < 0.5) {
    const quoted = fill(r, 'Thank you for contacting us about your {product}. We aim to reply within {days} working days.');
    text += `\n\nOn ${pick(r, SLOTS.month as string[])} 3, Customer Care <care@example.com> wrote:\n> ${quoted}\n> Kind regards,\n> ${pick(r, SLOTS.agent as string[])}`;
  }
  if (r() < 0.15) text += '\n\nThis email and any attachments are confidential and intended solely for the addressee.';
  return { text, subject: fill(r, pick(r, ['Re: your {product} order', 'Complaint', 'Question about my account', 'Thank you!', 'Refund request'])) };
}

function chat(r: Rand): string {
  const agent = pick(r, SLOTS.agent as string[]);
  const lines = [`Bot: Hi, I'm ${agent} 👋 What can I help with?`];
  const turns = 2 + Math.floor(r() * 4);
  const said = customerLines(r, turns);
  let minute = Math.floor(r() * 50);
  for (const s of said) {
    const stamp = r() < 0.5 ? `[10:${String(minute++).padStart(2, '0')}] ` : '';
    lines.push(`${stamp}Customer: ${s}`);
    lines.push(`${stamp}Agent: ${pick(r, ['I understand, let me check that for you.', 'Sorry to hear that.', 'Thanks for waiting.', 'I can help with that.', 'Is there anything else?'])}`);
  }
  return lines.join('\n');
}

function callNote(r: Rand): string {
  const notes = [
    'Cust called re {product} that {issue}. Very frustrated, demanded refund of {amount}. Escalated to team lead.',
    'Cust happy with resolution, thanked {agent} for help. No further action.',
    'Cust asked for invoice copy, sent by email. Routine.',
    'Cust threatened to cancel contract over price rise, offered {amount} credit, accepted reluctantly.',
    'Long-standing cust ({years} yrs), asked about upgrade options for {product}. Keen on new model.',
    'Cust upset, said this is the third call about the same fault. Booked engineer for {month}.',
    'Cust suggested we add delivery tracking to the app. Logged as feedback.',
  ];
  return fill(r, pick(r, notes));
}

function social(r: Rand): { text: string; social: NonNullable<Interaction['social']> } {
  const kind = r();
  let text: string;
  if (kind < 0.35) text = fill(r, pick(r, ['Absolutely love my new {product} from {brand} {emoji} highly recommend!', 'Shout out to {brand}, {agent} sorted my {product} in minutes. Go buy from them {emoji}', 'If you need a {product}, get it from {brand}. Best decision this year {tag}']));
  else if (kind < 0.6) text = fill(r, pick(r, ['{brand} my {product} {issue}. Still waiting. {emoji} {tag}', 'Avoid {brand}. Hidden fees and nobody answers the phone {emoji}', 'Three weeks and no refund from {brand}. Disgraceful {tag}']));
  else if (kind < 0.75) text = fill(r, pick(r, ['Win a {product}! Follow {brand} and RT #giveaway #ad', 'Use my code SAVE{days} for 20% off at {brand} #ad #sponsored']));
  else text = fill(r, pick(r, ['Unboxing the {product} from {brand} today {tag}', 'Anyone tried the {product} from {brand}? Thinking of getting one', 'Nice day in {city} with my {product} {emoji}']));
  const reach = Math.floor(10 ** (1 + r() * 4));
  return {
    text,
    social: {
      likes: Math.floor(reach * r() * 0.05),
      shares: Math.floor(reach * r() * 0.01),
      comments: Math.floor(reach * r() * 0.01),
      reach,
      mentionsBrand: r() < 0.9,
      platform: pick(r, ['x', 'instagram', 'facebook', 'tiktok']),
    },
  };
}

export const CHANNEL_MIX = { email: 0.3, chat: 0.3, call_note: 0.15, social: 0.25 } as const;

export interface GenerateOptions {
  count: number;
  customers: number;
  seed?: number;
  /** first timestamp; interactions spread over two years from here. */
  start?: Date;
}

/** `count` interactions spread over `customers` customers (uneven, like real bases: some write a lot). */
export function* generateInteractions({ count, customers, seed = 42, start = new Date('2023-01-01T00:00:00Z') }: GenerateOptions): Generator<Interaction> {
  const r = rng(seed);
  const span = 2 * 365 * 86_400_000;
  const width = String(customers).length;
  for (let i = 0; i < count; i++) {
    // squaring a uniform skews activity: low ids write more, every id still appears for count >> customers
    const c = i < customers ? i : Math.floor(r() ** 2 * customers);
    const customerId = `c${String(c).padStart(width, '0')}`;
    const timestamp = new Date(start.getTime() + Math.floor(r() * span)).toISOString();
    const id = `i${i}`;
    const x = r();
    if (x < CHANNEL_MIX.email) {
      const e = email(r);
      yield { id, customerId, channel: 'email', timestamp, text: e.text, subject: e.subject };
    } else if (x < CHANNEL_MIX.email + CHANNEL_MIX.chat) yield { id, customerId, channel: 'chat', timestamp, text: chat(r) };
    else if (x < 1 - CHANNEL_MIX.social) yield { id, customerId, channel: 'call_note', timestamp, text: callNote(r) };
    else yield { id, customerId, channel: 'social', timestamp, ...social(r) };
  }
}

/** Writes generated interactions as NDJSON (respecting backpressure); returns the file size in bytes. */
export async function writeInteractions(path: string, options: GenerateOptions): Promise<number> {
  const out = createWriteStream(path);
  let buffer = '';
  let bytes = 0;
  for (const interaction of generateInteractions(options)) {
    buffer += JSON.stringify(interaction) + '\n';
    if (buffer.length > 1 << 20) {
      bytes += Buffer.byteLength(buffer);
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  bytes += Buffer.byteLength(buffer);
  out.end(buffer);
  await once(out, 'finish');
  return bytes;
}
