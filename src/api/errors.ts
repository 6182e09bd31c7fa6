// Every error leaves as JSON {"error": {"code", "message", "details"}}; never a stack trace.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ZodError } from 'zod';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** zod issues as "path: message" lines, the path naming the field. */
export function issues(err: ZodError, prefix = ''): string[] {
  return err.issues.map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.') || 'body'}: ${i.message}`);
}

export const notFound: RequestHandler = (req, _res, next) => next(new ApiError(404, 'not_found', `no route ${req.method} ${req.path}`));

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    void next;
    if (res.headersSent) return void res.end();
    let e: ApiError;
    if (err instanceof ApiError) e = err;
    else {
      const x = err as { type?: string; status?: number; message?: string; limit?: number };
      // body-parser's own errors: keep their status, say what was wrong
      if (x.type === 'entity.too.large') e = new ApiError(413, 'payload_too_large', `body larger than ${x.limit} bytes`);
      else if (x.type === 'entity.parse.failed') e = new ApiError(400, 'malformed_json', `malformed JSON: ${x.message}`);
      else if (typeof x.status === 'number' && x.status >= 400 && x.status < 500) e = new ApiError(x.status, 'bad_request', x.message ?? 'bad request');
      else {
        log.error({ err: (err as Error)?.message, path: req.path }, 'unhandled error');
        // Redis away with a fail-fast producer: the client may retry
        const down = /Stream isn't writeable|Connection is closed|ECONNREFUSED|enableOfflineQueue/i.test(String((err as Error)?.message));
        e = down ? new ApiError(503, 'unavailable', 'the store is not reachable; retry later') : new ApiError(500, 'internal', 'internal error');
      }
    }
    res.status(e.status).json({ error: { code: e.code, message: e.message, details: e.details ?? null } });
  };
}
