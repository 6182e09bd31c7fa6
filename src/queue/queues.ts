// Producers: the API's handles on the queues. Fail fast (no offline queue) so a request errors instead of hanging.
import { FlowProducer, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { ANALYSE_OPTS, BATCH_SIZE, QUEUES, deriveOpts, type AnalyseJob, type DeriveJob } from './jobs.js';
import { SEGMENTS_QUEUE } from './segments.js';

export interface Queues {
  analyse: Queue<AnalyseJob>;
  derive: Queue<DeriveJob>;
  corpus: Queue;
  segments: Queue;
  flow: FlowProducer;
  close(): Promise<void>;
}

export function createQueues(config: Config, connection: Redis): Queues {
  const opts = { connection, prefix: config.RAPPORT_PREFIX };
  const analyse = new Queue<AnalyseJob>(QUEUES.analyse, opts);
  const derive = new Queue<DeriveJob>(QUEUES.derive, opts);
  const corpus = new Queue(QUEUES.corpus, opts);
  const segments = new Queue(SEGMENTS_QUEUE, opts);
  const flow = new FlowProducer(opts);
  // without a listener an 'error' event would crash the process; the connection reconnects on its own
  for (const q of [analyse, derive, corpus, segments] as Queue[]) q.on('error', () => undefined);
  flow.on('error', () => undefined);
  const all = [analyse, derive, corpus, segments, flow];
  return {
    analyse,
    derive,
    corpus,
    segments,
    flow,
    close: async () => {
      await Promise.all(all.map((q) => q.close()));
    },
  };
}

/** Enqueues live interactions in analyse batches. */
export async function enqueueInteractions(q: Queues, ns: string, items: { line: number; item: unknown }[]): Promise<number> {
  const jobs = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE) {
    jobs.push({ name: 'analyse-batch', data: { ns, items: items.slice(i, i + BATCH_SIZE) }, opts: ANALYSE_OPTS });
  }
  if (jobs.length) await q.analyse.addBulk(jobs);
  return jobs.length;
}

export async function enqueueDerive(derive: Queue<DeriveJob>, ns: string, customerIds: Iterable<string>): Promise<void> {
  const jobs = [...new Set(customerIds)].map((customerId) => ({ name: 'derive-profile', data: { ns, customerId }, opts: deriveOpts(ns, customerId) }));
  // addBulk does not honour deduplication; one add per customer does (pipelined by ioredis)
  await Promise.all(jobs.map((j) => derive.add(j.name, j.data, j.opts)));
}
