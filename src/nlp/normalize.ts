// Raw channel text -> the customer's own words (quotes, signatures, agent turns stripped), PII redacted.
import type { Interaction } from '../schemas/interaction.js';
import type { NormalizedText } from './types.js';
import { redactPII } from './redact.js';

export function normalize(interaction: Interaction): NormalizedText {
  const r = redactPII(interaction.text);
  return { text: r.text, voice: interaction.channel === 'call_note' ? 'agent_report' : 'customer', redactions: r.count };
}
