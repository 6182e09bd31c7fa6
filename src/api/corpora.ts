// Analysts: stream a corpus in (never held in memory), watch its progress, stream its profiles out, drop it.
import { Router } from 'express';
import { z } from 'zod';
import { ingestCorpus } from '../queue/corpus.js';
import { exportSchema, parseColumnMap, type ColumnMap } from '../io/column-map.js';
import { parseWhere } from '../io/record-filter.js';
import type { RecordFilter } from '../io/read.js';
import { CHANNELS, InteractionSchema } from '../schemas/interaction.js';
import type { Profile } from '../profile/types.js';
import { corpusNamespace, deleteCorpusRecord, getCorpus } from '../store/corpora.js';
import { keys } from '../store/keys.js';
import { dropNamespace } from '../store/profiles.js';
import { requireRole } from './auth.js';
import { csvRow } from './csv.js';
import { ApiError, issues } from './errors.js';
import type { Ctx } from './context.js';

export const CorpusUploadQuerySchema = z.object({
  merge: z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1'),
  format: z.enum(['ndjson', 'csv']).optional(),
  /** rename the upload's columns, as the CLI's --map: "tweet_id=id,author_id=customerId" */
  map: z.string().max(4_000).optional(),
  /** the channel of records that carry none, as the CLI's --channel */
  channel: z.enum(CHANNELS).optional(),
  /** keep only records whose column has this value, as the CLI's --where (repeat the parameter for more) */
  where: z.union([z.string().max(1_000), z.array(z.string().max(1_000)).max(50)]).optional(),
});
export const CorpusIdParam = z.uuid();

const CSV_COLUMNS = ['customerId', 'archetype', 'confidence', 'sentimentMean', 'sentimentTrend', 'recommenderScore', 'recommenderTier', 'interactions', 'risks'];
const csvOf = (p: Profile) =>
  csvRow([p.customerId, p.archetype.primary, p.archetype.confidence, p.sentiment.mean, p.sentiment.trend, p.recommender.score, p.recommender.tier, p.interactions.total, p.risks.map((r) => `${r.kind}:${r.level}`).join(' ')]);

export function corpusRoutes(ctx: Ctx): Router {
  const r = Router();
  const prefix = ctx.config.RAPPORT_PREFIX;
  const corpusId = (raw: unknown) => {
    const p = CorpusIdParam.safeParse(raw);
    if (!p.success) throw new ApiError(404, 'unknown_corpus', `no corpus ${JSON.stringify(raw)}`);
    return p.data;
  };

  r.post('/corpora', requireRole('analyst'), async (req, res) => {
    const q = CorpusUploadQuerySchema.safeParse(req.query);
    if (!q.success) throw new ApiError(400, 'bad_query', 'invalid query parameters', issues(q.error));
    const format = q.data.format ?? (/csv/i.test(req.get('content-type') ?? '') ? 'csv' : 'ndjson');
    let columns: ColumnMap;
    let keep: RecordFilter | undefined;
    try {
      columns = parseColumnMap(q.data.map, 'map');
      keep = parseWhere(typeof q.data.where === 'string' ? [q.data.where] : q.data.where, 'where');
    } catch (err) {
      throw new ApiError(400, 'bad_query', 'invalid query parameters', [(err as Error).message]);
    }
    const schema = exportSchema(InteractionSchema, columns, q.data.channel ? { channel: q.data.channel } : {});
    const started = await ingestCorpus(ctx.redis, ctx.queues, prefix, req, format, q.data.merge, { schema, keep });
    res.status(202).location(`/v1/corpora/${started.id}`).json(started);
  });

  r.get('/corpora/:id', requireRole('analyst'), async (req, res) => {
    const rec = await getCorpus(ctx.redis, prefix, corpusId(req.params.id));
    if (!rec) throw new ApiError(404, 'unknown_corpus', `no corpus ${JSON.stringify(req.params.id)}`);
    res.json(rec);
  });

  r.get('/corpora/:id/profiles', requireRole('analyst'), async (req, res) => {
    const id = corpusId(req.params.id);
    const rec = await getCorpus(ctx.redis, prefix, id);
    if (!rec) throw new ApiError(404, 'unknown_corpus', `no corpus ${JSON.stringify(id)}`);
    if (rec.state !== 'done') throw new ApiError(409, 'not_ready', `corpus is ${rec.state}; profiles are ready when it is done`);
    const csv = req.query.format === 'csv' || req.accepts(['application/x-ndjson', 'text/csv']) === 'text/csv';
    const k = keys(prefix, corpusNamespace(id));
    res.type(csv ? 'text/csv' : 'application/x-ndjson');
    if (csv) res.write(csvRow(CSV_COLUMNS));
    let cursor = '0';
    do {
      const [next, ids] = await ctx.redis.sscan(k.customers, cursor, 'COUNT', 500);
      cursor = next;
      if (!ids.length) continue;
      const profiles = await ctx.redis.mget(...ids.map((c) => k.profile(c)));
      const chunk = profiles.filter((p): p is string => p !== null).map((p) => (csv ? csvOf(JSON.parse(p) as Profile) : `${p}\n`)).join('');
      // respect back-pressure: a slow client must not make us buffer the whole corpus
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
    } while (cursor !== '0');
    res.end();
  });

  r.delete('/corpora/:id', requireRole('analyst'), async (req, res) => {
    const id = corpusId(req.params.id);
    const rec = await getCorpus(ctx.redis, prefix, id);
    if (!rec) throw new ApiError(404, 'unknown_corpus', `no corpus ${JSON.stringify(id)}`);
    if (rec.state === 'uploading' || rec.state === 'processing' || rec.state === 'finalizing') {
      throw new ApiError(409, 'busy', `corpus is ${rec.state}; delete it once it is done or failed`);
    }
    await dropNamespace(ctx.redis, keys(prefix, corpusNamespace(id)));
    await deleteCorpusRecord(ctx.redis, prefix, id);
    res.status(204).end();
  });
  return r;
}
