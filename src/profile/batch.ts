// The embedded pipeline's core: analyse each interaction, fold it into its customer's state (memory grows
// with customers, not interactions; states are held packed, see packed-states.ts, so 50k customers fit in
// a few hundred MB), then derive one profile per customer.
// No I/O here: the CLI streams records in and writes profiles out.
import type { Interaction } from '../schemas/interaction.js';
import type { Customer } from '../schemas/customer.js';
import type { Transaction } from '../schemas/transaction.js';
import { analyze, type AnalyzeOptions } from '../nlp/analyze.js';
import { emptyState, fold } from './state.js';
import { HOT_STATES, PackedStates } from './packed-states.js';
import { derive, type DeriveOptions } from './derive.js';
import type { Profile } from './types.js';
import { Ledger } from '../segments/transactions.js';
import { segmentBase } from '../segments/index.js';
import { textFactsOf, type TextFacts } from '../segments/text-facts.js';

export class ProfileBatch {
  readonly states: PackedStates;
  readonly customers = new Map<string, Customer>();
  readonly transactions = new Map<string, Transaction[]>();
  /** the same transactions folded for the segmenters (RFM, CLV, behaviour). */
  readonly ledger = new Ledger();
  /** what segmentation had to say (e.g. no CLV without purchases), for the run's summary. */
  readonly segmentNotes: string[] = [];
  /** interactions analysed and folded; repeats of an id already folded are counted, not analysed again. */
  analysed = 0;
  duplicates = 0;

  /** hotStates: how many recently folded states stay unpacked (see packed-states.ts) */
  constructor(
    private readonly analyzeOptions: AnalyzeOptions = {},
    hotStates = HOT_STATES,
  ) {
    this.states = new PackedStates(hotStates);
  }

  addInteraction(interaction: Interaction): void {
    let state = this.states.open(interaction.customerId);
    if (state?.ids.has(interaction.id)) {
      this.duplicates++;
      return;
    }
    // analyse before creating the state, so an interaction that fails analysis leaves no trace
    const analysis = analyze(interaction, this.analyzeOptions);
    if (!state) this.states.add(interaction.customerId, (state = emptyState(interaction.customerId)));
    fold(state, analysis);
    this.analysed++;
  }

  /** A later row for the same customer fills in fields the earlier one left out. */
  addCustomer(customer: Customer): void {
    const known = this.customers.get(customer.customerId);
    this.customers.set(customer.customerId, known ? { ...known, ...customer } : customer);
  }

  addTransaction(transaction: Transaction): void {
    const list = this.transactions.get(transaction.customerId);
    if (list) list.push(transaction);
    else this.transactions.set(transaction.customerId, [transaction]);
    this.ledger.add(transaction, Date.parse(transaction.timestamp));
  }

  /** Every customer seen in any input, sorted, so output order does not depend on input order. */
  customerIds(): string[] {
    const ids = new Set<string>(this.states.keys());
    for (const id of this.customers.keys()) ids.add(id);
    for (const id of this.transactions.keys()) ids.add(id);
    return [...ids].sort();
  }

  /**
   * Classic segments are relative to the whole base (RFM quintiles, clusters) and read each customer's
   * archetype and recommender score, so every customer is derived once, without segments, first.
   */
  segments(options: DeriveOptions = {}): Map<string, Record<string, string>> {
    const text = new Map<string, TextFacts>();
    let last = this.ledger.maxTime;
    for (const [id, state] of this.states) {
      text.set(id, textFactsOf(state, derive(state, this.customers.get(id), this.transactions.get(id), options)));
      if (state.last) last = Math.max(last, Date.parse(state.last));
    }
    const asOf = options.asOf?.getTime() ?? (Number.isFinite(last) ? last : Date.now());
    try {
      const base = segmentBase({ activities: this.ledger.buyers(), asOf, customers: this.customers, text });
      this.segmentNotes.push(...base.notes);
      return new Map(base.customers.map((c) => [c.customerId, c.segments]));
    } catch (err) {
      // a long run still delivers its profiles; the summary says why segments are missing
      this.segmentNotes.push(`segments left out: ${(err as Error).message}`);
      return new Map();
    }
  }

  /**
   * One profile per customer, with its segments; customers known only from the customers or transactions
   * input get one too (with no interactions, so insufficient_evidence). Each state is released once derived.
   */
  *profiles(options: DeriveOptions = {}): Generator<Profile> {
    const segments = this.segments(options);
    for (const id of this.customerIds()) {
      const state = this.states.get(id) ?? emptyState(id);
      this.states.delete(id);
      yield derive(state, this.customers.get(id), this.transactions.get(id), { ...options, segments: segments.get(id) ?? {} });
    }
  }
}
