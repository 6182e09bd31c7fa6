// Marketers and analysts: the recommender leaderboard and the archetype taxonomy with counts.
import { Router } from 'express';
import { z } from 'zod';
import { archetypeTaxonomy } from '../profile/playbook.js';
import { ARCHETYPES, INSUFFICIENT } from '../profile/types.js';
import { keys, LIVE } from '../store/keys.js';
import { archetypeCounts, listRecommenders } from '../store/profiles.js';
import { requireRole } from './auth.js';
import { csvRow } from './csv.js';
import { ApiError, issues } from './errors.js';
import type { Ctx } from './context.js';

export const RecommenderQuerySchema = z.object({
  tier: z.enum(['champion', 'advocate', 'potential', 'none']).optional(),
  archetype: z.enum([...ARCHETYPES, INSUFFICIENT]).optional(),
  minScore: z.coerce.number().min(0).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.coerce.number().int().min(0).default(0),
});

export function marketingRoutes(ctx: Ctx): Router {
  const r = Router();
  const live = keys(ctx.config.RAPPORT_PREFIX, LIVE);

  r.get('/recommenders', requireRole('marketer', 'analyst'), async (req, res) => {
    const q = RecommenderQuerySchema.safeParse(req.query);
    if (!q.success) throw new ApiError(400, 'bad_query', 'invalid query parameters', issues(q.error));
    const page = await listRecommenders(ctx.redis, live, q.data);
    if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
      res.type('text/csv');
      if (page.next !== null) res.set('X-Next-Cursor', String(page.next));
      res.send(csvRow(['customerId', 'score', 'tier', 'archetype']) + page.items.map((i) => csvRow([i.customerId, i.score, i.tier, i.archetype])).join(''));
      return;
    }
    res.json(page);
  });

  r.get('/archetypes', async (_req, res) => {
    const ids = [...ARCHETYPES, INSUFFICIENT];
    const counts = await archetypeCounts(ctx.redis, live, ids);
    const tax = archetypeTaxonomy().archetypes;
    res.json({
      archetypes: ids.map((id) => ({ id, ...(tax[id] ?? { label: 'Insufficient evidence', wants: null, do: [], dont: [] }), customers: counts[id] ?? 0 })),
    });
  });
  return r;
}
