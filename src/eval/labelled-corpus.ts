// Reads a labelled archetype set (interactions.ndjson + labels.csv [+ transactions.csv]) and folds each
// customer's analyses into a state, the same way the profiler does.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InteractionSchema } from '../schemas/interaction.js';
import { CSV_RECORD_DELIMITERS } from '../io/csv.js';
import { TransactionSchema, type Transaction } from '../schemas/transaction.js';
import { analyze } from '../nlp/analyze.js';
import { readTextDoc } from '../nlp/document.js';
import { lexicalTerms } from '../nlp/lexical.js';
import { emptyState, fold, type CustomerState } from '../profile/state.js';
import { behaviourOf } from '../profile/behaviour.js';
import type { Behaviour } from '../profile/types.js';

export interface LabelledCustomer {
  customerId: string;
  label: string;
  set: string;
  state: CustomerState;
  behaviour: Behaviour | null;
  /** the customer's own redacted words, for the bag-of-words baseline */
  text: string;
  /** lexical terms of each message, for training the archetype model's lexical component */
  messages: string[][];
  /** the customer thinned to tweet-length messages (see trainArchetypeModel) */
  fragment: { state: CustomerState; messages: string[][] };
}

/** A tweet's length: real customers' messages are this thin. */
export const FRAGMENT_CHARS = 280;

function cut(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const head = flat.slice(0, max);
  const space = head.lastIndexOf(' ');
  return space > max / 2 ? head.slice(0, space) : head;
}

export interface LoadOptions {
  /** fold the shipped lexical evidence into the states (off when training the model that makes it) */
  lexical?: boolean;
}

type Row = Record<string, string>;
const readCsv = (path: string): Row[] => parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, trim: true, record_delimiter: CSV_RECORD_DELIMITERS }) as Row[];

export function loadLabelledSet(dir: string, options: LoadOptions = {}): LabelledCustomer[] {
  const labelsPath = join(dir, 'labels.csv');
  const interactionsPath = join(dir, 'interactions.ndjson');
  for (const p of [labelsPath, interactionsPath]) if (!existsSync(p)) throw new Error(`${dir}: missing ${p}`);
  const labels = new Map(readCsv(labelsPath).map((r) => [r.customerId as string, r.archetype as string]));
  const states = new Map<string, CustomerState>();
  const texts = new Map<string, string[]>();
  const terms = new Map<string, string[][]>();
  const fragments = new Map<string, { state: CustomerState; messages: string[][] }>();
  readFileSync(interactionsPath, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const parsed = InteractionSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${interactionsPath}:${i + 1}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
      const a = analyze(parsed.data, { keepText: true, lexical: options.lexical ?? true });
      const state = states.get(a.customerId) ?? emptyState(a.customerId);
      states.set(a.customerId, fold(state, a));
      texts.set(a.customerId, [...(texts.get(a.customerId) ?? []), a.text ?? '']);
      // a message the analyser reads as not English gives no lexical evidence at run time, nor in training
      terms.set(a.customerId, [...(terms.get(a.customerId) ?? []), a.language ? [] : lexicalTerms(readTextDoc(a.text ?? ''))]);
      // the fragment: this message's own words cut to a tweet, read as a public post
      const thin = analyze({ ...parsed.data, channel: 'social', social: undefined, subject: undefined, text: cut(a.text ?? '', FRAGMENT_CHARS) }, { keepText: true, lexical: options.lexical ?? true });
      const fragment = fragments.get(a.customerId) ?? { state: emptyState(a.customerId), messages: [] };
      fold(fragment.state, thin);
      fragment.messages.push(thin.language ? [] : lexicalTerms(readTextDoc(thin.text ?? '')));
      fragments.set(a.customerId, fragment);
    });
  const transactions = new Map<string, Transaction[]>();
  const txPath = join(dir, 'transactions.csv');
  if (existsSync(txPath)) {
    for (const row of readCsv(txPath)) {
      const t = TransactionSchema.safeParse(Object.fromEntries(Object.entries(row).filter(([, v]) => v !== '')));
      if (t.success) transactions.set(t.data.customerId, [...(transactions.get(t.data.customerId) ?? []), t.data]);
    }
  }
  const out: LabelledCustomer[] = [];
  for (const [customerId, label] of labels) {
    const tx = transactions.get(customerId);
    out.push({
      customerId,
      label,
      set: dir,
      state: states.get(customerId) ?? emptyState(customerId),
      behaviour: tx?.length ? behaviourOf(tx) : null,
      text: (texts.get(customerId) ?? []).join('\n'),
      messages: terms.get(customerId) ?? [],
      fragment: fragments.get(customerId) ?? { state: emptyState(customerId), messages: [] },
    });
  }
  return out;
}
