// Admins: API keys and the queue dashboard (Bull Board), where failed jobs stay visible and can be retried.
import { Router } from 'express';
import { z } from 'zod';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { ROLES, requireRole } from './auth.js';
import { ApiError, issues } from './errors.js';
import type { Ctx } from './context.js';
import express from 'express';

export const CreateKeySchema = z.object({
  role: z.enum(ROLES),
  name: z.string().min(1, 'name must not be empty').max(128),
});

export function keyRoutes(ctx: Ctx): Router {
  const r = Router();
  r.post('/keys', requireRole('admin'), express.json({ limit: '16kb' }), async (req, res) => {
    const body = CreateKeySchema.safeParse(req.body);
    if (!body.success) throw new ApiError(400, 'bad_body', 'invalid key request', issues(body.error));
    // the key itself is returned once and never stored: only its hash is
    res.status(201).json(await ctx.keys.create(body.data.role, body.data.name));
  });
  return r;
}

export const QUEUE_BOARD_PATH = '/admin/queues';

export function queueBoard(ctx: Ctx): Router {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: [ctx.queues.analyse, ctx.queues.derive, ctx.queues.corpus].map((q) => new BullMQAdapter(q)),
    serverAdapter: adapter,
  });
  return adapter.getRouter() as Router;
}
