// `rapport eval sentiment <files...>`: our analyser against VADER's human-rated ground truth, and with
// --compare the peer packages `sentiment` (AFINN-165) and `vader-sentiment` on the same texts, same run.
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { readTextDoc } from '../nlp/document.js';
import { scoreSentiment } from '../nlp/sentiment.js';
import { classificationMetrics, formatMetrics, type Metrics } from './metrics.js';
import type { EvalOptions, EvalReport } from './report.js';
import { polarity, readVaderGroundTruth } from './vader-data.js';
import { decodeCharacterReferences } from '../nlp/normalize.js';

const LABELS = ['negative', 'neutral', 'positive'] as const;

type Scorer = (text: string) => number;

// The peers ship CommonJS without type declarations: typed here at the one place they are loaded.
const require = createRequire(import.meta.url);
interface AfinnResult {
  score: number;
  comparative: number;
}
type AfinnCtor = new () => { analyze(text: string): AfinnResult };
interface VaderModule {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
}

function peers(): { name: string; score: Scorer }[] {
  const afinn = new (require('sentiment') as AfinnCtor)();
  const vader = require('vader-sentiment') as VaderModule;
  return [
    // AFINN's summed word score (-5..5 per word) through the same x/sqrt(x^2+15) as VADER and ours:
    // sign-preserving, so a text is positive iff its AFINN sum is. (`comparative`, the sum per token,
    // would mark long texts with one sentiment word neutral under the 0.05 cut.)
    { name: 'AFINN (sentiment)', score: (t) => normalize(afinn.analyze(t).score) },
    { name: 'VADER (vader-sentiment)', score: (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound },
  ];
}

function normalize(x: number): number {
  return x / Math.sqrt(x * x + 15);
}

const ours: Scorer = (text) => scoreSentiment(readTextDoc(text));

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

function sideBySide(title: string, tools: ToolScores[]): string {
  const w = Math.max(...tools.map((t) => t.tool.length)) + 2;
  const lines = [`-- ${title}: side by side`, pad('tool', w) + 'macro-F1  accuracy  F1 neg  F1 neu  F1 pos'];
  for (const { tool, metrics: m } of tools) {
    const f1 = m.perClass.map((c) => c.f1.toFixed(3).padStart(6)).join('  ');
    lines.push(pad(tool, w) + m.macroF1.toFixed(3).padStart(8) + m.accuracy.toFixed(3).padStart(10) + '  ' + f1);
  }
  return lines.join('\n');
}

export interface ToolScores {
  tool: string;
  metrics: Metrics;
}

export interface SentimentComparison {
  /** per file (in the order given), each tool's metrics; ours first */
  files: { file: string; tools: ToolScores[] }[];
  /** every text of every file pooled */
  overall: ToolScores[];
}

/** Scores ours (and the peers with `compare`) on VADER ground-truth files: the numbers behind the report. */
export async function compareOnGroundTruth(paths: string[], compare: boolean): Promise<SentimentComparison> {
  const tools = [{ name: 'rapport', score: ours }, ...(compare ? peers() : [])];
  const gold: string[] = [];
  const pooled: string[][] = tools.map(() => []);
  const files: SentimentComparison['files'] = [];
  for (const path of paths) {
    const rows = await readVaderGroundTruth(path);
    const fileGold = rows.map((r) => polarity(r.rating / 4));
    // every tool reads the text as the product's normalizer hands it on: "&lt;3" is "<3" (the tweets
    // file keeps Twitter's character references)
    const texts = rows.map((r) => decodeCharacterReferences(r.text));
    const scored = tools.map((t, k) => {
      const predicted = texts.map((text) => polarity(t.score(text)));
      pooled[k]!.push(...predicted);
      return { tool: t.name, metrics: classificationMetrics(fileGold, predicted, LABELS) };
    });
    files.push({ file: basename(path), tools: scored });
    gold.push(...fileGold);
  }
  const overall = tools.map((t, k) => ({ tool: t.name, metrics: classificationMetrics(gold, pooled[k]!, LABELS) }));
  return { files, overall };
}

/**
 * Per file and overall: confusion matrix and per-class P/R/F1 of ours (and of each peer with --compare).
 * The headline macro-F1 is ours over all files pooled (every text counts once), not a mean of files.
 */
export async function evaluate(paths: string[], options: EvalOptions): Promise<EvalReport> {
  if (!paths.length) throw new Error('eval sentiment: give one or more VADER ground-truth files (id, rating, text)');
  const { files, overall } = await compareOnGroundTruth(paths, options.compare === true);
  const sections: string[] = [];
  const section = (title: string, tools: ToolScores[]) => {
    for (const t of tools) sections.push(formatMetrics(t.metrics, `${title}: ${t.tool}`) + `\nmacro-F1 ${t.metrics.macroF1.toFixed(3)}`);
    if (tools.length > 1) sections.push(sideBySide(title, tools));
  };
  for (const f of files) section(f.file, f.tools);
  if (files.length > 1) section('all files pooled', overall);
  sections.push('headline: rapport macro-F1 over all texts pooled (3 classes; score > 0.05 positive, < -0.05 negative)');
  return { body: sections.join('\n\n'), macroF1: overall[0]!.metrics.macroF1 };
}
