// --map "From=to,From2=to2": renames the columns of a real export to our field names before the
// record is validated. Unmapped columns keep their names; a column mapped away is not kept twice.
import { z } from 'zod';
import { unflatten } from './unflatten.js';

export type ColumnMap = ReadonlyMap<string, string>;

const pairSchema = z.tuple([z.string().trim().min(1), z.string().trim().min(1)]);

/** Parses "CustomerID=customerId,InvoiceNo=orderId" (whitespace around names ignored); `label` names the option in errors. */
export function parseColumnMap(spec: string | undefined, label = '--map'): ColumnMap {
  const map = new Map<string, string>();
  if (!spec) return map;
  for (const part of spec.split(',')) {
    if (!part.trim()) continue;
    const parsed = pairSchema.safeParse(part.split('='));
    if (!parsed.success) throw new Error(`${label}: "${part.trim()}" is not of the form From=to`);
    const [from, to] = parsed.data;
    if (map.has(from)) throw new Error(`${label}: column "${from}" is mapped twice`);
    map.set(from, to);
  }
  return map;
}

/** A new record with the mapped names; mapped targets win over same-named unmapped columns. */
export function applyColumnMap(record: Record<string, unknown>, map: ColumnMap): Record<string, unknown> {
  if (map.size === 0) return record;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!map.has(k)) out[k] = v;
  for (const [k, v] of Object.entries(record)) {
    const to = map.get(k);
    if (to !== undefined) out[to] = v;
  }
  return out;
}

/**
 * A record schema that first renames the export's columns and fills fields the export lacks (e.g. every
 * row of a tweet export is `channel: social`): values the record has win over the defaults. A target
 * with a dot ("retweet_count=social.shares") nests like a dotted CSV header. Errors then name our field.
 */
export function exportSchema<S extends z.ZodType>(schema: S, map: ColumnMap, defaults: Readonly<Record<string, unknown>> = {}): z.ZodType<z.output<S>> {
  if (map.size === 0 && Object.keys(defaults).length === 0) return schema as unknown as z.ZodType<z.output<S>>;
  return z.preprocess((raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
    const mapped = applyColumnMap(raw as Record<string, unknown>, map);
    const nested = [...map.values()].some((to) => to.includes('.')) ? unflatten(mapped as Record<string, string>) : mapped;
    return { ...defaults, ...nested };
  }, schema) as unknown as z.ZodType<z.output<S>>;
}
