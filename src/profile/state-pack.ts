// A CustomerState packed into one compact string, so a batch of many customers holds a few hundred bytes
// per customer instead of live objects. Why: a live state is ~6 KB of heap (two ~45-key dictionary-mode
// Records of boxed doubles, Sets, small objects), and V8 lets old space grow to ~3x the live size, so 50k
// customers cost over 1 GB of RSS. Packed, the same base fits in a fraction of that.
//
// The round trip is exact: every number keeps its float64 bits, every string its UTF-16 code units (lone
// surrogates included), and Records, the id Set and the lists come back in the same key/element order (derive() sums Object.entries in that order, so
// order matters for bit-identical output).
//
// Layout (little-endian, LEB128 varints): keys of Records and other small vocabularies (signal ids,
// channels, emotions, advocacy classes) are written as indexes into a KeyTable shared by one batch.
// Numbers that are non-negative integers below 2^31 (counts) take a varint of 2v; any other number takes
// the byte 1 and then its 8 float64 bytes. The bytes are held as a latin1 string (one char per byte): it
// lives on the V8 heap with a 16-byte header, where a Buffer would be a pool slice keeping an 8 KB slab
// alive, or an ArrayBuffer with its own off-heap allocation.
import type { CustomerState, EvidenceItem, RecentReading } from './state.js';

/** Small vocabulary strings <-> indexes; one table per batch, growing with distinct keys, not customers. */
export class KeyTable {
  private readonly index = new Map<string, number>();
  private readonly keys: string[] = [];

  id(key: string): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.keys.length;
      this.keys.push(key);
      this.index.set(key, i);
    }
    return i;
  }

  key(id: number): string {
    const k = this.keys[id];
    if (k === undefined) throw new Error(`packed state refers to unknown key #${id}`);
    return k;
  }

  get size(): number {
    return this.keys.length;
  }
}

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

  /** the bytes so far, one latin1 char per byte */
  done(): string {
    return this.buf.toString('latin1', 0, this.off);
  }
}

/** Reads the packed string itself, char by char (each char is one byte). */
class Reader {
  s = '';
  off = 0;

  load(packed: string): void {
    this.s = packed;
    this.off = 0;
  }

  varint(): number {
    let v = 0;
    let scale = 1;
    for (;;) {
      const b = this.s.charCodeAt(this.off++);
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
    for (let i = 0; i < 8; i++) F64_BYTES[i] = this.s.charCodeAt(this.off++);
    return F64[0] as number;
  }

  private body(prefix: number): string {
    const n = Math.floor(prefix / 2);
    const start = this.off;
    if (prefix % 2 === 0) {
      // one byte per char: the packed chars are the string's chars
      this.off += n;
      return this.s.slice(start, this.off);
    }
    let out = '';
    for (let i = 0; i < n; i++) out += String.fromCharCode(this.s.charCodeAt(start + 2 * i) | (this.s.charCodeAt(start + 2 * i + 1) << 8));
    this.off += 2 * n;
    return out;
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

/** The state as a compact latin1 string; keys go into (and must later be read from) the same table. */
export function pack(state: CustomerState, keys: KeyTable): string {
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
    w.str(e.phrase);
    w.varint(e.negated ? 1 : 0);
  }
  return w.done();
}

/** A fresh CustomerState equal to the one packed (same numbers bit for bit, same key and element order). */
export function unpack(packed: string, keys: KeyTable): CustomerState {
  const r = reader;
  r.load(packed);
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
    const phrase = r.str();
    evidence.push({ signal, phrase, negated: r.varint() === 1 });
  }
  if (r.off !== packed.length) throw new Error(`packed state for ${customerId}: ${packed.length - r.off} bytes left over`);
  return { customerId, ids, n, words, first, last, sSum, sSq, tSum, tSq, stSum, emotions, signals, signalMsgs, channels, channelLast, advocacy, social, recent, evidence };
}
