// Email -> only the customer's new text: quoted thread, signature, sign-off name block and legal footer removed.
// Own line rules rather than a reply-parser package (email-reply-parser took ~300us per short quoted email
// and grew superlinearly on long lines; planer cut customer text at "From: <address>"): see the commit.
// Every regex is compiled once; each line is looked at a bounded number of times.

const LINE_SPLIT = /\r\n|\r|\n/;

// "On Mon, 3 Mar 2025 at 10:02, Brand <x@y> wrote:" and its translations. A date digit or an address
// must appear so that a customer's own "On Monday I wrote:" is not taken for a header.
const ON_WROTE_RE =
  /^(?:On|Le|Am|El|Il|Em|Op|Den|Dnia|W dniu)\s(?=.*[\d@]).{3,400}?(?:\bwrote|\ba écrit|\bécrit|\bschrieb|\bescribió|\bha scritto|\bescreveu|\bschreef|\bskrev|\bnapisał(?:\(a\))?|\bpisze)\b.{0,160}?\s*:$/i;
// "Brand Support <support@brand.example> wrote:"
const NAME_WROTE_RE = /^.{1,200}<[^<>\s]+@[^<>\s]+>\s*(?:wrote|schrieb|a écrit|escribió|skrev)\s*:$/i;
// Openers of a header that a mail client may have wrapped onto the following line(s).
const HEADER_OPENER_RE = /^(?:On|Le|Am|El|Il|Em|Op|Den|Dnia|W dniu)\s/;
const SEPARATOR_RE =
  /^(?:-{2,}\s*(?:original message|forwarded message|mensaje original|mensaje reenviado|message d'origine|message transféré|ursprüngliche nachricht|weitergeleitete nachricht|messaggio originale|messaggio inoltrato|oorspronkelijk bericht|doorgestuurd bericht)\s*-*|begin forwarded message\s*:?|_{10,})$/i;
// Outlook / forwarded header blocks: "From: X" followed by Sent/Subject (or any field when From has an address).
const FROM_FIELD_RE = /^\*?(?:From|De|Von|Van|Da|Från|Fra|Od)\s*:\*?\s*\S/i;
const STRONG_FIELD_RE =
  /^\*?(?:Sent|Subject|Envoyé|Objet|Gesendet|Betreff|Enviado|Asunto|Verzonden|Onderwerp|Inviato|Oggetto|Skickat|Ämne)\s*:/i;
const ANY_FIELD_RE = /^\*?(?:Sent|Date|To|Cc|Subject|Envoyé|À|Objet|Gesendet|An|Betreff|Enviado|Para|Asunto|Datum|Aan|Onderwerp|Inviato|Oggetto|Data|Skickat|Till|Ämne)\s*:/i;
const HAS_ADDRESS_RE = /@|<[^>]+>|\[mailto:/i;

const SIG_DELIMITER_RE = /^(?:-{2,4}|_{2,4}|—|–)$/;
const MOBILE_SIG_RE =
  /^(?:sent from (?:my )?[\w .'’-]{2,40}|sent (?:via|using|with) [\w .'’-]{2,40}|get outlook for [\w .'’-]{2,30}|envoyé de mon [\w .'’-]{2,30}|von meinem [\w .'’-]{2,30} gesendet|enviado desde mi [\w .'’-]{2,30}|verzonden (?:met|vanaf) mijn [\w .'’-]{2,30}|inviato da(?:l mio)? [\w .'’-]{2,30})$/i;
const FOOTER_RE =
  /\b(?:this|the) (?:e-?mail|message|communication|transmission)\b[^.]{0,80}?\b(?:is|are|may be|may contain|contains?)\s+(?:strictly\s+)?(?:confidential|privileged)|\b(?:content|contents|information) (?:of|in|contained in) this (?:e-?mail|message)\b|\bintended (?:solely |only )?for the (?:use of the )?(?:named |intended )?(?:addressee|recipient|individual)|\bif you (?:are not the intended|have received (?:this|it) in error|received (?:this|it) in error)|\b(?:registered|incorporated) in (?:england|scotland|wales|northern ireland|ireland)\b|\bauthori[sz]ed and regulated by\b|\bregistered (?:office|society|charity)\b|^(?:confidentiality|disclaimer)(?: notice)?\s*:|\bconsider the environment before printing/i;

const KISSES_EMOJI = String.raw`(?:\s+x{1,3})?[\s\p{Extended_Pictographic}\u{FE0F}\u{200D}]*`;
const CLOSING = String.raw`(?:(?:many |huge |big )?thanks(?: (?:again|so much|very much|a lot|in advance|all|both|everyone|for (?:your|the|all your) (?:help|time)))?|thank you(?: (?:again|so much|very much|in advance|for your (?:help|time)))?|thx|ta|cheers|best|best wishes|all the best|(?:best|kind|warm|warmest|kindest|many|with kind) regards|regards|rgds|with (?:thanks|best wishes|love)|yours(?: sincerely| faithfully| truly)?|sincerely|respectfully|love|lots of love|speak soon|take care|thanks (?:and|&) regards|with (?:gratitude|appreciation)|gracias|merci|danke|grazie|obrigad[oa]|saludos|cordialement|mit freundlichen gr(?:ü|ue)(?:ß|ss)en|viele gr(?:ü|ue)(?:ß|ss)e|met vriendelijke groet|groeten|pozdrawiam|dziękuję|hälsningar|mvh)`;
const CLOSING_RE = new RegExp(`^${CLOSING}(?<punct>\\s*[,.!]*)${KISSES_EMOJI}$`, 'iu');
const CLOSING_WITH_NAME_RE = new RegExp(`^${CLOSING}\\s*,\\s*(?<name>.+)$`, 'iu');
const NAME_RE = new RegExp(
  String.raw`^(?:x{1,3}\s+)?(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Sir|Dame|Rev)\.?\s+)?(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]*)(?:\s+\(\p{Lu}[\p{L}'’-]*\))?(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]*|de|da|van|von|der|den|la|le|del|di|du|bin|al)){0,2}(?:\s+(?=\p{Lu}[\p{L}]*\p{Lu})\p{L}{2,6})?` +
    KISSES_EMOJI +
    '$',
  'u',
);
// Single capitalised words that end a message without being a name.
const NOT_A_NAME = new Set(['yes', 'no', 'ok', 'okay', 'done', 'agreed', 'fine', 'sure', 'great', 'perfect', 'brilliant', 'help', 'please', 'sorry', 'noted', 'confirmed', 'urgent', 'again', 'never', 'now', 'today', 'asap', 'why', 'ps']);
// A phone, address, web or handle line, optionally labelled ("M: 07700 900771", "Account email: x@y.z").
const CONTACT_RE =
  /^(?:(?:t|m|p|f|e|w|tel|mob|mobile|phone|cell|fax|email|e-mail|web|direct|office)\.?\s*[:.]?\s*|[\p{L} .-]{1,25}:\s*)?(?:[+(\d][\d\s().\/-]{6,}\d|\S+@\S+\.\S+|(?:https?:\/\/|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:\/\S*)?|@[\w.]{2,})$/iu;
const TITLE_CONNECTORS = new Set(['and', '&', 'of', 'the', 'for', 'de', 'in', 'at', 'to', 'a', 'on', 'und', 'et', '|', '-', '–']);
const SENTENCE_END_RE = /[.!?)…\p{Extended_Pictographic}]\s*$/u;
const SIGNATURE_MAX_LINES = 8;
// Signature lines are short; the bound also keeps the regexes below off long paragraphs.
const SIGNATURE_LINE_MAX = 120;
const SENTENCE_LIKE_END_RE = /[?!:;]$|[^.]\.$/;
const COMPANY_ABBREV_END_RE = /\b(?:Ltd|Inc|Co|Eng|LLP|plc)\.$/i;
const SUBJECT_PREFIX_RE = /^\s*(?:(?:re|fwd?|aw|sv|vs|tr|wg)\s*(?:\[\d+\])?\s*:\s*)+/i;

/** The customer's new text of one email; the subject (without Re:/Fwd:) stands in when the body is empty. */
export function extractEmailText(text: string, subject?: string): string {
  const lines = dropThread(text.split(LINE_SPLIT));
  cutTail(lines);
  const closing = stripSignOff(lines);
  const body = joinLines(lines);
  if (body) return body;
  if (closing) return closing;
  return subject ? subject.replace(SUBJECT_PREFIX_RE, '').trim() : '';
}

/** Lines of the new text: '>' quotes dropped, everything from an unquoted original-message header on cut. */
function dropThread(lines: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = (lines[i] as string).trim();
    if (t.startsWith('>')) continue;
    const span = t ? headerSpan(lines, i, t) : 0;
    if (span > 0) {
      // With '>' quoting the customer may answer between quoted lines: keep reading, only the header goes.
      if (nextNonBlank(lines, i + span)?.startsWith('>')) {
        i += span - 1;
        continue;
      }
      break;
    }
    kept.push(lines[i] as string);
  }
  return kept;
}

/** How many lines the quote header starting at line i spans (0: not a header). */
function headerSpan(lines: string[], i: number, t: string): number {
  if (t.endsWith(':') && (ON_WROTE_RE.test(t) || NAME_WROTE_RE.test(t))) return 1;
  if (SEPARATOR_RE.test(t)) return 1;
  if (FROM_FIELD_RE.test(t) && fieldsFollow(lines, i, HAS_ADDRESS_RE.test(t))) return 1;
  if (HEADER_OPENER_RE.test(t)) {
    // Clients wrap long "On ... wrote:" lines; join up to two continuation lines.
    let joined = t;
    for (let k = 1; k <= 2 && i + k < lines.length; k++) {
      const next = (lines[i + k] as string).trim();
      if (!next) break;
      joined += ' ' + next;
      if (next.endsWith(':') && ON_WROTE_RE.test(joined)) return k + 1;
    }
  }
  return 0;
}

function fieldsFollow(lines: string[], i: number, fromHasAddress: boolean): boolean {
  for (let k = i + 1, seen = 0; k < lines.length && seen < 4; k++) {
    const t = (lines[k] as string).trim();
    if (!t) continue;
    seen++;
    if (STRONG_FIELD_RE.test(t)) return true;
    if (fromHasAddress && ANY_FIELD_RE.test(t)) return true;
  }
  return false;
}

function nextNonBlank(lines: string[], from: number): string | undefined {
  for (let k = from; k < lines.length; k++) {
    const t = (lines[k] as string).trim();
    if (t) return t;
  }
  return undefined;
}

/** Cut (in place) at a signature delimiter, a "Sent from my ..." line or a legal footer near the end. */
function cutTail(lines: string[]): void {
  let seenContent = false;
  for (let i = 0; i < lines.length; i++) {
    const t = (lines[i] as string).trim();
    if (!t) continue;
    if (seenContent && (SIG_DELIMITER_RE.test(t) || MOBILE_SIG_RE.test(t) || (FOOTER_RE.test(t) && onlyFurnitureAfter(lines, i)))) {
      lines.length = i;
      return;
    }
    seenContent = true;
  }
}

/**
 * A footer ends the message: after its paragraph come only more footer, signature or contact lines.
 * This keeps a customer's own "this email is confidential, please..." in the middle of a message.
 */
function onlyFurnitureAfter(lines: string[], i: number): boolean {
  let k = i + 1;
  while (k < lines.length && (lines[k] as string).trim() !== '') k++;
  for (; k < lines.length; k++) {
    const t = (lines[k] as string).trim();
    if (t && !FOOTER_RE.test(t) && !MOBILE_SIG_RE.test(t) && !SIG_DELIMITER_RE.test(t) && !isSignatureLine(t)) return false;
  }
  return true;
}

/**
 * Remove (in place) a trailing sign-off: a closing ("Thanks,", "Kind regards") and the name, title,
 * company and contact lines after it, or such a name block alone when it stands apart from the text.
 * Returns the closing line when it was the only thing written (so "Thanks" is not lost entirely).
 */
function stripSignOff(lines: string[]): string {
  let end = lines.length;
  while (end > 0 && (lines[end - 1] as string).trim() === '') end--;
  lines.length = end;
  let top = end; // first line of the candidate block
  let counted = 0;
  for (let i = end - 1; i >= 0 && counted <= SIGNATURE_MAX_LINES; i--) {
    const t = (lines[i] as string).trim();
    if (!t) continue;
    const closing = CLOSING_RE.exec(t);
    if (closing || isClosingWithName(t)) {
      // "Thank you." is a sentence the customer wrote; "Thanks," is a formula.
      const keep = closing !== null && /[.!]/.test(closing.groups?.punct ?? '');
      lines.length = keep ? i + 1 : i;
      return hasContent(lines) ? '' : t.replace(/[\s,]+$/, '');
    }
    if (!isSignatureLine(t)) break;
    top = i;
    counted++;
  }
  if (counted > SIGNATURE_MAX_LINES) return '';
  // The block starts at its first name or contact line that stands apart from the text above it
  // (a blank line, or the text above ends a sentence): "...any of it.\nKai", "...\n\nLinda Prior".
  for (let j = top; j < end; j++) {
    const t = (lines[j] as string).trim();
    if (!t || (!isName(t) && !CONTACT_RE.test(t))) continue;
    let above = j - 1;
    while (above >= 0 && (lines[above] as string).trim() === '') above--;
    if (above < 0) return ''; // the whole message looks like a name: leave it
    if (above < j - 1 || SENTENCE_END_RE.test(lines[above] as string)) {
      lines.length = j;
      return '';
    }
  }
  return '';
}

function isClosingWithName(t: string): boolean {
  const m = CLOSING_WITH_NAME_RE.exec(t);
  return m !== null && isName((m.groups?.name ?? '').trim());
}

function isName(t: string): boolean {
  if (!NAME_RE.test(t)) return false;
  return !NOT_A_NAME.has(t.replace(/[^\p{L}]/gu, '').toLowerCase());
}

function isSignatureLine(t: string): boolean {
  if (t.length > SIGNATURE_LINE_MAX) return false;
  if (t.includes('|')) {
    for (const part of t.split('|')) {
      const p = part.trim();
      if (p && !isName(p) && !CONTACT_RE.test(p) && !isTitleLike(p)) return false;
    }
    return true;
  }
  return isName(t) || CONTACT_RE.test(t) || isTitleLike(t);
}

/**
 * "Managing Director, Ashdown Property Group", "36 Station Road, Kettering NN15 5ZZ", "player ID 88213-LBD":
 * short, no sentence ending, capitalised words and numbers with at most one lowercase word.
 */
function isTitleLike(t: string): boolean {
  if (t.length > 70) return false;
  if (SENTENCE_LIKE_END_RE.test(t) && !COMPANY_ABBREV_END_RE.test(t)) return false;
  const words = t.split(/[\s,()/]+/);
  if (words.length > 9) return false;
  let capitalised = 0;
  let lower = 0;
  for (const w of words) {
    if (!w || TITLE_CONNECTORS.has(w.toLowerCase())) continue;
    const c = w.charAt(0);
    if (c >= '0' && c <= '9') continue;
    if (c.toLowerCase() === c) lower++;
    else capitalised++;
  }
  return capitalised > 0 && lower <= 1;
}

function hasContent(lines: string[]): boolean {
  for (const l of lines) if (l.trim()) return true;
  return false;
}

/** Trailing spaces off, runs of blank lines to one, ends trimmed. */
function joinLines(lines: string[]): string {
  let out = '';
  let blank = false;
  for (const line of lines) {
    const t = line.trimEnd();
    if (!t) {
      blank = out.length > 0;
      continue;
    }
    out += out ? (blank ? '\n\n' : '\n') + t : t;
    blank = false;
  }
  return out;
}
