// Raw channel text -> the customer's own words (quotes, signatures, agent turns stripped), PII redacted.
import type { Interaction } from '../schemas/interaction.js';
import type { NormalizedText } from './types.js';
import { redactPII } from './redact.js';
import { extractEmailText } from './email.js';
import { extractCustomerTurns } from './chat.js';
import { expandCallNote } from './call-note.js';

const WHITESPACE_RE = /\s+/g;

export function normalize(interaction: Interaction): NormalizedText {
  let text: string;
  switch (interaction.channel) {
    case 'email':
      text = extractEmailText(interaction.text, interaction.subject);
      break;
    case 'chat':
      text = extractCustomerTurns(interaction.text);
      break;
    case 'call_note':
      text = expandCallNote(interaction.text.trim());
      break;
    case 'social':
      // @mentions and #hashtags stay: they are signals (brand tagged, campaign joined).
      text = interaction.text.replace(WHITESPACE_RE, ' ').trim();
      break;
  }
  // Redact what is kept: the stripped parts are never stored, so the count is of PII the customer's text carried.
  const r = redactPII(text);
  return { text: r.text, voice: interaction.channel === 'call_note' ? 'agent_report' : 'customer', redactions: r.count };
}
