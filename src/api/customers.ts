// Service teams: write interactions, customers, transactions; read profiles and briefs; admins erase.
import express, { Router } from 'express';
import { z } from 'zod';
import { CustomerSchema } from '../schemas/customer.js';
import { InteractionSchema } from '../schemas/interaction.js';
import { TransactionSchema } from '../schemas/transaction.js';
import { enqueueDerive, enqueueInteractions } from '../queue/queues.js';
import { keys, LIVE } from '../store/keys.js';
import { eraseCustomer, saveCustomers, saveTransactions } from '../store/profiles.js';
import { requireRole } from './auth.js';
import { MAX_BODY, parseItems } from './body.js';
import { ApiError } from './errors.js';
import type { Ctx } from './context.js';

export const CustomerIdParam = z.string().min(1).max(256);

/** bodies stay text here so NDJSON and JSON arrays share one parser that names lines and fields */
const text = express.text({ type: () => true, limit: MAX_BODY });

export function customerRoutes(ctx: Ctx): Router {
  const r = Router();
  const live = keys(ctx.config.RAPPORT_PREFIX, LIVE);

  r.post('/interactions', requireRole('service'), text, async (req, res) => {
    const p = parseItems(req.body, req.get('content-type'), InteractionSchema);
    await enqueueInteractions(ctx.queues, LIVE, p.valid.map((v) => ({ line: v.index, item: v.raw })));
    res.status(202).json({ accepted: p.valid.length, rejected: p.rejected });
  });

  r.post('/customers', requireRole('service'), text, async (req, res) => {
    const p = parseItems(req.body, req.get('content-type'), CustomerSchema);
    const customers = p.valid.map((v) => v.value);
    await saveCustomers(ctx.redis, live, customers);
    await enqueueDerive(ctx.queues.derive, LIVE, customers.map((c) => c.customerId));
    res.status(202).json({ accepted: customers.length, rejected: p.rejected });
  });

  r.post('/transactions', requireRole('service'), text, async (req, res) => {
    const p = parseItems(req.body, req.get('content-type'), TransactionSchema);
    const txs = p.valid.map((v) => v.value);
    await saveTransactions(ctx.redis, live, txs);
    await enqueueDerive(ctx.queues.derive, LIVE, txs.map((t) => t.customerId));
    res.status(202).json({ accepted: txs.length, rejected: p.rejected });
  });

  const readJson = (what: 'profile' | 'brief') => async (req: express.Request, res: express.Response) => {
    const id = CustomerIdParam.parse(req.params.id);
    const raw = await ctx.redis.get(what === 'profile' ? live.profile(id) : live.brief(id));
    if (raw === null) throw new ApiError(404, 'unknown_customer', `no profile for customer ${JSON.stringify(id)}`);
    // stored JSON goes out as is: no parse/stringify on the hot read path
    res.type('application/json').send(raw);
  };
  r.get('/customers/:id/profile', requireRole('service'), readJson('profile'));
  r.get('/customers/:id/brief', requireRole('service'), readJson('brief'));

  r.delete('/customers/:id', requireRole('admin'), async (req, res) => {
    const id = CustomerIdParam.parse(req.params.id);
    if (!(await eraseCustomer(ctx.redis, live, id))) throw new ApiError(404, 'unknown_customer', `no customer ${JSON.stringify(id)}`);
    ctx.log.info({ erased: true }, 'customer erased');
    res.status(204).end();
  });
  return r;
}
