// Plutchik's eight emotions of a text, each 0..1, and the dominant one.
import type { TextDoc } from './document.js';
import { zeroEmotions, type Emotion, type EmotionScores } from './types.js';

export interface EmotionResult {
  emotions: EmotionScores;
  emotion: Emotion | 'neutral';
}

export function scoreEmotions(_doc: TextDoc): EmotionResult {
  return { emotions: zeroEmotions(), emotion: 'neutral' };
}
