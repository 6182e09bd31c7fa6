// The bundled example corpus (README quick start) must stay valid input: every line parses with
// the edge schemas, and the three files agree with each other.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CHANNELS, InteractionSchema, type Interaction } from '../src/schemas/interaction.js';
import { CustomerSchema } from '../src/schemas/customer.js';
import { TransactionSchema } from '../src/schemas/transaction.js';

const read = (name: string) => readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8');

/** CSV cells are strings and an empty cell means "not given": drop it before validating. */
function csvRows(name: string): Record<string, string>[] {
  const rows = parse(read(name), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== '')));
}

function parseAll<T>(rows: unknown[], schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } }, file: string): T[] {
  return rows.map((row, i) => {
    const r = schema.safeParse(row);
    if (!r.success) throw new Error(`${file} row ${i + 1}: ${r.error.message}`);
    return r.data;
  });
}

const interactionLines = read('interactions.ndjson').split('\n').filter((l) => l.trim() !== '');
const interactions: Interaction[] = parseAll(
  interactionLines.map((l, i) => {
    try {
      return JSON.parse(l) as unknown;
    } catch {
      throw new Error(`interactions.ndjson line ${i + 1} is not JSON`);
    }
  }),
  InteractionSchema,
  'interactions.ndjson',
);
const customers = parseAll(csvRows('customers.csv'), CustomerSchema, 'customers.csv');
const transactions = parseAll(csvRows('transactions.csv'), TransactionSchema, 'transactions.csv');

describe('example corpus', () => {
  it('parses every line of the three files with the input schemas', () => {
    expect(interactions).toHaveLength(interactionLines.length);
    expect(interactions.length).toBeGreaterThanOrEqual(200);
    expect(customers.length).toBeGreaterThanOrEqual(30);
    expect(transactions.length).toBeGreaterThanOrEqual(300);
  });

  it('covers every channel, with engagement counts on social posts and subjects on emails', () => {
    const channels = new Set(interactions.map((i) => i.channel));
    expect([...channels].sort()).toEqual([...CHANNELS].sort());
    for (const i of interactions) {
      if (i.channel === 'social') expect(i.social, i.id).toBeDefined();
      else expect(i.social, i.id).toBeUndefined();
      if (i.channel === 'email') expect(i.subject, i.id).toBeTruthy();
    }
  });

  it('has unique interaction, customer and order ids', () => {
    const unique = (xs: string[]) => new Set(xs).size === xs.length;
    expect(unique(interactions.map((i) => i.id))).toBe(true);
    expect(unique(customers.map((c) => c.customerId))).toBe(true);
    expect(unique(transactions.map((t) => t.orderId))).toBe(true);
  });

  it('links every interaction to a known customer who also has transactions', () => {
    const known = new Set(customers.map((c) => c.customerId));
    const buyers = new Set(transactions.map((t) => t.customerId));
    const writers = new Set(interactions.map((i) => i.customerId));
    expect([...writers].filter((c) => !known.has(c))).toEqual([]);
    expect([...writers].filter((c) => !buyers.has(c))).toEqual([]);
    expect([...buyers].filter((c) => !known.has(c))).toEqual([]);
    expect(writers.size).toBeGreaterThanOrEqual(30);
  });

  it('gives each customer 4 to 10 interactions spread over 2024-2025', () => {
    const perCustomer = new Map<string, number>();
    for (const i of interactions) perCustomer.set(i.customerId, (perCustomer.get(i.customerId) ?? 0) + 1);
    for (const [id, n] of perCustomer) {
      expect(n, id).toBeGreaterThanOrEqual(4);
      expect(n, id).toBeLessThanOrEqual(10);
    }
    const years = new Set([...interactions, ...transactions].map((x) => new Date(x.timestamp).getUTCFullYear()));
    expect([...years].sort()).toEqual([2024, 2025]);
  });

  it('carries the kinds of PII the redaction demo must hide', () => {
    const text = interactions.map((i) => i.text).join('\n');
    expect(text).toMatch(/[\w.+-]+@[\w-]+(\.[\w-]+)+/); // email address
    expect(text).toMatch(/\b07700 ?\d{6}\b/); // UK mobile
    expect(text).toMatch(/\b(?:\d{4} ){3}\d{4}\b/); // card number
    expect(text).toMatch(/\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,}/); // IBAN
  });

  it('carries returns as negative amounts', () => {
    expect(transactions.some((t) => t.amount < 0)).toBe(true);
  });
});
