// Queue names, job payload schemas (a job payload is an edge: parsed with zod when a job is processed),
// and default job options following BullMQ's production guidance.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { JobsOptions } from 'bullmq';

export const QUEUES = { analyse: 'analyse', derive: 'derive', corpus: 'corpus' } as const;

/** interactions per analyse job: big enough to amortise a Redis round trip, small enough to retry cheaply. */
export const BATCH_SIZE = 500;

export const AnalyseJobSchema = z.object({
  /** state namespace to fold into ("live" or "corpus:<id>") */
  ns: z.string().min(1),
  /** also fold into the live namespace (corpus uploaded with ?merge=true) */
  merge: z.boolean().default(false),
  corpusId: z.string().optional(),
  chunk: z.number().int().nonnegative().optional(),
  /** the corpus gate: completes once the upload has ended, releasing the finalize parent */
  gate: z.boolean().optional(),
  /** customers of the namespace to derive: a corpus's finalize fans its derives out over every worker this way */
  derive: z.array(z.string().min(1)).optional(),
  /** raw interactions with their source line numbers (corpus) or body index (API); re-validated here */
  items: z.array(z.object({ line: z.number().int(), item: z.unknown() })).default([]),
});
export type AnalyseJob = z.input<typeof AnalyseJobSchema>;

export const DeriveJobSchema = z.object({ ns: z.string().min(1), customerId: z.string().min(1) });
export type DeriveJob = z.infer<typeof DeriveJobSchema>;

export const FinalizeJobSchema = z.object({
  corpusId: z.string().min(1),
  /** set once the derive parts were added: the job then waits for them and sums up */
  parts: z.number().int().nonnegative().optional(),
});
/** customers per derive part of a corpus's finalize */
export const DERIVE_PART = 500;

export const RETRY: Pick<JobsOptions, 'attempts' | 'backoff'> = { attempts: 5, backoff: { type: 'exponential', delay: 1000 } };

/** Analyse jobs carry raw customer text: drop them as soon as they are done; keep failures a week for admins. */
export const ANALYSE_OPTS: JobsOptions = { ...RETRY, removeOnComplete: true, removeOnFail: { age: 7 * 86_400, count: 10_000 } };

export const DERIVE_DELAY_MS = 250;

/**
 * One pending derive per customer: deduplicated by a hash of (namespace, customer), debounced by a short delay.
 * keepLastIfActive: a fold that lands while the derive runs gets one more derive after it, never none.
 */
export function deriveOpts(ns: string, customerId: string): JobsOptions {
  const id = createHash('sha1').update(`${ns}\u0000${customerId}`).digest('hex');
  return {
    ...RETRY,
    delay: DERIVE_DELAY_MS,
    deduplication: { id: `derive:${id}`, keepLastIfActive: true },
    removeOnComplete: true,
    removeOnFail: { age: 7 * 86_400, count: 10_000 },
  };
}
