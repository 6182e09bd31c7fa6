// A profile flattened to one CSV row for spreadsheets: scalar columns, lists joined with " | ".
import { EMOTIONS } from '../nlp/types.js';
import { ARCHETYPES, INSUFFICIENT, type Profile } from '../profile/types.js';
import { csvRow, type Cell } from './csv.js';

const LABELS = [...ARCHETYPES, INSUFFICIENT];
const join = (items: readonly string[] | undefined) => (items ?? []).join(' | ');

/** Segment columns are named segment_<name>; the caller passes every name any profile will carry. */
export function profileCsvHeader(segmentNames: readonly string[]): string {
  return csvRow([
    'customerId',
    'archetype',
    'confidence',
    ...LABELS.map((l) => `score_${l}`),
    'sentiment_mean',
    'sentiment_last',
    'sentiment_trend',
    'sentiment_n',
    ...EMOTIONS.map((e) => `emotion_${e}`),
    'recommender_score',
    'recommender_tier',
    'interactions',
    'first_interaction',
    'last_interaction',
    ...segmentNames.map((s) => `segment_${s}`),
    'evidence',
    'playbook_do',
    'playbook_dont',
  ]);
}

export function profileCsvRow(p: Profile, segmentNames: readonly string[]): string {
  const cells: Cell[] = [
    p.customerId,
    p.archetype.primary,
    p.archetype.confidence,
    ...LABELS.map((l) => p.archetype.scores[l] ?? 0),
    p.sentiment.mean,
    p.sentiment.last,
    p.sentiment.trend,
    p.sentiment.n,
    ...EMOTIONS.map((e) => p.emotions[e]),
    p.recommender.score,
    p.recommender.tier,
    p.interactions.total,
    p.interactions.first,
    p.interactions.last,
    ...segmentNames.map((s) => p.segments[s]),
    join(p.archetype.evidence),
    join(p.playbook?.do),
    join(p.playbook?.dont),
  ];
  return csvRow(cells);
}
