// Customer states of one batch, held packed (state-pack.ts) except for the few most recently folded, which
// stay live so a file grouped by customer does not pay a pack/unpack per line. Reads like the plain Map it
// replaces (size, has, get, keys, iteration in first-seen order: segment code iterates it in that order).
//
// The packed bytes live in an arena of 4 MB Buffers outside the V8 heap, in slots of size classes (each
// 1.25x the last) with a free list per class: a state that outgrows its slot moves up a class and its old
// slot is reused by the next state of that size. Why not one string or Buffer per state: every line of a
// file in customer-random order rewrites one state, and a fresh 1-2 KB object per line promoted to old
// space made V8 grow the heap to several times the live size; the arena is rewritten in place instead.
import type { CustomerState } from './state.js';
import { KeyTable, packToScratch, unpackFrom } from './state-pack.js';

/** live states kept unpacked: enough for interleaved per-customer streams, negligible next to 50k packed */
export const HOT_STATES = 32;

const CHUNK_BYTES = 4 << 20;
const CLASS_MIN = 64;
const CLASS_GROWTH = 1.25;
/** slot capacity of each size class, rounded to 8 bytes, up to a quarter chunk; bigger states get their own Buffer */
const CLASSES: number[] = [];
for (let c = CLASS_MIN; c <= CHUNK_BYTES / 4; c = Math.ceil((c * CLASS_GROWTH) / 8) * 8) CLASSES.push(c);
const OWN = -1;

/** Slots of packed bytes; a slot id stays the same place in the arena for as long as it is in use. */
class Arena {
  private readonly chunks: Buffer[] = [];
  private tail = CHUNK_BYTES;
  /** per slot: chunk index (or index into own for OWN class), offset, class, bytes used */
  private readonly chunkOf: number[] = [];
  private readonly offsetOf: number[] = [];
  private readonly classOf: number[] = [];
  private readonly lengthOf: number[] = [];
  private readonly free: number[][] = CLASSES.map(() => []);
  private readonly own = new Map<number, Buffer>();

  /** Writes bytes into slot (if they fit) or a new slot (releasing the old); returns the slot used. */
  write(bytes: Buffer, slot?: number): number {
    if (slot !== undefined) {
      const k = this.classOf[slot] as number;
      if (k !== OWN && bytes.length <= (CLASSES[k] as number)) {
        bytes.copy(this.chunks[this.chunkOf[slot] as number] as Buffer, this.offsetOf[slot]);
        this.lengthOf[slot] = bytes.length;
        return slot;
      }
      this.release(slot);
    }
    const k = CLASSES.findIndex((c) => c >= bytes.length);
    const next = k < 0 ? this.ownSlot(bytes.length) : (this.free[k]?.pop() ?? this.newSlot(k));
    const buf = k < 0 ? (this.own.get(next) as Buffer) : (this.chunks[this.chunkOf[next] as number] as Buffer);
    bytes.copy(buf, this.offsetOf[next]);
    this.lengthOf[next] = bytes.length;
    return next;
  }

  /** the chunk holding slot, and where its bytes start and end */
  locate(slot: number): [Buffer, number, number] {
    const k = this.classOf[slot] as number;
    const buf = k === OWN ? (this.own.get(slot) as Buffer) : (this.chunks[this.chunkOf[slot] as number] as Buffer);
    const start = this.offsetOf[slot] as number;
    return [buf, start, start + (this.lengthOf[slot] as number)];
  }

  release(slot: number): void {
    const k = this.classOf[slot] as number;
    if (k === OWN) this.own.delete(slot);
    else this.free[k]?.push(slot);
  }

  private newSlot(k: number): number {
    const size = CLASSES[k] as number;
    if (this.tail + size > CHUNK_BYTES) {
      this.chunks.push(Buffer.allocUnsafeSlow(CHUNK_BYTES));
      this.tail = 0;
    }
    const slot = this.classOf.length;
    this.chunkOf.push(this.chunks.length - 1);
    this.offsetOf.push(this.tail);
    this.classOf.push(k);
    this.lengthOf.push(0);
    this.tail += size;
    return slot;
  }

  private ownSlot(length: number): number {
    const slot = this.classOf.length;
    this.own.set(slot, Buffer.allocUnsafeSlow(length));
    this.chunkOf.push(-1);
    this.offsetOf.push(0);
    this.classOf.push(OWN);
    this.lengthOf.push(0);
    return slot;
  }
}

export class PackedStates implements Iterable<[string, CustomerState]> {
  /** id -> live state (if hot) or arena slot; one map, so iteration keeps first-seen order */
  private readonly held = new Map<string, CustomerState | number>();
  /** the live ones, least recently opened first, with the slot each had when cold (to be rewritten in place) */
  private readonly hot = new Map<string, number | undefined>();
  private readonly keyTable = new KeyTable();
  private readonly arena = new Arena();
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
    return typeof v === 'number' ? this.unpack(v) : v;
  }

  /** The live state to fold into, made hot (unpacked if it was cold); undefined for an unknown customer. */
  open(id: string): CustomerState | undefined {
    const v = this.held.get(id);
    if (v === undefined) return undefined;
    if (typeof v !== 'number') {
      // most recently used goes last
      const slot = this.hot.get(id);
      this.hot.delete(id);
      this.hot.set(id, slot);
      return v;
    }
    const state = this.unpack(v);
    this.held.set(id, state);
    this.admit(id, v);
    return state;
  }

  /** Adds a new customer's live state (hot). */
  add(id: string, state: CustomerState): void {
    if (this.held.has(id)) throw new Error(`state for ${id} already held`);
    this.held.set(id, state);
    this.admit(id, undefined);
  }

  delete(id: string): boolean {
    const v = this.held.get(id);
    if (v === undefined) return false;
    const slot = typeof v === 'number' ? v : this.hot.get(id);
    if (slot !== undefined) this.arena.release(slot);
    this.hot.delete(id);
    return this.held.delete(id);
  }

  /** ids in first-seen order */
  keys(): IterableIterator<string> {
    return this.held.keys();
  }

  /** [id, state] in first-seen order; cold states come as fresh copies, as from get() */
  *[Symbol.iterator](): Generator<[string, CustomerState]> {
    for (const [id, v] of this.held) yield [id, typeof v === 'number' ? this.unpack(v) : v];
  }

  private unpack(slot: number): CustomerState {
    const [buf, start, end] = this.arena.locate(slot);
    return unpackFrom(buf, start, end, this.keyTable);
  }

  private admit(id: string, slot: number | undefined): void {
    this.hot.set(id, slot);
    if (this.hot.size <= this.hotLimit) return;
    const [oldest, oldSlot] = this.hot.entries().next().value as [string, number | undefined];
    this.hot.delete(oldest);
    const cold = this.held.get(oldest) as CustomerState;
    this.held.set(oldest, this.arena.write(packToScratch(cold, this.keyTable), oldSlot));
  }
}
