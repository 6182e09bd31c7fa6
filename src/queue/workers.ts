// The worker process: analyse batches (sandboxed: forked child processes), derive profiles, finalize corpora.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Queue, Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { workerConnection } from '../store/redis.js';
import { keys, LIVE } from '../store/keys.js';
import { countStat } from '../store/stats.js';
import { DeriveJobSchema, FinalizeJobSchema, QUEUES } from './jobs.js';
import { runFinalize } from './corpus.js';
import { deriveWithSegments, recomputeSegments, RecomputeJobSchema, RECOMPUTE_JOB, SCHEDULER_ID, SEGMENTS_QUEUE } from './segments.js';

export interface WorkerOptions {
  /** analyse jobs processed at once (each in its own child process) */
  concurrency: number;
}

export interface Workers {
  workers: Worker[];
  close(): Promise<void>;
}

/** The processor file next to this one: .js when built, .ts when run through tsx. */
function processorFile(): string {
  const js = fileURLToPath(new URL('./analyse-processor.js', import.meta.url));
  return existsSync(js) ? js : js.replace(/\.js$/, '.ts');
}

export async function startWorkers(config: Config, log: Logger, opts: WorkerOptions): Promise<Workers> {
  const connection = workerConnection(config.REDIS_URL);
  connection.on('error', (err) => log.warn({ err: err.message }, 'redis connection error'));
  const policy = (await connection.config('GET', 'maxmemory-policy').catch(() => [])) as string[];
  if (policy[1] && policy[1] !== 'noeviction') log.warn({ policy: policy[1] }, 'Redis maxmemory-policy should be noeviction: evicted job keys lose work');
  const base = {
    connection,
    prefix: config.RAPPORT_PREFIX,
    lockDuration: config.RAPPORT_LOCK_MS,
    stalledInterval: config.RAPPORT_STALLED_MS,
    maxStalledCount: 2,
  };
  const analyse = new Worker(QUEUES.analyse, processorFile(), { ...base, concurrency: opts.concurrency });
  const derive = new Worker(
    QUEUES.derive,
    async (job: Job) => {
      const { ns, customerId } = DeriveJobSchema.parse(job.data);
      const p = await deriveWithSegments(connection, keys(config.RAPPORT_PREFIX, ns), config.RAPPORT_PREFIX, customerId);
      return { derived: p !== null };
    },
    { ...base, concurrency: 8 },
  );
  // where a corpus's finalize puts its derive parts (the sandboxed analysers of every worker take them)
  const analyseQueue = new Queue(QUEUES.analyse, { connection, prefix: config.RAPPORT_PREFIX });
  analyseQueue.on('error', () => undefined);
  const corpus = new Worker(
    QUEUES.corpus,
    async (job: Job, token?: string) => runFinalize(connection, config.RAPPORT_PREFIX, FinalizeJobSchema.parse(job.data).corpusId, { job, token, analyse: analyseQueue }),
    { ...base, concurrency: 1 },
  );
  const segments = new Worker(
    SEGMENTS_QUEUE,
    async (job: Job) => recomputeSegments(connection, keys(config.RAPPORT_PREFIX, RecomputeJobSchema.parse(job.data).ns), config.RAPPORT_PREFIX),
    { ...base, concurrency: 1 },
  );
  // the schedule: an upsert, so every worker process starting keeps one scheduler, not one each. The first run
  // is one interval after the scheduler is created (startDate counts only then), not at every start-up.
  const every = config.RAPPORT_SEGMENTS_EVERY_MS;
  const segmentsQueue = new Queue(SEGMENTS_QUEUE, { connection, prefix: config.RAPPORT_PREFIX });
  segmentsQueue.on('error', () => undefined);
  if (every > 0) await segmentsQueue.upsertJobScheduler(SCHEDULER_ID, { every, startDate: Date.now() + every }, { name: RECOMPUTE_JOB, data: { ns: LIVE }, opts: { removeOnComplete: true, removeOnFail: { age: 7 * 86_400 } } });
  else await segmentsQueue.removeJobScheduler(SCHEDULER_ID);
  const workers = [analyse, derive, corpus, segments];
  for (const w of workers) {
    w.on('error', (err) => log.error({ queue: w.name, err: err.message }, 'worker error'));
    w.on('failed', (job, err) => {
      log.warn({ queue: w.name, job: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed');
      void countStat(connection, config.RAPPORT_PREFIX, `${w.name}:failed`).catch(() => undefined);
    });
    w.on('completed', () => void countStat(connection, config.RAPPORT_PREFIX, `${w.name}:completed`).catch(() => undefined));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  log.info({ concurrency: opts.concurrency, prefix: config.RAPPORT_PREFIX }, 'workers ready');
  return {
    workers,
    // close() lets in-flight jobs finish; whatever cannot finish is handed back by the stalled-job check
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
      await segmentsQueue.close();
      await analyseQueue.close();
      connection.disconnect();
    },
  };
}
