// The analyse-batch step: validate, analyse, fold into Redis, then ask for derives. Called from the
// sandboxed processor (its own thread), so CPU-bound analysis never stalls the thread renewing job locks.
import type { Redis } from 'ioredis';
import type { Queue } from 'bullmq';
import { analyze } from '../nlp/analyze.js';
import type { MessageAnalysis } from '../nlp/types.js';
import { InteractionSchema } from '../schemas/interaction.js';
import { keys, LIVE } from '../store/keys.js';
import { foldBatch } from '../store/state-store.js';
import { rebuildProfile } from '../store/profiles.js';
import { countStat } from '../store/stats.js';
import { addRejected, chunkDone, setCorpusFields } from '../store/corpora.js';
import { AnalyseJobSchema, type DeriveJob } from './jobs.js';
import { enqueueDerive } from './queues.js';

export interface AnalyseResult {
  analysed: number;
  added: number;
  failed: number;
  /** profiles derived (a finalize's derive part) */
  derived?: number;
}

export interface AnalyseDeps {
  redis: Redis;
  derive: Queue<DeriveJob>;
  prefix: string;
  keepText: boolean;
  /** this job ran before (failed, or its worker died): folds it made then are not "new" now, yet may never have been derived */
  rerun?: boolean;
}

export async function runAnalyseJob(raw: unknown, deps: AnalyseDeps): Promise<AnalyseResult> {
  const job = AnalyseJobSchema.parse(raw);
  if (job.gate) {
    if (job.corpusId) await setCorpusFields(deps.redis, deps.prefix, job.corpusId, { gateAt: new Date().toISOString() });
    return { analysed: 0, added: 0, failed: 0 };
  }
  if (job.derive) {
    const k = keys(deps.prefix, job.ns);
    let derived = 0;
    // derive is pure and quick; a few at a time keeps Redis round trips overlapped
    for (let i = 0; i < job.derive.length; i += 50) {
      const done = await Promise.all(job.derive.slice(i, i + 50).map((c) => rebuildProfile(deps.redis, k, c)));
      derived += done.filter(Boolean).length;
    }
    return { analysed: 0, added: 0, failed: 0, derived };
  }
  const analyses: MessageAnalysis[] = [];
  const failed: { line: number; errors: string[] }[] = [];
  for (const { line, item } of job.items) {
    const parsed = InteractionSchema.safeParse(item);
    if (!parsed.success) {
      failed.push({ line, errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'item'}: ${i.message}`) });
      continue;
    }
    // an analyser that throws fails the job: it retries with backoff and then stays visible in the failed set
    analyses.push(analyze(parsed.data, { keepText: deps.keepText }));
  }
  const k = keys(deps.prefix, job.ns);
  const [{ changed, added }] = await Promise.all([
    foldBatch(deps.redis, k, analyses, deps.keepText),
    analyses.length ? countStat(deps.redis, deps.prefix, 'interactions:analysed', analyses.length) : undefined,
  ]);
  const everyone = () => analyses.map((a) => a.customerId);
  if (job.merge && job.ns !== LIVE) {
    const live = await foldBatch(deps.redis, keys(deps.prefix, LIVE), analyses, deps.keepText);
    await enqueueDerive(deps.derive, LIVE, deps.rerun ? everyone() : live.changed);
  }
  // a corpus is derived once, by its finalize step; live customers get a debounced derive each
  if (job.ns === LIVE) await enqueueDerive(deps.derive, LIVE, deps.rerun ? everyone() : changed);
  if (job.corpusId !== undefined && job.chunk !== undefined) {
    await addRejected(deps.redis, deps.prefix, job.corpusId, failed);
    await chunkDone(deps.redis, deps.prefix, job.corpusId, job.chunk, analyses.length, failed.length);
  }
  return { analysed: analyses.length, added, failed: failed.length };
}
