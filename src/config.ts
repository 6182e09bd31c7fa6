// Service configuration: the environment, parsed once with zod. A bad value stops start-up naming the variable.
import { pino, type Logger } from 'pino';
import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .default('off')
  .transform((v) => v === '1' || v === 'true' || v === 'yes' || v === 'on');

const EnvSchema = z.object({
  REDIS_URL: z
    .string()
    .default('redis://127.0.0.1:6379')
    .refine((s) => /^rediss?:\/\/[^\s]+$/.test(s), 'must be a redis:// or rediss:// URL'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  /** bootstrap admin key: lets the first operator create the other keys. */
  RAPPORT_ADMIN_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  /** keep redacted customer text with analyses (operator opt-in). */
  RAPPORT_KEEP_TEXT: flag,
  /** key prefix for Rapport and BullMQ keys; wrap in braces ("{rapport}") so Redis Cluster keeps a queue in one slot. */
  RAPPORT_PREFIX: z
    .string()
    .default('rapport')
    .refine((s) => /^[A-Za-z0-9_{}.-]{1,64}$/.test(s), 'must be 1-64 characters of letters, digits, _ - . { }'),
  /** requests per second each API key may make (token bucket, burst = 2 s worth). */
  RAPPORT_RATE_LIMIT: z.coerce.number().positive().default(200),
  /** BullMQ job lock and stalled-check timings: a killed worker's jobs come back after about lock + interval. */
  RAPPORT_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  RAPPORT_STALLED_MS: z.coerce.number().int().min(1000).default(30_000),
  /** how often workers re-segment the live base (a BullMQ repeatable job; default 6 h, 0 turns the schedule off). */
  RAPPORT_SEGMENTS_EVERY_MS: z.coerce.number().int().min(0).default(6 * 3_600_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.output<typeof EnvSchema>;

export class ConfigError extends Error {}

/** Parses an environment (process.env by default); throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string> = {};
  // Empty strings mean "unset" for everything but the flags, so `PORT=` does not become port 0.
  for (const key of Object.keys(EnvSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') picked[key] = v.trim();
  }
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`invalid environment:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

/** Structured JSON logs (pino) at the configured level. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, name: string): Logger {
  return pino({ name, level: config.LOG_LEVEL });
}
