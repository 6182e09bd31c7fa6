// --where column=value: keep only the records of an export that belong to the analysis, e.g. the
// customers' own tweets of a support corpus that also holds the brand's replies (`--where inbound=True`).
// Columns are the export's own names (before --map); a dotted name reads a nested field. Several
// conditions must all hold; one column given several times takes any of its values.
import { z } from 'zod';
import type { RecordFilter } from './read.js';

const conditionSchema = z.tuple([z.string().trim().min(1), z.string()]);

function valueAt(record: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(record, path)) return record[path];
  let node: unknown = record;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Parses repeated "column=value" conditions; undefined when none are given. */
export function parseWhere(specs: readonly string[] | undefined, label = '--where'): RecordFilter | undefined {
  if (!specs?.length) return undefined;
  const wanted = new Map<string, Set<string>>();
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const parsed = conditionSchema.safeParse(eq < 0 ? [spec] : [spec.slice(0, eq), spec.slice(eq + 1)]);
    if (!parsed.success) throw new Error(`${label}: "${spec}" is not of the form column=value`);
    const [column, value] = parsed.data;
    wanted.set(column, (wanted.get(column) ?? new Set()).add(value));
  }
  const conditions = [...wanted];
  return (record) =>
    conditions.every(([column, values]) => {
      const v = valueAt(record, column);
      return v !== undefined && v !== null && values.has(String(v));
    });
}
