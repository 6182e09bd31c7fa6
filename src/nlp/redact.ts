// PII redaction: email addresses, phone numbers, card and bank numbers, IBANs, personal URLs -> typed placeholders.
// One compiled regex, one left-to-right pass; candidates are validated in the callback (Luhn, mod-97, digit counts)
// so order numbers ("PD-3254410"), dates, prices and times survive.

export interface Redacted {
  text: string;
  count: number;
}

export const PLACEHOLDERS = {
  email: '[EMAIL]',
  phone: '[PHONE]',
  card: '[CARD]',
  iban: '[IBAN]',
  account: '[ACCOUNT]',
  sortCode: '[SORTCODE]',
  url: '[URL]',
} as const;

// Each alternative is a named group so the callback knows what matched. Order matters only between
// alternatives that can start at the same position (the regex engine takes the leftmost match first).
const URL = String.raw`(?<url>\bhttps?:\/\/[^\s<>"'()]*[^\s<>"'().,;:!?])`;
const EMAIL = String.raw`(?<email>\b[A-Za-z0-9][\w.%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})`;
const IBAN = String.raw`(?<iban>\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b)`;
// Bank details are only recognisable by their label: a bare 8-digit number may be anything.
const SORT_CODE = String.raw`(?<sortLabel>\bsort[ -]?code\s*(?:is|:|-)?\s*)(?<sortCode>\d{2}[ -]?\d{2}[ -]?\d{2})(?!\d)`;
const ACCOUNT = String.raw`(?<accountLabel>\b(?:(?:bank )?account|acct|a\/c)\.?(?:\s*(?:no\.?|number|num|nr|#))?\s*(?:is|:|-)?\s*)(?<account>\d{2,}(?:[ -]?\d{2,}){0,4})(?![\d-]|[.,]\d)`;
const CARD = String.raw`(?<card>\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,7}|\d{4}[ -]?\d{6}[ -]?\d{5})`;
const PHONE_INTL = String.raw`(?<intl>(?:\+|\b00)[1-9]\d{0,2}(?:[ .-]?\(0\))?(?:[ .-]?\(?\d{1,5}\)?){1,5})`;
const PHONE_UK = String.raw`(?<uk>\(?0\d{2,4}\)?[ -]?\d{3,4}[ -]?\d{3,4})`;
const PHONE_US = String.raw`(?<us>(?:\b1[ .-])?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4})`;
// A bare run of digits is a phone number only when labelled as one ("my phone number is 8106028994");
// the label is checked in the callback so the regex does not try it at every position.
const BARE_DIGITS = String.raw`(?<bare>\d{9,15})`;
const PHONE_LABEL_BEFORE_RE =
  /\b(?:(?:tele)?phone|mobile|mob|cell|tel|landline|whatsapp|(?:call|text|reach|contact) me (?:on|at))(?: (?:no\.?|number|#))?(?: is)?\s*[:.-]?\s*$/i;
// Numbers must not be glued to a word, a price sign or a reference prefix ("PD-3254410", "£1,234", "v5.2").
const NUMBER = String.raw`(?<![\w£$€#/.-])(?:${CARD}|${PHONE_INTL}|${PHONE_UK}|${PHONE_US}|${BARE_DIGITS})(?![\w/]|[.,:]\d)`;

const OTHERS = `${IBAN}|${SORT_CODE}|${ACCOUNT}|${NUMBER}`;
// Scanning every word for an '@' costs more than all the rest together, so that alternative is only
// compiled into the variant used for texts that contain an '@'.
const PII_RE = new RegExp(`${URL}|${OTHERS}`, 'gi');
const PII_WITH_EMAIL_RE = new RegExp(`${URL}|${EMAIL}|${OTHERS}`, 'gi');
const PHONE_LABEL_WINDOW = 40;
// Most messages carry no digit, '@' or link: skip the big regex for them.
const MAYBE_PII_RE = /[\d@]|https?:/i;
const URL_PERSONAL_RE =
  /[?&;#](?:token|access_token|auth|key|api_?key|sig|signature|session|sessionid|sid|code|otp|email|uid|user|user_?id|customer|customer_?id|reset)=|@|%40|\/(?=[A-Za-z0-9_-]{20,}(?:[/?#]|$))(?=[A-Za-z_-]*\d)(?=\d*[A-Za-z])/i;

interface Groups {
  url?: string;
  email?: string;
  iban?: string;
  sortLabel?: string;
  sortCode?: string;
  accountLabel?: string;
  account?: string;
  card?: string;
  intl?: string;
  uk?: string;
  us?: string;
  bare?: string;
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Luhn checksum over the digits of s (separators ignored). */
export function luhnValid(s: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    let d = c - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** ISO 13616 mod-97 check; computed on the fly so no rearranged string is built. */
export function ibanValid(raw: string): boolean {
  const s = raw.replace(/ /g, '').toUpperCase();
  if (s.length < 15 || s.length > 34) return false;
  let rem = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt((k + 4) % s.length);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
    else return false;
  }
  return rem === 1;
}

export function redactPII(text: string): Redacted {
  if (!MAYBE_PII_RE.test(text)) return { text, count: 0 };
  let count = 0;
  const re = text.includes('@') ? PII_WITH_EMAIL_RE : PII_RE;
  const out = text.replace(re, (match: string, ...args: unknown[]) => {
    const g = args[args.length - 1] as Groups;
    const offset = args[args.length - 3] as number;
    let replacement: string | undefined;
    if (g.url !== undefined) {
      if (URL_PERSONAL_RE.test(g.url)) replacement = PLACEHOLDERS.url;
    } else if (g.email !== undefined) {
      replacement = PLACEHOLDERS.email;
    } else if (g.iban !== undefined) {
      if (ibanValid(g.iban)) replacement = PLACEHOLDERS.iban;
    } else if (g.sortCode !== undefined) {
      replacement = g.sortLabel + PLACEHOLDERS.sortCode;
    } else if (g.account !== undefined) {
      const n = countDigits(g.account);
      if (n >= 6 && n <= 12) replacement = g.accountLabel + PLACEHOLDERS.account;
    } else if (g.card !== undefined) {
      const n = countDigits(g.card);
      if (n >= 13 && n <= 19 && luhnValid(g.card)) replacement = PLACEHOLDERS.card;
      // The card shape also fits an international number dialled with 00 ("0044 7900 2486 01").
      else if (n <= 15 && /^00[1-9]/.test(g.card)) replacement = PLACEHOLDERS.phone;
    } else if (g.intl !== undefined) {
      const n = countDigits(g.intl);
      if (n >= 8 && n <= 15) replacement = PLACEHOLDERS.phone;
    } else if (g.uk !== undefined) {
      const n = countDigits(g.uk);
      if (n === 10 || n === 11) replacement = PLACEHOLDERS.phone;
    } else if (g.us !== undefined) {
      replacement = PLACEHOLDERS.phone;
    } else if (g.bare !== undefined) {
      if (PHONE_LABEL_BEFORE_RE.test(text.slice(Math.max(0, offset - PHONE_LABEL_WINDOW), offset))) replacement = PLACEHOLDERS.phone;
    }
    if (replacement === undefined) return match;
    count++;
    return replacement;
  });
  return { text: out, count };
}
