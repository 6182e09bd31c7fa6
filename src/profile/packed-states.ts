// Customer states of one batch, held packed (state-pack.ts) except for the few most recently folded, which
// stay live so a file grouped by customer does not pay a pack/unpack per line. Reads like the plain Map it
// replaces (size, has, get, keys, iteration in first-seen order: segment code iterates it in that order).
import type { CustomerState } from './state.js';
import { KeyTable, pack, unpack } from './state-pack.js';

/** live states kept unpacked: enough for interleaved per-customer streams, negligible next to 50k packed */
export const HOT_STATES = 32;

export class PackedStates implements Iterable<[string, CustomerState]> {
  /** id -> live state (if hot) or packed string; one map, so iteration keeps first-seen order */
  private readonly held = new Map<string, CustomerState | string>();
  /** the live ones, least recently opened first */
  private readonly hot = new Map<string, CustomerState>();
  private readonly keyTable = new KeyTable();

  private readonly hotLimit: number;

  /** at least 1: the state just opened is the one its caller folds into, so it must stay live */
  constructor(hotStates = HOT_STATES) {
    this.hotLimit = Math.max(1, hotStates);
  }

  get size(): number {
    return this.held.size;
  }

  has(id: string): boolean {
    return this.held.has(id);
  }

  /** A copy to read (unpacked if cold); changes to it are not kept. Use open() to fold into a state. */
  get(id: string): CustomerState | undefined {
    const v = this.held.get(id);
    return typeof v === 'string' ? unpack(v, this.keyTable) : v;
  }

  /** The live state to fold into, made hot (unpacked if it was cold); undefined for an unknown customer. */
  open(id: string): CustomerState | undefined {
    const v = this.held.get(id);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      // most recently used goes last
      this.hot.delete(id);
      this.hot.set(id, v);
      return v;
    }
    const state = unpack(v, this.keyTable);
    this.held.set(id, state);
    this.admit(id, state);
    return state;
  }

  /** Adds a new customer's live state (hot). */
  add(id: string, state: CustomerState): void {
    if (this.held.has(id)) throw new Error(`state for ${id} already held`);
    this.held.set(id, state);
    this.admit(id, state);
  }

  delete(id: string): boolean {
    this.hot.delete(id);
    return this.held.delete(id);
  }

  private admit(id: string, state: CustomerState): void {
    this.hot.set(id, state);
    if (this.hot.size <= this.hotLimit) return;
    const [oldest, cold] = this.hot.entries().next().value as [string, CustomerState];
    this.hot.delete(oldest);
    this.held.set(oldest, pack(cold, this.keyTable));
  }

  /** ids in first-seen order */
  keys(): IterableIterator<string> {
    return this.held.keys();
  }

  /** [id, state] in first-seen order; cold states come as fresh copies, as from get() */
  *[Symbol.iterator](): Generator<[string, CustomerState]> {
    for (const [id, v] of this.held) yield [id, typeof v === 'string' ? unpack(v, this.keyTable) : v];
  }
}
