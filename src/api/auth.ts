// API keys: stored as SHA-256 hashes (a key is shown once, at creation), each with a role. Admin can do everything.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { storePrefix } from '../store/keys.js';
import { ApiError } from './errors.js';

export const ROLES = ['service', 'marketer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  id: string;
  role: Role;
  name: string;
}

const StoredKeySchema = z.object({ id: z.string(), role: z.enum(ROLES), name: z.string(), createdAt: z.string() });

const hash = (key: string) => createHash('sha256').update(key).digest('hex');
/** lookups are cached briefly so a hot key costs no Redis round trip per request */
const CACHE_MS = 10_000;

export class KeyStore {
  private readonly cache = new Map<string, { p: Principal | null; at: number }>();
  private readonly adminHash: string | null;
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    adminKey?: string,
  ) {
    this.key = `${storePrefix(prefix)}:keys`;
    this.adminHash = adminKey ? hash(adminKey) : null;
  }

  async create(role: Role, name: string): Promise<{ id: string; key: string; role: Role }> {
    const id = randomUUID();
    const key = `rk_${randomBytes(24).toString('base64url')}`;
    await this.redis.hset(this.key, hash(key), JSON.stringify({ id, role, name, createdAt: new Date().toISOString() }));
    return { id, key, role };
  }

  async lookup(key: string): Promise<Principal | null> {
    const h = hash(key);
    if (h === this.adminHash) return { id: 'bootstrap-admin', role: 'admin', name: 'bootstrap' };
    const hit = this.cache.get(h);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.p;
    const raw = await this.redis.hget(this.key, h);
    const p = raw ? StoredKeySchema.parse(JSON.parse(raw)) : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(h, { p, at: Date.now() });
    return p && { id: p.id, role: p.role, name: p.name };
  }
}

export function authenticate(keys: KeyStore): RequestHandler {
  return (req, res, next) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!m) return next(new ApiError(401, 'unauthorized', 'missing API key: send Authorization: Bearer <key>'));
    keys.lookup(m[1]!).then((p) => {
      if (!p) return next(new ApiError(401, 'unauthorized', 'unknown API key'));
      res.locals.principal = p;
      next();
    }, next);
  };
}

export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const p = res.locals.principal as Principal | undefined;
    if (!p) return next(new ApiError(401, 'unauthorized', 'missing API key'));
    if (p.role !== 'admin' && !roles.includes(p.role)) {
      return next(new ApiError(403, 'forbidden', `role ${p.role} may not do this; needs ${[...roles, 'admin'].join(' or ')}`));
    }
    next();
  };
}

/** Per-key token bucket (per API process): `rate` requests a second, bursts of 2 s worth; 429 with Retry-After. */
export function rateLimit(rate: number): RequestHandler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const burst = Math.max(1, rate * 2);
  return (_req, res, next) => {
    const p = res.locals.principal as Principal;
    const now = Date.now();
    const b = buckets.get(p.id) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    buckets.set(p.id, b);
    if (b.tokens < 1) {
      const wait = Math.ceil((1 - b.tokens) / rate);
      res.set('Retry-After', String(wait));
      return next(new ApiError(429, 'rate_limited', `too many requests for this key; retry in ${wait} s`, { limitPerSecond: rate }));
    }
    b.tokens -= 1;
    next();
  };
}
