// Marketers and analysts: the classic segments of the live base (sizes and valuation), the archetype x segment
// matrix and the segment map (JSON and SVG), as stored by the last recomputation; analysts and admins ask for
// a recomputation (a BullMQ job, also run on a schedule by the workers).
import { Router, type Response } from 'express';
import { LIVE } from '../store/keys.js';
import { RECOMPUTE_JOB, segmentKeys, type SegmentKeys } from '../queue/segments.js';
import { requireRole } from './auth.js';
import { ApiError } from './errors.js';
import type { Ctx } from './context.js';

export function segmentRoutes(ctx: Ctx): Router {
  const r = Router();
  const sk = segmentKeys(ctx.config.RAPPORT_PREFIX, LIVE);
  const readers = requireRole('marketer', 'analyst');

  const send = (what: keyof SegmentKeys, type: string) => async (_req: unknown, res: Response) => {
    const raw = await ctx.redis.get(sk[what]);
    if (raw === null) throw new ApiError(404, 'not_computed', 'segments have not been computed yet: POST /v1/segments/recompute (analyst) or wait for the schedule');
    // stored as sent: no parse/stringify per request
    res.type(type).send(raw);
  };
  r.get('/segments', readers, send('summary', 'application/json'));
  r.get('/segments/matrix', readers, send('matrix', 'application/json'));
  r.get('/segments/map', readers, send('map', 'application/json'));
  r.get('/segments/map.svg', readers, send('svg', 'image/svg+xml'));

  r.post('/segments/recompute', requireRole('analyst'), async (_req, res) => {
    // one pending recomputation at a time: a second request while one waits joins it
    const job = await ctx.queues.segments.add(RECOMPUTE_JOB, { ns: LIVE }, { deduplication: { id: `segments:${LIVE}` }, removeOnComplete: true, removeOnFail: { age: 7 * 86_400 } });
    res.status(202).json({ jobId: job.id, status: 'queued' });
  });
  return r;
}
