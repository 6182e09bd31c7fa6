// Reader of VADER's ground-truth files (Hutto & Gilbert 2014): TSV, CRLF, columns id, mean rating -4..4, text.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export const VaderRow = z.object({
  id: z.string().min(1),
  rating: z.string().trim().min(1).transform(Number).pipe(z.number().min(-4).max(4)),
  text: z.string(),
});
export type VaderRow = z.output<typeof VaderRow>;

export async function readVaderGroundTruth(path: string): Promise<VaderRow[]> {
  const raw = await readFile(path, 'utf8');
  const rows: VaderRow[] = [];
  raw.split(/\r?\n/).forEach((line, n) => {
    if (!line.trim()) return;
    const tab1 = line.indexOf('\t');
    const tab2 = tab1 < 0 ? -1 : line.indexOf('\t', tab1 + 1);
    if (tab2 < 0) throw new Error(`${path}:${n + 1}: expected 3 tab-separated columns (id, rating, text)`);
    // the text keeps any further tabs: it is everything after the second one
    const parsed = VaderRow.safeParse({ id: line.slice(0, tab1), rating: line.slice(tab1 + 1, tab2), text: line.slice(tab2 + 1) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${path}:${n + 1}: ${issue?.path.join('.') || 'row'}: ${issue?.message}`);
    }
    rows.push(parsed.data);
  });
  if (!rows.length) throw new Error(`${path}: no rows`);
  return rows;
}

/** The convention of the data's README (as in the VADER paper): rating/4, then > +0.05 positive, < -0.05 negative. */
export function polarity(score: number): 'positive' | 'negative' | 'neutral' {
  return score > 0.05 ? 'positive' : score < -0.05 ? 'negative' : 'neutral';
}
