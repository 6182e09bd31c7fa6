// Corpus flow: an upload streamed line by line into chunk jobs (children) under one finalize parent.
// A delayed "gate" child holds the parent in waiting-children while the upload is still streaming; once the
// last line is read the gate is promoted, and the parent runs when every chunk is done.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';

import type { Redis } from 'ioredis';
import { InteractionSchema } from '../schemas/interaction.js';
import { keys } from '../store/keys.js';
import { rebuildProfile } from '../store/profiles.js';
import { addRejected, corpusNamespace, createCorpus, getCorpus, setCorpusFields } from '../store/corpora.js';
import { ANALYSE_OPTS, BATCH_SIZE, QUEUES, RETRY } from './jobs.js';
import type { Queues } from './queues.js';

/** an upload that never finishes (client gone, API killed) releases its finalize after this long */
const GATE_TIMEOUT_MS = 60 * 60_000;
/** stop reading the upload while this many analyse jobs wait, so Redis holds a bounded backlog */
const MAX_WAITING = 200;

export type CorpusFormat = 'ndjson' | 'csv';

interface Line {
  line: number;
  value?: unknown;
  error?: string;
}

async function* ndjsonLines(body: Readable): AsyncGenerator<Line> {
  let n = 0;
  for await (const text of createInterface({ input: body, crlfDelay: Infinity })) {
    n++;
    if (!text.trim()) continue;
    try {
      yield { line: n, value: JSON.parse(text) };
    } catch {
      yield { line: n, error: 'malformed JSON' };
    }
  }
}

/** CSV with a header row; dotted columns ("social.likes") become nested objects, empty cells are absent. */
async function* csvLines(body: Readable): AsyncGenerator<Line> {
  const skipped: Line[] = [];
  const parser = parseCsv({ columns: true, info: true, bom: true, skip_empty_lines: true, skip_records_with_error: true });
  parser.on('skip', (err: Error & { lines?: number }) => skipped.push({ line: err.lines ?? 0, error: `CSV: ${err.message}` }));
  body.pipe(parser);
  for await (const rec of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    while (skipped.length) yield skipped.shift()!;
    const obj: Record<string, unknown> = {};
    for (const [col, cell] of Object.entries(rec.record)) {
      if (cell === '') continue;
      const dot = col.indexOf('.');
      if (dot < 0) obj[col] = cell;
      else ((obj[col.slice(0, dot)] ??= {}) as Record<string, unknown>)[col.slice(dot + 1)] = cell;
    }
    yield { line: rec.info.lines, value: obj };
  }
  while (skipped.length) yield skipped.shift()!;
}

export interface CorpusStarted {
  id: string;
  linesRead: number;
  accepted: number;
  rejected: number;
  chunks: number;
}

export async function ingestCorpus(redis: Redis, q: Queues, prefix: string, body: Readable, format: CorpusFormat, merge: boolean): Promise<CorpusStarted> {
  const id = randomUUID();
  const ns = corpusNamespace(id);
  await createCorpus(redis, prefix, id, format, merge);
  const flow = await q.flow.add({
    name: 'finalize',
    queueName: QUEUES.corpus,
    data: { corpusId: id },
    opts: { ...RETRY, removeOnComplete: true, removeOnFail: { age: 7 * 86_400 } },
    children: [{ name: 'gate', queueName: QUEUES.analyse, data: { ns, corpusId: id, gate: true }, opts: { ...ANALYSE_OPTS, delay: GATE_TIMEOUT_MS } }],
  });
  const parent = { id: flow.job.id!, queue: flow.job.queueQualifiedName };
  const gate = flow.children![0]!.job;
  let linesRead = 0;
  let accepted = 0;
  let rejectedCount = 0;
  let chunks = 0;
  let chunk: { line: number; item: unknown }[] = [];
  let rejected: { line: number; errors: string[] }[] = [];
  const flush = async () => {
    if (chunk.length) {
      // a chunk failing for good must not hold the corpus forever: finalize reports it instead
      await q.analyse.add('analyse-chunk', { ns, merge, corpusId: id, chunk: chunks, items: chunk }, { ...ANALYSE_OPTS, parent, ignoreDependencyOnFailure: true });
      chunks++;
      chunk = [];
    }
    await addRejected(redis, prefix, id, rejected);
    rejected = [];
    await setCorpusFields(redis, prefix, id, { linesRead, accepted, rejected: rejectedCount, chunks });
    if (chunks % 20 === 0) while ((await q.analyse.getWaitingCount()) > MAX_WAITING) await new Promise((r) => setTimeout(r, 200));
  };
  try {
    for await (const l of format === 'csv' ? csvLines(body) : ndjsonLines(body)) {
      linesRead = Math.max(linesRead, l.line);
      const parsed = l.error === undefined ? InteractionSchema.safeParse(l.value) : null;
      if (parsed?.success) {
        accepted++;
        chunk.push({ line: l.line, item: l.value });
        if (chunk.length >= BATCH_SIZE) await flush();
      } else {
        rejectedCount++;
        rejected.push({ line: l.line, errors: parsed ? parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`) : [l.error!] });
      }
    }
    await flush();
  } catch (err) {
    await setCorpusFields(redis, prefix, id, { state: 'failed', error: `upload failed at line ${linesRead + 1}: ${(err as Error).message}` });
    await gate.promote().catch(() => undefined);
    throw err;
  }
  await setCorpusFields(redis, prefix, id, { state: 'processing', uploadedAt: new Date().toISOString() });
  await gate.promote();
  return { id, linesRead, accepted, rejected: rejectedCount, chunks };
}

/** The finalize parent: derive every customer of the corpus namespace once all chunks are in. */
export async function runFinalize(redis: Redis, prefix: string, corpusId: string): Promise<{ customers: number }> {
  const rec = await getCorpus(redis, prefix, corpusId);
  if (!rec || rec.state === 'failed') return { customers: 0 };
  if (rec.state === 'uploading') {
    await setCorpusFields(redis, prefix, corpusId, { state: 'failed', error: 'the upload never finished' });
    return { customers: 0 };
  }
  await setCorpusFields(redis, prefix, corpusId, { state: 'finalizing' });
  const k = keys(prefix, corpusNamespace(corpusId));
  let customers = 0;
  let cursor = '0';
  do {
    const [next, ids] = await redis.sscan(k.customers, cursor, 'COUNT', 200);
    cursor = next;
    // derive is pure and quick; a few at a time keeps Redis round trips overlapped
    for (let i = 0; i < ids.length; i += 50) {
      const done = await Promise.all(ids.slice(i, i + 50).map((c) => rebuildProfile(redis, k, c)));
      customers += done.filter(Boolean).length;
    }
  } while (cursor !== '0');
  const after = await getCorpus(redis, prefix, corpusId);
  const missing = after ? after.progress.chunks - after.progress.chunksDone : 0;
  await setCorpusFields(redis, prefix, corpusId, {
    state: missing > 0 ? 'failed' : 'done',
    customers,
    finishedAt: new Date().toISOString(),
    ...(missing > 0 ? { error: `${missing} chunk(s) failed after retries; see the failed jobs in /admin/queues` } : {}),
  });
  return { customers };
}

