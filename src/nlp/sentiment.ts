// Compound sentiment of a text, -1..1.
import type { TextDoc } from './document.js';

export function scoreSentiment(_doc: TextDoc): number {
  return 0;
}
