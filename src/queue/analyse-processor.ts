// Sandboxed processor file: BullMQ forks it as a child process. One Redis connection and one derive queue per child.
import { Queue, type SandboxedJob } from 'bullmq';
import { loadConfig } from '../config.js';
import { workerConnection } from '../store/redis.js';
import { QUEUES, type DeriveJob } from './jobs.js';
import { runAnalyseJob, type AnalyseResult } from './analyse.js';

const config = loadConfig();
const redis = workerConnection(config.REDIS_URL);
redis.on('error', () => undefined);
const derive = new Queue<DeriveJob>(QUEUES.derive, { connection: redis, prefix: config.RAPPORT_PREFIX });
derive.on('error', () => undefined);
// the parent worker was killed (SIGKILL leaves no time to tell us): do not linger as an orphan holding Redis
process.on('disconnect', () => process.exit(0));

export default async function analyseBatch(job: SandboxedJob): Promise<AnalyseResult> {
  const rerun = job.attemptsMade > 0 || (job.attemptsStarted ?? 0) > 1;
  return runAnalyseJob(job.data, { redis, derive, prefix: config.RAPPORT_PREFIX, keepText: config.RAPPORT_KEEP_TEXT, rerun });
}
