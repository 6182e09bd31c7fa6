// Customer states of one batch, held packed (state-pack.ts) except for the few most recently folded, which
// stay live so a file grouped by customer does not pay a pack/unpack per line. Reads like the plain Map it
// replaces (size, has, get, keys, iteration in first-seen order: segment code iterates it in that order).
//
// The packed bytes live in an arena of 4 MB Buffers outside the V8 heap, in slots of size classes (each
// 1.25x the last) with a free list per class: a state that outgrows its slot moves up a class and its old
// slot is reused by the next state of that size. As all states grow, the free slots of small classes pile
// up, so once free space exceeds the space in use the arena is compacted (slots slid down, ids renumbered).
// Why not one string or Buffer per state: every line of a
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
/** below this much free space compaction is not worth a pass */
const COMPACT_MIN_BYTES = 8 << 20;

/** Slots of packed bytes; a slot id stays the same place in the arena for as long as it is in use. */
class Arena {
  private readonly chunks: Buffer[] = [];
  private tail = CHUNK_BYTES;
  /** per slot: chunk index (or index into own for OWN class), offset, class, bytes used */
  private chunkOf: number[] = [];
  private offsetOf: number[] = [];
  private classOf: number[] = [];
  private lengthOf: number[] = [];
  private free: number[][] = CLASSES.map(() => []);
  private own = new Map<number, Buffer>();
  /** bytes of chunk slots in use, and in free lists */
  private usedBytes = 0;
  private freeBytes = 0;

  constructor(private readonly compactMinBytes: number) {}

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
    const reused = k < 0 ? undefined : this.free[k]?.pop();
    if (reused !== undefined) this.freeBytes -= CLASSES[k] as number;
    if (k >= 0) this.usedBytes += CLASSES[k] as number;
    const next = k < 0 ? this.ownSlot(bytes.length) : (reused ?? this.newSlot(k));
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
    if (k === OWN) return void this.own.delete(slot);
    this.free[k]?.push(slot);
    this.usedBytes -= CLASSES[k] as number;
    this.freeBytes += CLASSES[k] as number;
  }

  /** free slots outweigh the ones in use (and are worth a pass over the arena) */
  get wasteful(): boolean {
    return this.freeBytes > this.compactMinBytes && this.freeBytes > this.usedBytes;
  }

  /**
   * Slides every slot in use down over the free ones (in slot id order, which is address order: slots are
   * handed out from a bump pointer and keep their place), drops the emptied chunks and renumbers the slots.
   * Returns old id -> new id (-1 for the free slots, which are gone).
   */
  compact(): Int32Array {
    const count = this.classOf.length;
    const isFree = new Uint8Array(count);
    for (const list of this.free) for (const s of list) isFree[s] = 1;
    const remap = new Int32Array(count).fill(-1);
    const chunkOf: number[] = [];
    const offsetOf: number[] = [];
    const classOf: number[] = [];
    const lengthOf: number[] = [];
    const own = new Map<number, Buffer>();
    let chunk = 0;
    let tail = 0;
    for (let s = 0; s < count; s++) {
      const k = this.classOf[s] as number;
      if (isFree[s] || (k === OWN && !this.own.has(s))) continue;
      const next = classOf.length;
      remap[s] = next;
      classOf.push(k);
      lengthOf.push(this.lengthOf[s] as number);
      if (k === OWN) {
        own.set(next, this.own.get(s) as Buffer);
        chunkOf.push(-1);
        offsetOf.push(0);
        continue;
      }
      const size = CLASSES[k] as number;
      if (tail + size > CHUNK_BYTES) {
        chunk++;
        tail = 0;
      }
      // never overlaps wrongly: the destination is at or before the source, and copy() is a memmove
      const from = this.chunks[this.chunkOf[s] as number] as Buffer;
      const start = this.offsetOf[s] as number;
      from.copy(this.chunks[chunk] as Buffer, tail, start, start + (this.lengthOf[s] as number));
      chunkOf.push(chunk);
      offsetOf.push(tail);
      tail += size;
    }
    this.chunks.length = classOf.length > 0 ? chunk + 1 : 0;
    this.tail = this.chunks.length ? tail : CHUNK_BYTES;
    this.chunkOf = chunkOf;
    this.offsetOf = offsetOf;
    this.classOf = classOf;
    this.lengthOf = lengthOf;
    this.own = own;
    this.free = CLASSES.map(() => []);
    this.freeBytes = 0;
    return remap;
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
  private readonly arena: Arena;
  private readonly hotLimit: number;

  /**
   * hotStates at least 1: the state just opened is the one its caller folds into, so it must stay live.
   * compactMinBytes: free space below which the arena is not compacted (tests set 0 to compact often).
   */
  constructor(hotStates = HOT_STATES, compactMinBytes = COMPACT_MIN_BYTES) {
    this.hotLimit = Math.max(1, hotStates);
    this.arena = new Arena(compactMinBytes);
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
    if (this.arena.wasteful) this.compact();
  }

  private compact(): void {
    const remap = this.arena.compact();
    for (const [id, v] of this.held) if (typeof v === 'number') this.held.set(id, remap[v] as number);
    for (const [id, slot] of this.hot) if (slot !== undefined) this.hot.set(id, remap[slot] as number);
  }
}
