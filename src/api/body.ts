// Write-path bodies: a JSON array or NDJSON, at most MAX_ITEMS items, each validated on its own.
import type { ZodType } from 'zod';
import { ApiError, issues } from './errors.js';

export const MAX_ITEMS = 5000;
export const MAX_BODY = '10mb';

export interface Parsed<T> {
  valid: { index: number; value: T; raw: unknown }[];
  rejected: { index: number; errors: string[] }[];
}

export function parseItems<T>(body: unknown, contentType: string | undefined, schema: ZodType<T>): Parsed<T> {
  if (typeof body !== 'string' || !body.trim()) throw new ApiError(400, 'empty_body', 'send a JSON array or NDJSON (one object a line)');
  const raws: { index: number; raw?: unknown; error?: string }[] = [];
  const ndjson = /ndjson|jsonlines|x-jsonl/i.test(contentType ?? '') || !body.trimStart().startsWith('[');
  if (ndjson) {
    const lines = body.split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      try {
        raws.push({ index: i, raw: JSON.parse(line) });
      } catch (e) {
        raws.push({ index: i, error: `line ${i + 1}: malformed JSON (${(e as Error).message})` });
      }
    });
  } else {
    let arr: unknown;
    try {
      arr = JSON.parse(body);
    } catch (e) {
      throw new ApiError(400, 'malformed_json', `malformed JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(arr)) throw new ApiError(400, 'bad_body', 'body must be a JSON array of objects');
    arr.forEach((raw, index) => raws.push({ index, raw }));
  }
  if (raws.length > MAX_ITEMS) throw new ApiError(413, 'too_many_items', `at most ${MAX_ITEMS} items per request (got ${raws.length}); use POST /v1/corpora for bulk`);
  const out: Parsed<T> = { valid: [], rejected: [] };
  for (const r of raws) {
    if (r.error) {
      out.rejected.push({ index: r.index, errors: [r.error] });
      continue;
    }
    const p = schema.safeParse(r.raw);
    if (p.success) out.valid.push({ index: r.index, value: p.data, raw: r.raw });
    else out.rejected.push({ index: r.index, errors: issues(p.error) });
  }
  return out;
}
