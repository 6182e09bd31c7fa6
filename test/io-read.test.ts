// The record readers and writers at the edge: line numbers, reasons, CSV flattening, chunk boundaries, backpressure.
import { describe, expect, it } from 'vitest';
import { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { readCsv, readNdjson, type ReadItem } from '../src/io/read.js';
import { detectFormat } from '../src/io/format.js';
import { unflatten } from '../src/io/unflatten.js';
import { csvRow } from '../src/io/csv.js';
import { lineSink } from '../src/io/write.js';
import { consume, RecordError, StrictModeError } from '../src/io/consume.js';
import { InteractionSchema } from '../src/schemas/interaction.js';
import { exportSchema, parseColumnMap } from '../src/io/column-map.js';
import { parseWhere } from '../src/io/record-filter.js';
import { join } from 'node:path';

const Row = z.object({ id: z.coerce.string(), n: z.coerce.number().int(), tag: z.string().optional(), nested: z.object({ x: z.coerce.number() }).optional() });

async function all<T>(gen: AsyncGenerator<ReadItem<T>>): Promise<ReadItem<T>[]> {
  const out: ReadItem<T>[] = [];
  for await (const item of gen) out.push(item);
  return out;
}

/** Feeds the text in pieces of `size` bytes, so lines and multi-byte characters straddle chunks. */
const chunked = (text: string, size: number) => {
  const buf = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return Readable.from(parts);
};

describe('readNdjson', () => {
  it('numbers physical lines, skips blank ones, and names the failing field', async () => {
    const text = '{"id":"a","n":1}\n\n{"id":"b","n":"x"}\n{oops\n{"id":"c","n":3}';
    const items = await all(readNdjson(Readable.from([text]), Row));
    expect(items.map((i) => [i.line, i.ok])).toEqual([
      [1, true],
      [3, false],
      [4, false],
      [5, true],
    ]);
    expect(items[1]).toMatchObject({ ok: false, reason: expect.stringMatching(/^n: /) });
    expect(items[2]).toMatchObject({ ok: false, reason: expect.stringMatching(/^bad JSON/) });
  });

  it('gives the same records whatever the chunking, with CRLF, a BOM and multi-byte text', async () => {
    const text = '\ufeff{"id":"é€😀","n":1}\r\n{"id":"ü","n":2}\r\n{"id":"z","n":3}\r\n';
    const whole = await all(readNdjson(Readable.from([Buffer.from(text)]), Row));
    for (const size of [1, 2, 3, 7]) {
      const items = await all(readNdjson(chunked(text, size), Row));
      expect(items).toEqual(whole);
    }
    expect(whole.map((i) => (i.ok ? i.value.id : null))).toEqual(['é€😀', 'ü', 'z']);
  });

  it('reports a record whose top level is not an object', async () => {
    const [item] = await all(readNdjson(Readable.from(['[1,2]\n']), Row));
    expect(item).toMatchObject({ ok: false, line: 1, reason: expect.stringContaining('(record)') });
  });
});

describe('readCsv', () => {
  it('nests dotted columns, leaves empty cells out, and reports broken rows by line', async () => {
    const text = 'id,n,tag,nested.x\n1,2,,5\n2,"3",hello,\n3,4\n4,x,,\n5,6,"two\nlines",7\n';
    const items = await all(readCsv(chunked(text, 5), Row));
    expect(items.map((i) => [i.line, i.ok])).toEqual([
      [2, true],
      [3, true],
      [4, false],
      [5, false],
      [7, true],
    ]);
    expect(items[0]).toMatchObject({ ok: true, value: { id: '1', n: 2, nested: { x: 5 } } });
    expect(items[0]?.ok && 'tag' in items[0].value).toBe(false);
    expect(items[1]).toMatchObject({ ok: true, value: { tag: 'hello' } });
    expect(items[1]?.ok && items[1].value.nested).toBeUndefined();
    expect(items[2]).toMatchObject({ ok: false, reason: expect.stringMatching(/bad CSV/) });
    expect(items[3]).toMatchObject({ ok: false, reason: expect.stringMatching(/^n: /) });
    expect(items[4]).toMatchObject({ ok: true, value: { tag: 'two\nlines' } });
  });

  it('reads every row of a file that mixes line endings (a CRLF header, LF rows, a quoted CRLF inside a cell)', async () => {
    const text = 'id,n,tag\r\n1,1,a\n2,2,"two\r\nlines"\n3,x,c\n4,4,d\r\n';
    const items = await all(readCsv(chunked(text, 7), Row));
    expect(items.filter((i) => i.ok).map((i) => (i.ok ? i.value.id : ''))).toEqual(['1', '2', '4']);
    expect(items.find((i) => i.ok && i.value.id === '2')).toMatchObject({ value: { tag: 'two\r\nlines' } });
    expect(items.filter((i) => !i.ok)).toEqual([expect.objectContaining({ ok: false, reason: expect.stringContaining('n') })]);
  });

  it('reads the interaction schema from a CSV export with social.* columns', async () => {
    const text = 'id,customerId,channel,timestamp,text,social.likes,social.mentionsBrand\ni1,c1,social,2024-01-01T00:00:00Z,"Love it, really",12,true\n';
    const [item] = await all(readCsv(Readable.from([text]), InteractionSchema));
    expect(item).toMatchObject({ ok: true, value: { id: 'i1', social: { likes: 12, mentionsBrand: true }, text: 'Love it, really' } });
  });
});

describe('helpers', () => {
  it('detectFormat: flag wins, else extension, stdin defaults to NDJSON', () => {
    expect(detectFormat('a/b.CSV')).toBe('csv');
    expect(detectFormat('a/b.ndjson')).toBe('ndjson');
    expect(detectFormat('-')).toBe('ndjson');
    expect(detectFormat('-', 'csv')).toBe('csv');
    expect(() => detectFormat('x.csv', 'xml')).toThrow(/--input-format/);
  });

  it('unflatten ignores headers that would reach Object.prototype', () => {
    const out = unflatten({ '__proto__.polluted': 'yes', 'a.b.c': '1' });
    expect(out).toEqual({ a: { b: { c: '1' } } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('csvRow quotes only cells that need it', () => {
    expect(csvRow(['a', 1, null, 'x,y', 'say "hi"', 'two\nlines'])).toBe('a,1,,"x,y","say ""hi""","two\nlines"');
  });

  it('lineSink keeps order and waits for a slow stream to drain', async () => {
    const got: string[] = [];
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        setTimeout(() => {
          got.push(chunk.toString());
          done();
        }, 1);
      },
    });
    const sink = lineSink(slow, true);
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'x'.repeat(20)}`);
    let maxQueued = 0;
    for (const l of lines) {
      await sink.write(l);
      maxQueued = Math.max(maxQueued, slow.writableLength);
    }
    await sink.close();
    expect(got.join('')).toBe(lines.join('\n') + '\n');
    // ~600 KB in total, but never more than one flush (64 KB) queued in the stream at a time
    expect(maxQueued).toBeLessThan(70 * 1024);
  });
});

describe('consume', () => {
  const fixture = join(import.meta.dirname, 'fixtures/interactions.ndjson');

  it('counts records, skips bad ones with their reasons, and skips records the callback rejects', async () => {
    const warnings: string[] = [];
    const ids: string[] = [];
    const tally = await consume(fixture, InteractionSchema, { warn: (m) => warnings.push(m) }, (i) => {
      if (i.id === 'f6') throw new RecordError('analysis failed: test');
      ids.push(i.id);
    });
    expect(ids).toEqual(['f1', 'f2', 'f4', 'f2']);
    expect([tally.read, tally.ok, tally.skipped]).toEqual([7, 4, 3]);
    expect(warnings).toHaveLength(3);
    expect(warnings[2]).toMatch(/line 7: analysis failed: test/);
    expect(tally.skippedSummary()).toMatch(/^skipped 3 \(line 3: channel: .*; line 6: bad JSON.*; line 7: analysis failed: test\)$/);
  });

  it('stops at the first bad line under strict, and lets other callback errors through', async () => {
    await expect(consume(fixture, InteractionSchema, { strict: true, warn: () => undefined }, () => undefined)).rejects.toBeInstanceOf(StrictModeError);
    await expect(
      consume(fixture, InteractionSchema, { warn: () => undefined }, () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
  });

  it('names the path when the file cannot be opened', async () => {
    await expect(consume('test/fixtures/none.ndjson', InteractionSchema, { warn: () => undefined }, () => undefined)).rejects.toThrow(/none\.ndjson/);
  });
});

describe('exportSchema (--map, --channel)', () => {
  const shape = exportSchema(InteractionSchema, parseColumnMap('msg_id=id,author=customerId,at=timestamp,body=text,rts=social.shares'), { channel: 'social' });

  it('renames columns, nests dotted targets beside existing nested fields, and fills what the export lacks', () => {
    const parsed = shape.parse({ msg_id: 'm1', author: 'u1', at: '2024-01-02T03:04:05Z', body: 'hi', rts: '4', social: { likes: '2' } });
    expect(parsed).toMatchObject({ id: 'm1', customerId: 'u1', channel: 'social', text: 'hi', social: { likes: 2, shares: 4 } });
  });

  it("keeps a record's own value over the default", () => {
    expect(shape.parse({ msg_id: 'm2', author: 'u1', at: '2024-01-02', body: 'hi', channel: 'email' }).channel).toBe('email');
  });
});

describe('parseWhere (--where)', () => {
  it('reads nested fields by a dotted name and compares as text', () => {
    const keep = parseWhere(['social.platform=x', 'inbound=true'])!;
    expect(keep({ inbound: true, social: { platform: 'x' } })).toBe(true);
    expect(keep({ inbound: 'true', 'social.platform': 'x' })).toBe(true);
    expect(keep({ inbound: false, social: { platform: 'x' } })).toBe(false);
    expect(keep({ inbound: true })).toBe(false);
    expect(parseWhere(undefined)).toBeUndefined();
    expect(() => parseWhere(['=x'])).toThrow(/column=value/);
    // only the record's own fields: never what every object inherits
    expect(parseWhere(['constructor=function Object() { [native code] }'])!({})).toBe(false);
  });
});
