// Prometheus metrics: request latency, queue depths, jobs done/failed and interactions analysed (counted in Redis
// by the workers, so every API replica reports the cluster-wide totals).
import client from 'prom-client';
import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { Queues } from '../queue/queues.js';
import { statsKey } from '../store/stats.js';

export function createMetrics(redis: Redis, queues: Queues, prefix: string) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const latency = new client.Histogram({
    name: 'rapport_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new client.Gauge({
    name: 'rapport_queue_jobs',
    help: 'jobs per queue and state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      for (const q of [queues.analyse, queues.derive, queues.corpus]) {
        const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'waiting-children');
        for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
      }
    },
  });
  new client.Gauge({
    name: 'rapport_jobs_total',
    help: 'jobs finished since the store was created, by queue and outcome; interactions analysed',
    labelNames: ['what'],
    registers: [registry],
    async collect() {
      const h = await redis.hgetall(statsKey(prefix));
      for (const [what, n] of Object.entries(h)) this.set({ what }, Number(n));
    },
  });
  const middleware: RequestHandler = (req, res, next) => {
    const end = latency.startTimer();
    res.on('finish', () => end({ method: req.method, route: (req.route?.path as string | undefined) ?? 'unmatched', status: String(res.statusCode) }));
    next();
  };
  return { registry, middleware };
}
