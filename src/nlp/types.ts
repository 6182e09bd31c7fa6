// Shapes shared by every analyser: what one message's analysis looks like.
import type { Channel, Social } from '../schemas/interaction.js';

/** Plutchik's eight basic emotions, the order used everywhere (arrays, CSV columns). */
export const EMOTIONS = ['anger', 'anticipation', 'disgust', 'fear', 'joy', 'sadness', 'surprise', 'trust'] as const;
export type Emotion = (typeof EMOTIONS)[number];
export type EmotionScores = Record<Emotion, number>;

export const ADVOCACY_CLASSES = ['recommend', 'positive_no_rec', 'neutral', 'negative', 'incentivised'] as const;
export type AdvocacyClass = (typeof ADVOCACY_CLASSES)[number];

/** One cue match that an analyser relied on: what kind, and the (redacted) words. */
export interface Evidence {
  signal: string;
  phrase: string;
  /** true when the cue was negated ("I don't trust"): it then counts against its signal. */
  negated?: boolean;
}

/** The customer's own words of one interaction, after normalization and PII redaction. */
export interface NormalizedText {
  text: string;
  /** whose words these are: the customer's own, or an agent's report about the customer. */
  voice: 'customer' | 'agent_report';
  /** how many PII spans were replaced. */
  redactions: number;
}

export interface MessageAnalysis {
  id: string;
  customerId: string;
  channel: Channel;
  timestamp: string;
  /** word tokens in the customer's own text (0 when nothing was theirs). */
  words: number;
  /** compound sentiment, -1..1. */
  sentiment: number;
  emotions: EmotionScores;
  emotion: Emotion | 'neutral';
  /** relational signal id -> strength (>0); negated cues lower it, absent ids are 0. */
  signals: Record<string, number>;
  advocacy: AdvocacyClass;
  evidence: Evidence[];
  /** set when the text is not English (a language code, src/nlp/language.ts): it then carries no signals */
  language?: string;
  social?: Social;
  /** redacted customer text, only when the operator opted in to keep text. */
  text?: string;
}

export function zeroEmotions(): EmotionScores {
  return { anger: 0, anticipation: 0, disgust: 0, fear: 0, joy: 0, sadness: 0, surprise: 0, trust: 0 };
}
