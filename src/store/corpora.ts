// Corpus records: state, progress counters and rejected lines of one analyst upload.
import type { Redis } from 'ioredis';
import { storePrefix } from './keys.js';

export const CORPUS_STATES = ['uploading', 'processing', 'finalizing', 'done', 'failed'] as const;
export type CorpusState = (typeof CORPUS_STATES)[number];

/** rejected lines kept for display; the count stays exact beyond it. */
export const REJECTED_KEEP = 1000;

export interface CorpusKeys {
  record: string;
  chunks: string;
  rejected: string;
}

export function corpusKeys(prefix: string, id: string): CorpusKeys {
  const base = `${storePrefix(prefix)}:corpus:{${id}}`;
  return { record: base, chunks: `${base}:chunks`, rejected: `${base}:rejected` };
}

export const corpusNamespace = (id: string) => `corpus:${id}`;

export interface CorpusRecord {
  id: string;
  state: CorpusState;
  format: string;
  merge: boolean;
  progress: { linesRead: number; accepted: number; rejected: number; leftOut: number; analysed: number; failed: number; chunks: number; chunksDone: number; customers: number };
  rejectedLines: { line: number; errors: string[] }[];
  timings: { createdAt: string; uploadedAt: string | null; finishedAt: string | null; seconds: number | null };
  error: string | null;
}

// Counts a chunk once however often it is retried or re-delivered: HSETNX guards the increments.
const CHUNK_DONE_LUA = `
if redis.call('HSETNX', KEYS[2], ARGV[1], '1') == 1 then
  redis.call('HINCRBY', KEYS[1], 'analysed', ARGV[2])
  redis.call('HINCRBY', KEYS[1], 'failed', ARGV[3])
  redis.call('HINCRBY', KEYS[1], 'chunksDone', 1)
  return 1
end
return 0`;

type WithChunkDone = Redis & { rapportChunkDone(record: string, chunks: string, chunk: number, analysed: number, failed: number): Promise<number> };

export async function createCorpus(redis: Redis, prefix: string, id: string, format: string, merge: boolean): Promise<void> {
  const k = corpusKeys(prefix, id);
  await redis.hset(k.record, { id, state: 'uploading', format, merge: merge ? '1' : '0', createdAt: new Date().toISOString(), linesRead: 0, accepted: 0, rejected: 0, leftOut: 0, analysed: 0, failed: 0, chunks: 0, chunksDone: 0 });
}

export async function setCorpusFields(redis: Redis, prefix: string, id: string, fields: Record<string, string | number>): Promise<void> {
  await redis.hset(corpusKeys(prefix, id).record, fields);
}

export async function addRejected(redis: Redis, prefix: string, id: string, rejected: { line: number; errors: string[] }[]): Promise<void> {
  if (!rejected.length) return;
  const k = corpusKeys(prefix, id);
  await redis.multi().rpush(k.rejected, ...rejected.map((r) => JSON.stringify(r))).ltrim(k.rejected, 0, REJECTED_KEEP - 1).exec();
}

export async function chunkDone(redis: Redis, prefix: string, id: string, chunk: number, analysed: number, failed: number): Promise<boolean> {
  const r = redis as WithChunkDone;
  if (typeof r.rapportChunkDone !== 'function') redis.defineCommand('rapportChunkDone', { numberOfKeys: 2, lua: CHUNK_DONE_LUA });
  const k = corpusKeys(prefix, id);
  return (await r.rapportChunkDone(k.record, k.chunks, chunk, analysed, failed)) === 1;
}

export async function getCorpus(redis: Redis, prefix: string, id: string): Promise<CorpusRecord | null> {
  const k = corpusKeys(prefix, id);
  const [h, rejected] = await Promise.all([redis.hgetall(k.record), redis.lrange(k.rejected, 0, REJECTED_KEEP - 1)]);
  if (!h.id) return null;
  const n = (f: string) => Number(h[f] ?? 0);
  const finishedAt = h.finishedAt ?? null;
  return {
    id: h.id,
    state: h.state as CorpusState,
    format: h.format ?? 'ndjson',
    merge: h.merge === '1',
    progress: {
      linesRead: n('linesRead'),
      accepted: n('accepted'),
      rejected: n('rejected'),
      leftOut: n('leftOut'),
      analysed: n('analysed'),
      failed: n('failed'),
      chunks: n('chunks'),
      chunksDone: n('chunksDone'),
      customers: n('customers'),
    },
    rejectedLines: rejected.map((r) => JSON.parse(r) as { line: number; errors: string[] }),
    timings: {
      createdAt: h.createdAt ?? '',
      uploadedAt: h.uploadedAt ?? null,
      finishedAt,
      seconds: finishedAt && h.createdAt ? (Date.parse(finishedAt) - Date.parse(h.createdAt)) / 1000 : null,
    },
    error: h.error ?? null,
  };
}

export async function deleteCorpusRecord(redis: Redis, prefix: string, id: string): Promise<number> {
  const k = corpusKeys(prefix, id);
  return redis.del(k.record, k.chunks, k.rejected);
}
