// `rapport eval emotions`: the dominant emotion of single-label GoEmotions-Ekman texts, 7 classes, macro-F1.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { readTextDoc } from '../nlp/document.js';
import { scoreEmotions } from '../nlp/emotions.js';
import { classificationMetrics, formatMetrics } from './metrics.js';
import type { EvalOptions, EvalReport } from './report.js';

/** labels.txt of the GoEmotions-Ekman grouping, in index order. */
export const EKMAN_LABELS = ['anger', 'disgust', 'fear', 'joy', 'neutral', 'sadness', 'surprise'] as const;
export type EkmanLabel = (typeof EKMAN_LABELS)[number];

export interface EkmanRow {
  text: string;
  labels: EkmanLabel[];
  id: string;
}

const Row = z.tuple([
  z.string().min(1, 'text is empty'),
  z
    .string()
    .regex(/^[0-6](,[0-6])*$/, 'labels must be comma-separated indices 0..6')
    .transform((s) => [...new Set(s.split(',').map((i) => EKMAN_LABELS[Number(i)] as EkmanLabel))]),
  z.string(),
]);

/** Parses a GoEmotions-Ekman TSV (text, label indices, comment id); errors name the file, line and field. */
export function parseEkmanTsv(content: string, source: string): EkmanRow[] {
  const rows: EkmanRow[] = [];
  const lines = content.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = Row.safeParse(line.split('\t'));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = ['text', 'labels', 'id'][Number(issue?.path[0])] ?? 'columns';
      throw new Error(`${source}:${i + 1}: ${field}: ${issue?.message}`);
    }
    const [text, labels, id] = parsed.data;
    rows.push({ text, labels, id });
  });
  return rows;
}

export async function readEkmanTsv(path: string): Promise<EkmanRow[]> {
  return parseEkmanTsv(await readFile(path, 'utf8'), path);
}

/** Our Plutchik label on the Ekman scale: trust and anticipation are joy's neighbours (GoEmotions files approval and optimism under joy). */
function toEkman(emotion: string): EkmanLabel {
  return emotion === 'trust' || emotion === 'anticipation' ? 'joy' : (emotion as EkmanLabel);
}

export async function evaluate(paths: string[], _options: EvalOptions): Promise<EvalReport> {
  if (!paths.length) throw new Error('eval emotions needs at least one GoEmotions-Ekman TSV file');
  const gold: string[] = [];
  const predicted: string[] = [];
  let skipped = 0;
  for (const path of paths) {
    for (const row of await readEkmanTsv(path)) {
      // one gold label only: a dominant emotion cannot be right or wrong against two
      if (row.labels.length !== 1) {
        skipped++;
        continue;
      }
      gold.push(row.labels[0] as string);
      predicted.push(toEkman(scoreEmotions(readTextDoc(row.text)).emotion));
    }
  }
  const metrics = classificationMetrics(gold, predicted, EKMAN_LABELS);
  const body = [
    formatMetrics(metrics, `emotions: dominant emotion on single-label texts of ${paths.join(', ')}`),
    `(${skipped} multi-label texts skipped; trust and anticipation counted as joy)`,
  ].join('\n');
  return { body, macroF1: metrics.macroF1 };
}
