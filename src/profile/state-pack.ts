// A CustomerState packed into compact bytes, so a batch of many customers holds about 1-2 KB per customer
// instead of live objects. Why: a live state is ~6 KB of heap (two ~45-key dictionary-mode Records of boxed
// doubles, Sets, small objects), and V8 lets old space grow to ~3x the live size, so 50k customers cost
// over 1 GB of RSS. packed-states.ts keeps the bytes outside the V8 heap.
//
// The round trip is exact: every number keeps its float64 bits, every string its UTF-16 code units (lone
// surrogates included), and Records, the id Set and the lists come back in the same key/element order
// (derive() sums Object.entries in that order, so order matters for bit-identical output).
//
// Layout (LEB128 varints): keys of Records and other small vocabularies (signal ids, channels, emotions,
// advocacy classes, evidence phrases) are written as indexes into a KeyTable shared by one batch. Numbers that are
// non-negative integers below 2^31 (counts) take a varint of 2v; any other number takes the byte 1 and then
// its 8 float64 bytes. A string takes a varint of 2*length (+1 if wide), then one byte per char, or two
// (UTF-16LE) when any char is above U+00FF.
import type { CustomerState, EvidenceItem, RecentReading } from './state.js';

/**
 * Small vocabulary strings <-> indexes, one table per batch: Record keys (signal ids, channels, ...), and
 * evidence phrases, which are lexicon cue matches, so they repeat across customers (they were most of a
 * packed state's bytes when written out each time). The phrase table is capped, so text that never repeats
 * cannot grow it without bound: once full, unknown phrases are written out in the state itself.
 */
export class KeyTable {
  private readonly keys = new Interner(Infinity, 'key');
  private readonly phrases: Interner;

  constructor(phraseLimit = PHRASES_MAX) {
    this.phrases = new Interner(phraseLimit, 'phrase');
  }

  id(key: string): number {
    return this.keys.id(key) as number;
  }

  key(id: number): string {
    return this.keys.value(id);
  }

  /** the phrase's index, or undefined when it is new and the table is full */
  phraseId(phrase: string): number | undefined {
    return this.phrases.id(phrase);
  }

  phrase(id: number): string {
    return this.phrases.value(id);
  }

  get size(): number {
    return this.keys.size;
  }
}

/** Strings <-> dense indexes, at most `limit` of them. */
class Interner {
  private readonly index = new Map<string, number>();
  private readonly values: string[] = [];

  constructor(
    private readonly limit: number,
    private readonly what: string,
  ) {}

  /** the index of s, added if new; undefined when s is new and the table is full */
  id(s: string): number | undefined {
    let i = this.index.get(s);
    if (i === undefined && this.values.length < this.limit) {
      i = this.values.length;
      this.values.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  value(id: number): string {
    const v = this.values[id];
    if (v === undefined) throw new Error(`packed state refers to unknown ${this.what} #${id}`);
    return v;
  }

  get size(): number {
    return this.values.length;
  }
}

/** distinct evidence phrases kept in a batch's table (~100 bytes each at most, so ~10 MB when full) */
const PHRASES_MAX = 100_000;

const INT_LIMIT = 2 ** 31;

// float64 <-> bytes through one shared 8-byte scratch (platform byte order: packed states never leave the
// process, so the order only has to agree with itself)
const F64 = new Float64Array(1);
const F64_BYTES = new Uint8Array(F64.buffer);

/** Writes into one reusable scratch buffer that grows on demand; plain JS, no per-field native calls. */
class Writer {
  buf = Buffer.allocUnsafeSlow(4096);
  off = 0;

  private room(n: number): void {
    if (this.off + n <= this.buf.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.off + n));
    this.buf.copy(next, 0, 0, this.off);
    this.buf = next;
  }

  varint(v: number): void {
    this.room(5);
    while (v >= 128) {
      this.buf[this.off++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    this.buf[this.off++] = v;
  }

  num(v: number): void {
    if (Number.isInteger(v) && v >= 0 && v < INT_LIMIT && !Object.is(v, -0)) return this.varint(v * 2);
    this.room(1);
    this.buf[this.off++] = 1;
    this.f64(v);
  }

  f64(v: number): void {
    this.room(8);
    F64[0] = v;
    for (let i = 0; i < 8; i++) this.buf[this.off++] = F64_BYTES[i] as number;
  }

  /**
   * Prefix 2*length + wide, + bias. Strings whose chars all fit a byte (ids, timestamps, most phrases) are
   * written one byte per char; others two bytes per UTF-16 code unit, which also carries lone surrogates.
   */
  str(s: string, bias = 0): void {
    const n = s.length;
    let wide = 0;
    for (let i = 0; i < n; i++) if (s.charCodeAt(i) > 255) { wide = 1; break; }
    this.varint(n * 2 + wide + bias);
    this.room(n * (1 + wide));
    const buf = this.buf;
    let off = this.off;
    if (wide) {
      for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        buf[off++] = c & 255;
        buf[off++] = c >>> 8;
      }
    } else for (let i = 0; i < n; i++) buf[off++] = s.charCodeAt(i);
    this.off = off;
  }

  /** null as 0, else the string with its prefix shifted by one */
  nullable(s: string | null): void {
    if (s === null) this.varint(0);
    else this.str(s, 1);
  }

}

/** Reads packed bytes in place (a slice of a Buffer: the batch's arena, or a copy from pack()). */
class Reader {
  buf: Buffer = Buffer.alloc(0);
  off = 0;

  load(buf: Buffer, start: number): void {
    this.buf = buf;
    this.off = start;
  }

  varint(): number {
    let b = this.buf[this.off++] as number;
    if (b < 128) return b;
    let v = b & 127;
    let scale = 128;
    for (;;) {
      b = this.buf[this.off++] as number;
      v += (b & 127) * scale;
      if (b < 128) return v;
      scale *= 128;
    }
  }

  num(): number {
    const x = this.varint();
    return x === 1 ? this.f64() : x / 2;
  }

  f64(): number {
    for (let i = 0; i < 8; i++) F64_BYTES[i] = this.buf[this.off++] as number;
    return F64[0] as number;
  }

  private body(prefix: number): string {
    const n = Math.floor(prefix / 2);
    const start = this.off;
    const wide = prefix % 2 === 1;
    this.off += wide ? 2 * n : n;
    return this.buf.toString(wide ? 'utf16le' : 'latin1', start, this.off);
  }

  str(): string {
    return this.body(this.varint());
  }

  nullable(): string | null {
    const prefix = this.varint();
    return prefix === 0 ? null : this.body(prefix - 1);
  }
}

const writer = new Writer();
const reader = new Reader();

function writeNumbers(w: Writer, keys: KeyTable, rec: Record<string, number>): void {
  const names = Object.keys(rec);
  w.varint(names.length);
  for (const k of names) {
    w.varint(keys.id(k));
    w.num(rec[k] as number);
  }
}

function readNumbers(r: Reader, keys: KeyTable): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = r.varint(); i > 0; i--) {
    const k = keys.key(r.varint());
    out[k] = r.num();
  }
  return out;
}

/** The state packed into bytes; keys go into (and must later be read from) the same table. */
export function pack(state: CustomerState, keys: KeyTable): Uint8Array {
  const bytes = packToScratch(state, keys);
  return new Uint8Array(bytes);
}

/**
 * The same bytes, written into a scratch buffer shared by all calls: valid only until the next pack.
 * For a caller that copies them straight into its own storage (packed-states.ts).
 */
export function packToScratch(state: CustomerState, keys: KeyTable): Buffer {
  const w = writer;
  w.off = 0;
  w.str(state.customerId);
  w.varint(state.ids.size);
  for (const id of state.ids) w.str(id);
  w.num(state.n);
  w.num(state.words);
  w.nullable(state.first);
  w.nullable(state.last);
  w.f64(state.sSum);
  w.f64(state.sSq);
  w.f64(state.tSum);
  w.f64(state.tSq);
  w.f64(state.stSum);
  w.varint(state.emotions.length);
  for (const v of state.emotions) w.num(v);
  writeNumbers(w, keys, state.signals);
  writeNumbers(w, keys, state.signalMsgs);
  writeNumbers(w, keys, state.channels);
  const lastBy = Object.keys(state.channelLast);
  w.varint(lastBy.length);
  for (const k of lastBy) {
    w.varint(keys.id(k));
    w.str(state.channelLast[k] as string);
  }
  writeNumbers(w, keys, state.advocacy);
  const s = state.social;
  w.num(s.posts);
  w.num(s.brandPosts);
  w.num(s.likes);
  w.num(s.shares);
  w.num(s.comments);
  w.num(s.reach);
  w.num(s.organicRecommend);
  w.num(s.incentivised);
  w.nullable(s.last);
  w.varint(state.recent.length);
  for (const r of state.recent) {
    w.str(r.timestamp);
    w.str(r.id);
    w.varint(keys.id(r.channel));
    w.num(r.sentiment);
    w.varint(keys.id(r.emotion));
  }
  w.varint(state.evidence.length);
  for (const e of state.evidence) {
    w.varint(keys.id(e.signal));
    // a phrase from the table as 2*index, else 1 and the phrase itself
    const phrase = keys.phraseId(e.phrase);
    if (phrase === undefined) {
      w.varint(1);
      w.str(e.phrase);
    } else w.varint(phrase * 2);
    w.varint(e.negated ? 1 : 0);
  }
  return w.buf.subarray(0, w.off);
}

/** A fresh CustomerState equal to the one packed (same numbers bit for bit, same key and element order). */
export function unpack(bytes: Uint8Array, keys: KeyTable): CustomerState {
  return unpackFrom(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.byteLength, keys);
}

/** unpack() of the bytes buf[start, end), read in place. */
export function unpackFrom(buf: Buffer, start: number, end: number, keys: KeyTable): CustomerState {
  const r = reader;
  r.load(buf, start);
  const customerId = r.str();
  const ids = new Set<string>();
  for (let i = r.varint(); i > 0; i--) ids.add(r.str());
  const n = r.num();
  const words = r.num();
  const first = r.nullable();
  const last = r.nullable();
  const sSum = r.f64();
  const sSq = r.f64();
  const tSum = r.f64();
  const tSq = r.f64();
  const stSum = r.f64();
  const emotions: number[] = [];
  for (let i = r.varint(); i > 0; i--) emotions.push(r.num());
  const signals = readNumbers(r, keys);
  const signalMsgs = readNumbers(r, keys);
  const channels = readNumbers(r, keys);
  const channelLast: Record<string, string> = {};
  for (let i = r.varint(); i > 0; i--) {
    const k = keys.key(r.varint());
    channelLast[k] = r.str();
  }
  const advocacy = readNumbers(r, keys);
  const social = {
    posts: r.num(),
    brandPosts: r.num(),
    likes: r.num(),
    shares: r.num(),
    comments: r.num(),
    reach: r.num(),
    organicRecommend: r.num(),
    incentivised: r.num(),
    last: r.nullable(),
  };
  const recent: RecentReading[] = [];
  for (let i = r.varint(); i > 0; i--) {
    const timestamp = r.str();
    const id = r.str();
    const channel = keys.key(r.varint());
    const sentiment = r.num();
    const emotion = keys.key(r.varint()) as RecentReading['emotion'];
    recent.push({ timestamp, id, channel, sentiment, emotion });
  }
  const evidence: EvidenceItem[] = [];
  for (let i = r.varint(); i > 0; i--) {
    const signal = keys.key(r.varint());
    const x = r.varint();
    const phrase = x === 1 ? r.str() : keys.phrase(x / 2);
    evidence.push({ signal, phrase, negated: r.varint() === 1 });
  }
  if (r.off !== end) throw new Error(`packed state for ${customerId}: read ${r.off - start} of ${end - start} bytes`);
  return { customerId, ids, n, words, first, last, sSum, sSq, tSum, tSq, stSum, emotions, signals, signalMsgs, channels, channelLast, advocacy, social, recent, evidence };
}
