// --map "From=to,From2=to2": renames the columns of a real export to our field names before the
// record is validated. Unmapped columns keep their names; a column mapped away is not kept twice.
import { z } from 'zod';

export type ColumnMap = ReadonlyMap<string, string>;

const pairSchema = z.tuple([z.string().trim().min(1), z.string().trim().min(1)]);

/** Parses "CustomerID=customerId,InvoiceNo=orderId" (whitespace around names ignored). */
export function parseColumnMap(spec: string | undefined): ColumnMap {
  const map = new Map<string, string>();
  if (!spec) return map;
  for (const part of spec.split(',')) {
    if (!part.trim()) continue;
    const parsed = pairSchema.safeParse(part.split('='));
    if (!parsed.success) throw new Error(`--map: "${part.trim()}" is not of the form From=to`);
    const [from, to] = parsed.data;
    if (map.has(from)) throw new Error(`--map: column "${from}" is mapped twice`);
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
