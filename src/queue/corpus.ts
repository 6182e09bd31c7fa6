// Corpus flow: an upload streamed line by line into chunk jobs (children) under one finalize parent.
// A delayed "gate" child holds the parent in waiting-children while the upload is still streaming; once the
// last line is read the gate is promoted, and the parent runs when every chunk is done.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';

import { WaitingChildrenError, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import { InteractionSchema, type Interaction } from '../schemas/interaction.js';
import { CSV_RECORD_DELIMITERS } from '../io/csv.js';
import { unflatten } from '../io/unflatten.js';
import type { RecordFilter } from '../io/read.js';
import { keys } from '../store/keys.js';
import { addRejected, corpusNamespace, createCorpus, getCorpus, setCorpusFields } from '../store/corpora.js';
import { ANALYSE_OPTS, BATCH_SIZE, DERIVE_PART, FinalizeJobSchema, QUEUES, RETRY } from './jobs.js';
import type { AnalyseResult } from './analyse.js';
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
  const parser = parseCsv({ columns: true, info: true, bom: true, skip_empty_lines: true, skip_records_with_error: true, record_delimiter: CSV_RECORD_DELIMITERS });
  parser.on('skip', (err: Error & { lines?: number }) => skipped.push({ line: err.lines ?? 0, error: `CSV: ${err.message}` }));
  body.pipe(parser);
  for await (const rec of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    while (skipped.length) yield skipped.shift()!;
    // the CLI's unflatten: it also keeps a "__proto__.x" header from reaching Object.prototype
    yield { line: rec.info.lines, value: unflatten(rec.record) };
  }
  while (skipped.length) yield skipped.shift()!;
}

export interface CorpusStarted {
  id: string;
  linesRead: number;
  accepted: number;
  rejected: number;
  /** well-formed records the upload's filter (?where=) left out */
  leftOut: number;
  chunks: number;
}

/** How an upload's records are read: the schema (by default as they stand; see exportSchema) and which to keep (?where=). */
export interface CorpusReading {
  schema?: z.ZodType<Interaction>;
  keep?: RecordFilter;
}

export async function ingestCorpus(redis: Redis, q: Queues, prefix: string, body: Readable, format: CorpusFormat, merge: boolean, reading: CorpusReading = {}): Promise<CorpusStarted> {
  const { schema = InteractionSchema, keep } = reading;
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
  let leftOut = 0;
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
    await setCorpusFields(redis, prefix, id, { linesRead, accepted, rejected: rejectedCount, leftOut, chunks });
    if (chunks % 20 === 0) while ((await q.analyse.getWaitingCount()) > MAX_WAITING) await new Promise((r) => setTimeout(r, 200));
  };
  try {
    for await (const l of format === 'csv' ? csvLines(body) : ndjsonLines(body)) {
      linesRead = Math.max(linesRead, l.line);
      if (keep && typeof l.value === 'object' && l.value !== null && !keep(l.value as Record<string, unknown>)) {
        leftOut++;
        continue;
      }
      const parsed = l.error === undefined ? schema.safeParse(l.value) : null;
      if (parsed?.success) {
        accepted++;
        // the parsed record: what a column map or default made of the line is what the workers read
        chunk.push({ line: l.line, item: parsed.data });
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
  return { id, linesRead, accepted, rejected: rejectedCount, leftOut, chunks };
}

/** What the finalize processor hands runFinalize: its job and lock token, and where derive parts go. */
export interface FinalizeStep {
  job: Job;
  token: string | undefined;
  analyse: Queue;
}

/**
 * The finalize parent: derive every customer of the corpus namespace once all chunks are in. The derives are
 * fanned out as parts (DERIVE_PART customers each) to the analyse queue, so every worker's analysers share
 * them, and this job waits for them as its children (BullMQ's moveToWaitingChildren), then sums up.
 * Re-running is safe: parts have fixed job ids, and a derive writes the same profile twice.
 */
export async function runFinalize(redis: Redis, prefix: string, corpusId: string, step: FinalizeStep): Promise<{ customers: number }> {
  const rec = await getCorpus(redis, prefix, corpusId);
  if (!rec || rec.state === 'failed') return { customers: 0 };
  if (rec.state === 'uploading') {
    await setCorpusFields(redis, prefix, corpusId, { state: 'failed', error: 'the upload never finished' });
    return { customers: 0 };
  }
  const ns = corpusNamespace(corpusId);
  const { job, token } = step;
  let parts = FinalizeJobSchema.parse(job.data).parts;
  if (parts === undefined) {
    await setCorpusFields(redis, prefix, corpusId, { state: 'finalizing' });
    const k = keys(prefix, ns);
    const parent = { id: job.id!, queue: job.queueQualifiedName };
    let part: string[] = [];
    let n = 0;
    const flush = async () => {
      if (!part.length) return;
      await step.analyse.add('derive-part', { ns, corpusId, derive: part }, { ...ANALYSE_OPTS, jobId: `${corpusId}-derive-${n}`, parent, ignoreDependencyOnFailure: true });
      n++;
      part = [];
    };
    let cursor = '0';
    do {
      const [next, ids] = await redis.sscan(k.customers, cursor, 'COUNT', 500);
      cursor = next;
      for (const id of ids) {
        part.push(id);
        if (part.length >= DERIVE_PART) await flush();
      }
    } while (cursor !== '0');
    await flush();
    parts = n;
    await job.updateData({ ...job.data, parts });
  }
  // true while a part is still to run: BullMQ runs this job again once they are all done
  if (await job.moveToWaitingChildren(token ?? '')) throw new WaitingChildrenError();
  const values = Object.values(await job.getChildrenValues<AnalyseResult>());
  const derivedParts = values.filter((v) => v?.derived !== undefined);
  const customers = derivedParts.reduce((sum, v) => sum + (v.derived ?? 0), 0);
  const after = await getCorpus(redis, prefix, corpusId);
  const missing = after ? after.progress.chunks - after.progress.chunksDone : 0;
  const underived = parts - derivedParts.length;
  const errors = [
    ...(missing > 0 ? [`${missing} chunk(s) failed after retries`] : []),
    ...(underived > 0 ? [`${underived} derive part(s) failed after retries`] : []),
  ];
  await setCorpusFields(redis, prefix, corpusId, {
    state: errors.length ? 'failed' : 'done',
    customers,
    finishedAt: new Date().toISOString(),
    ...(errors.length ? { error: `${errors.join('; ')}; see the failed jobs in /admin/queues` } : {}),
  });
  return { customers };
}
