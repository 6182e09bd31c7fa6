// Raw channel text -> the customer's own words (quotes, signatures, agent turns stripped), PII redacted.
import { decodeHTMLStrict } from 'entities';
import type { Interaction } from '../schemas/interaction.js';
import type { NormalizedText } from './types.js';
import { redactPII } from './redact.js';
import { extractEmailText } from './email.js';
import { extractCustomerTurns } from './chat.js';
import { expandCallNote } from './call-note.js';
import { extractOwnPostText } from './social.js';


/**
 * Exports of tweets and HTML mail carry character references ("AT&amp;T", "&lt;3", "&#39;"): read them as
 * the characters they stand for. Strict: only complete references with their semicolon, so a customer's
 * own "&notice" or "R&D" is left alone.
 */
export function decodeCharacterReferences(text: string): string {
  return text.includes('&') ? decodeHTMLStrict(text) : text;
}

export function normalize(interaction: Interaction): NormalizedText {
  const raw = decodeCharacterReferences(interaction.text);
  let text: string;
  switch (interaction.channel) {
    case 'email':
      text = extractEmailText(raw, interaction.subject === undefined ? undefined : decodeCharacterReferences(interaction.subject));
      break;
    case 'chat':
      text = extractCustomerTurns(raw);
      break;
    case 'call_note':
      text = expandCallNote(raw.trim());
      break;
    case 'social':
      text = extractOwnPostText(raw);
      break;
  }
  // Redact what is kept: the stripped parts are never stored, so the count is of PII the customer's text carried.
  const r = redactPII(text);
  return { text: r.text, voice: interaction.channel === 'call_note' ? 'agent_report' : 'customer', redactions: r.count };
}
