// The baseline of the brief benchmark: a bare Express route that reads one Redis key and sends it as is.
// Run as its own process (like the API) so both sides of the ratio pay the same process and socket costs.
// Usage: tsx bench/service-bare.ts <redis-url> <port>
import express from 'express';
import { Redis } from 'ioredis';

const [url, port] = process.argv.slice(2);
if (!url || !port) throw new Error('usage: service-bare.ts <redis-url> <port>');
const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
redis.on('ready', () => {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.get('/bare/:key', async (req, res) => {
    const raw = await redis.get(req.params.key);
    if (raw === null) return void res.status(404).json({ error: 'no key' });
    res.type('application/json').send(raw);
  });
  app.listen(Number(port), '127.0.0.1', () => process.stdout.write('listening\n'));
});
