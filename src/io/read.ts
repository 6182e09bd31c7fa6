// Streaming record readers: NDJSON or CSV in, one zod-validated record (or one line-numbered reason) out.
// Each record is parsed once, here at the edge; memory stays flat however long the input is.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform, pipeline, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseCsv, type CsvError } from 'csv-parse';
import type { z } from 'zod';
import type { InputFormat } from './format.js';
import { unflatten } from './unflatten.js';
import { CSV_RECORD_DELIMITERS } from './csv.js';

/** `left`: a well-formed record the caller's filter (--where) leaves out; not a bad line. */
export type ReadItem<T> = { ok: true; line: number; value: T } | { ok: false; line: number; reason: string; left?: true };

/** Keeps or leaves out a record, read as the export wrote it (its own column names). */
export type RecordFilter = (raw: Record<string, unknown>) => boolean;

export interface Input {
  /** what to call the input in messages: the path, or "stdin". */
  label: string;
  stream: Readable;
  /** size in bytes when known (a regular file), for the progress ETA. */
  size?: number;
  /** bytes consumed so far. */
  bytesRead(): number;
}

const CHUNK = 256 * 1024;

/** Opens a file, or stdin for "-". Fails with the path in the message when the file cannot be read. */
export async function openInput(path: string): Promise<Input> {
  if (path === '-') return counted('stdin', process.stdin);
  let size: number | undefined;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new Error('is a directory');
    if (s.isFile()) size = s.size;
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`);
  }
  return counted(path, createReadStream(path, { highWaterMark: CHUNK }), size);
}

/** Counts bytes as the reader pulls them; a pass-through so backpressure and errors still flow. */
function counted(label: string, source: Readable, size?: number): Input {
  let bytes = 0;
  const counter = new Transform({
    highWaterMark: CHUNK,
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  pipeline(source, counter, () => undefined);
  return { label, stream: counter, size, bytesRead: () => bytes };
}

/** "field.path: message" for every zod issue, so the user can find what to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(record)'}: ${i.message}`).join('; ');
}

function validate<S extends z.ZodType>(schema: S, raw: unknown, line: number, keep?: RecordFilter): ReadItem<z.output<S>> {
  if (keep && typeof raw === 'object' && raw !== null && !keep(raw as Record<string, unknown>)) return { ok: false, line, reason: 'left out by the filter', left: true };
  const r = schema.safeParse(raw);
  return r.success ? { ok: true, line, value: r.data } : { ok: false, line, reason: describeIssues(r.error) };
}

export function readRecords<S extends z.ZodType>(input: Readable, schema: S, format: InputFormat, keep?: RecordFilter): AsyncGenerator<ReadItem<z.output<S>>> {
  return format === 'csv' ? readCsv(input, schema, keep) : readNdjson(input, schema, keep);
}

/** One JSON object a line; blank lines are ignored; line numbers count every physical line from 1. */
export async function* readNdjson<S extends z.ZodType>(input: Readable, schema: S, keep?: RecordFilter): AsyncGenerator<ReadItem<z.output<S>>> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let line = 0;
  const one = (text: string): ReadItem<z.output<S>> | null => {
    line++;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') return null;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      return { ok: false, line, reason: `bad JSON: ${(err as Error).message}` };
    }
    return validate(schema, raw, line, keep);
  };
  for await (const chunk of input) {
    const text = carry + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    let start = 0;
    let nl: number;
    while ((nl = text.indexOf('\n', start)) >= 0) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      const item = one(text.slice(start, end));
      if (item) yield item;
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  carry += decoder.end();
  if (carry !== '') {
    const item = one(carry.endsWith('\r') ? carry.slice(0, -1) : carry);
    if (item) yield item;
  }
}

/** A header row names the columns; "a.b" columns become nested fields. Line numbers are where a record ends. */
export async function* readCsv<S extends z.ZodType>(input: Readable, schema: S, keep?: RecordFilter): AsyncGenerator<ReadItem<z.output<S>>> {
  // csv-parse reports broken rows through on_skip while it parses, ahead of the rows it has buffered
  const skipped: ReadItem<never>[] = [];
  const parser = parseCsv({
    columns: true,
    bom: true,
    info: true,
    record_delimiter: CSV_RECORD_DELIMITERS,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      if (!err) return undefined;
      const line = Number((err as unknown as { lines?: number }).lines ?? 0);
      skipped.push({ ok: false, line, reason: `bad CSV: ${err.message.replace(/\s+(?:on|at) line \d+/, '')}` });
      return undefined;
    },
  });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    while (skipped.length && (skipped[0] as ReadItem<never>).line < info.lines) yield skipped.shift() as ReadItem<never>;
    yield validate(schema, unflatten(record), info.lines, keep);
  }
  yield* skipped;
}
