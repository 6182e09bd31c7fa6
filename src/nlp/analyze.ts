// analyze(): one interaction in, one MessageAnalysis out. Pure: no I/O after the lexicons load.
import type { Interaction } from '../schemas/interaction.js';
import { readTextDoc } from './document.js';
import { normalize } from './normalize.js';
import { scoreSentiment } from './sentiment.js';
import { scoreEmotions } from './emotions.js';
import { detectSignals } from './signals.js';
import { classifyAdvocacy } from './advocacy.js';
import { lexicalSignals } from './lexical.js';
import type { MessageAnalysis } from './types.js';

export interface AnalyzeOptions {
  /** keep the redacted customer text in the analysis (operator opt-in; off by default). */
  keepText?: boolean;
  /** fold the archetype model's lexical evidence (default on; off only while training that model) */
  lexical?: boolean;
}

export function analyze(interaction: Interaction, options: AnalyzeOptions = {}): MessageAnalysis {
  const normalized = normalize(interaction);
  const doc = readTextDoc(normalized.text);
  let words = 0;
  for (const t of doc.type) if (t === 'word') words++;
  const sentiment = scoreSentiment(doc);
  const { emotions, emotion } = scoreEmotions(doc);
  const { signals, evidence } = detectSignals(doc);
  if (options.lexical !== false) lexicalSignals(doc, signals);
  const advocacy = classifyAdvocacy(doc, sentiment, interaction);
  const out: MessageAnalysis = {
    id: interaction.id,
    customerId: interaction.customerId,
    channel: interaction.channel,
    timestamp: new Date(interaction.timestamp).toISOString(),
    words,
    sentiment,
    emotions,
    emotion,
    signals,
    advocacy,
    evidence,
  };
  if (interaction.social) out.social = interaction.social;
  if (options.keepText) out.text = normalized.text;
  return out;
}
