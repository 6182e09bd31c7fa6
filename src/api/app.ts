// The Express app, routes grouped by audience. Health, readiness, metrics and docs need no key.
import express, { type Express } from 'express';
import { authenticate, rateLimit, requireRole } from './auth.js';
import { keyRoutes, queueBoard, QUEUE_BOARD_PATH } from './admin.js';
import { corpusRoutes } from './corpora.js';
import { customerRoutes } from './customers.js';
import { errorHandler, notFound } from './errors.js';
import { marketingRoutes } from './marketing.js';
import { segmentRoutes } from './segments.js';
import { createMetrics } from './metrics.js';
import { DOCS_HTML, openApiDocument } from './openapi.js';
import type { Ctx } from './context.js';

export function createApp(ctx: Ctx): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const metrics = createMetrics(ctx.redis, ctx.queues, ctx.config.RAPPORT_PREFIX);
  app.use(metrics.middleware);

  app.get('/healthz', (_req, res) => void res.json({ ok: true }));
  app.get('/readyz', async (_req, res) => {
    try {
      await ctx.redis.ping();
      await ctx.queues.analyse.getJobCounts('waiting');
      res.json({ ready: true });
    } catch (err) {
      res.status(503).json({ error: { code: 'not_ready', message: `Redis or queues unreachable: ${(err as Error).message}`, details: null } });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  const doc = openApiDocument();
  app.get('/openapi.json', (_req, res) => void res.json(doc));
  app.get('/docs', (_req, res) => void res.type('html').send(DOCS_HTML));

  const auth = [authenticate(ctx.keys), rateLimit(ctx.config.RAPPORT_RATE_LIMIT)];
  app.use(QUEUE_BOARD_PATH, ...auth, requireRole('admin'), queueBoard(ctx));
  app.use('/v1', ...auth, customerRoutes(ctx), marketingRoutes(ctx), segmentRoutes(ctx), corpusRoutes(ctx), keyRoutes(ctx));

  app.use(notFound);
  app.use(errorHandler(ctx.log));
  return app;
}
