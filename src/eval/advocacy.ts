// `rapport eval advocacy <files...>`: classifyAdvocacy against labelled posts (NDJSON or CSV: text, label,
// optional channel, id, split). A file with a split column is scored on its `test` rows only.
import { basename } from 'node:path';
import { z } from 'zod';
import { readTextDoc } from '../nlp/document.js';
import { scoreSentiment } from '../nlp/sentiment.js';
import { classifyAdvocacy } from '../nlp/advocacy.js';
import { ADVOCACY_CLASSES, type AdvocacyClass } from '../nlp/types.js';
import { CHANNELS, type Interaction } from '../schemas/interaction.js';
import { detectFormat } from '../io/format.js';
import { openInput, readRecords } from '../io/read.js';
import { classificationMetrics, formatMetrics, type Metrics } from './metrics.js';
import type { EvalOptions, EvalReport } from './report.js';

/** CSV leaves optional cells empty: treat "" as absent. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

const PostSchema = z.object({
  text: z.string(),
  label: z.enum(ADVOCACY_CLASSES),
  channel: optional(z.enum(CHANNELS)),
  id: optional(z.coerce.string()),
  split: optional(z.string()),
});
type Post = z.output<typeof PostSchema>;

export interface AdvocacyScore {
  metrics: Metrics;
  /** incentivised posts the classifier called organic recommendations: must stay 0. */
  incentivisedAsRecommend: number;
  /** rows read but not scored (not in the test split). */
  skipped: number;
  errors: { id: string; gold: AdvocacyClass; predicted: AdvocacyClass }[];
}

async function readPosts(path: string): Promise<Post[]> {
  const input = await openInput(path);
  const posts: Post[] = [];
  for await (const item of readRecords(input.stream, PostSchema, detectFormat(path))) {
    if (!item.ok) throw new Error(`${input.label} line ${item.line}: ${item.reason}`);
    posts.push(item.value);
  }
  return posts;
}

/** What the analyser would see: the text's one TextDoc, the real sentiment scorer, and the channel. */
export function predict(post: Pick<Post, 'text' | 'channel' | 'id'>): AdvocacyClass {
  const doc = readTextDoc(post.text);
  const interaction: Interaction | undefined = post.channel && {
    id: post.id ?? 'eval',
    customerId: 'eval',
    channel: post.channel,
    timestamp: '1970-01-01T00:00:00Z',
    text: post.text,
  };
  return classifyAdvocacy(doc, scoreSentiment(doc), interaction);
}

export async function scoreAdvocacy(paths: string[]): Promise<AdvocacyScore> {
  const gold: AdvocacyClass[] = [];
  const predicted: AdvocacyClass[] = [];
  const errors: AdvocacyScore['errors'] = [];
  let skipped = 0;
  for (const path of paths) {
    const posts = await readPosts(path);
    const split = posts.some((p) => p.split !== undefined);
    posts.forEach((p, i) => {
      if (split && p.split !== 'test') {
        skipped++;
        return;
      }
      const guess = predict(p);
      gold.push(p.label);
      predicted.push(guess);
      if (guess !== p.label) errors.push({ id: p.id ?? `${basename(path)}#${i + 1}`, gold: p.label, predicted: guess });
    });
  }
  if (!gold.length) throw new Error(`eval advocacy: no posts to score in ${paths.join(', ')}`);
  let incentivisedAsRecommend = 0;
  gold.forEach((g, i) => {
    if (g === 'incentivised' && predicted[i] === 'recommend') incentivisedAsRecommend++;
  });
  return { metrics: classificationMetrics(gold, predicted, ADVOCACY_CLASSES), incentivisedAsRecommend, skipped, errors };
}

export async function evaluate(paths: string[], _options: EvalOptions): Promise<EvalReport> {
  if (!paths.length) throw new Error('eval advocacy: give one or more labelled files (text, label[, channel, id, split])');
  const score = await scoreAdvocacy(paths);
  const rec = score.metrics.perClass.find((c) => c.label === 'recommend');
  const lines = [
    formatMetrics(score.metrics, `advocacy: ${paths.map((p) => basename(p)).join(', ')}`),
    score.skipped ? `scored the test split only; ${score.skipped} dev rows not scored` : 'no split column: every row scored',
    `recommend: precision ${rec?.precision.toFixed(3)} recall ${rec?.recall.toFixed(3)} F1 ${rec?.f1.toFixed(3)}`,
    `incentivised predicted as recommend: ${score.incentivisedAsRecommend}`,
    // ids only: the posts' text stays out of the terminal (PII)
    `misclassified (${score.errors.length}): ${score.errors.map((e) => `${e.id} ${e.gold}->${e.predicted}`).join(', ') || 'none'}`,
    'headline: macro-F1 over the five advocacy classes',
  ];
  return { body: lines.join('\n'), macroF1: score.metrics.macroF1 };
}
