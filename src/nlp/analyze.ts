// analyze(): one interaction in, one MessageAnalysis out. Pure: no I/O after the lexicons load.
import type { Interaction } from '../schemas/interaction.js';
import { readTextDoc } from './document.js';
import { normalize } from './normalize.js';
import { scoreSentiment } from './sentiment.js';
import { scoreEmotions } from './emotions.js';
import { detectSignals } from './signals.js';
import { detectDefection } from './defection.js';
import { classifyAdvocacy } from './advocacy.js';
import { messageLanguage } from './language.js';
import { lexicalSignals } from './lexical.js';
import type { MessageAnalysis } from './types.js';

export interface AnalyzeOptions {
  /** keep the redacted customer text in the analysis (operator opt-in; off by default). */
  keepText?: boolean;
  /** fold the archetype model's lexical evidence (default on; off only while training that model) */
  lexical?: boolean;
}

const digit = (s: string, i: number) => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};
const num = (s: string, i: number, n: number) => {
  let v = 0;
  for (let k = i; k < i + n; k++) v = v * 10 + digit(s, k);
  return v;
};

/**
 * The timestamp as `new Date(t).toISOString()` writes it. Most inputs are already UTC ISO-8601
 * ("2025-02-11T19:42:10Z", with or without milliseconds) and a real calendar instant, which that call
 * only copies (or pads with ".000"), so those skip the Date; anything else (offsets, day 31 of April,
 * hour 24) goes through it.
 */
function isoTimestamp(t: string): string {
  const ms = t.length === 24;
  if ((ms || t.length === 20) && t[4] === '-' && t[7] === '-' && t[10] === 'T' && t[13] === ':' && t[16] === ':' && t[t.length - 1] === 'Z' && (!ms || (t[19] === '.' && num(t, 20, 3) >= 0))) {
    const year = num(t, 0, 4);
    const month = num(t, 5, 2);
    const day = num(t, 8, 2);
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
    if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= days && num(t, 11, 2) <= 23 && num(t, 14, 2) <= 59 && num(t, 17, 2) <= 59) {
      return ms ? t : `${t.slice(0, 19)}.000Z`;
    }
  }
  return new Date(t).toISOString();
}

export function analyze(interaction: Interaction, options: AnalyzeOptions = {}): MessageAnalysis {
  const normalized = normalize(interaction);
  const doc = readTextDoc(normalized.text);
  let words = 0;
  for (const t of doc.type) if (t === 'word') words++;
  const sentiment = scoreSentiment(doc);
  const { emotions, emotion } = scoreEmotions(doc);
  // the relational cues and the bag of words are English: other languages give no evidence (language.ts)
  const language = messageLanguage(doc, words);
  const { signals, evidence } = language === 'en' ? detectSignals(doc) : { signals: {}, evidence: [] };
  if (language === 'en') {
    if (options.lexical !== false) lexicalSignals(doc, signals);
    // a churn warning for the brief only: the archetype model does not read it (see defection.ts)
    const leaving = detectDefection(doc);
    if (leaving.length) {
      signals.defection = leaving.length;
      evidence.push(...leaving);
    }
  }
  const advocacy = classifyAdvocacy(doc, sentiment, interaction);
  const out: MessageAnalysis = {
    id: interaction.id,
    customerId: interaction.customerId,
    channel: interaction.channel,
    timestamp: isoTimestamp(interaction.timestamp),
    words,
    sentiment,
    emotions,
    emotion,
    signals,
    advocacy,
    evidence,
  };
  if (language !== 'en') out.language = language;
  if (interaction.social) out.social = interaction.social;
  if (options.keepText) out.text = normalized.text;
  return out;
}
