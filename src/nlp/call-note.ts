// Call note -> the agent's report with its shorthand written out ("Cx req'd refund w/ approx 2 wks delay"
// -> "customer requested refund with approximately 2 weeks delay"), so analysers read ordinary words.

// Only abbreviations with one reading in a service note; ambiguous ones (AM, PT, GM, c.) are left alone.
const EXPANSIONS: Record<string, string> = {
  cust: 'customer',
  custs: 'customers',
  cx: 'customer',
  cxs: 'customers',
  "cust's": "customer's",
  "cx's": "customer's",
  pls: 'please',
  plz: 'please',
  'w/': 'with',
  'w/o': 'without',
  'w/c': 'week commencing',
  're:': 'regarding',
  re: 'regarding',
  approx: 'approximately',
  acct: 'account',
  accts: 'accounts',
  'a/c': 'account',
  adv: 'advised',
  advsd: 'advised',
  req: 'request',
  "req'd": 'requested',
  reqd: 'requested',
  info: 'information',
  mgr: 'manager',
  ops: 'operations',
  mins: 'minutes',
  hrs: 'hours',
  wk: 'week',
  wks: 'weeks',
  yrs: 'years',
  yr: 'year',
  mths: 'months',
  mth: 'month',
  qtr: 'quarter',
  qtrly: 'quarterly',
  nfa: 'no further action',
  asap: 'as soon as possible',
  dd: 'direct debit',
  msg: 'message',
  appt: 'appointment',
  appts: 'appointments',
  tel: 'telephone',
  thx: 'thanks',
  'b/c': 'because',
  esp: 'especially',
  prev: 'previous',
  immed: 'immediately',
  poss: 'possible',
  incl: 'including',
  dept: 'department',
  amt: 'amount',
  bal: 'balance',
  tbc: 'to be confirmed',
  rm: 'room',
  std: 'standard',
  arr: 'arrived',
  ack: 'acknowledged',
  ackd: 'acknowledged',
  "ack'd": 'acknowledged',
  "t&cs": 'terms and conditions',
  "t&c": 'terms and conditions',
  cb: 'call back',
  canx: 'cancelled',
  "cx'd": 'cancelled',
};
// Shorthand that means something else in lower case ("dd/mm"): expand only when written in capitals.
const UPPERCASE_ONLY = new Set(['dd']);

const KEYS = Object.keys(EXPANSIONS)
  .sort((a, b) => b.length - a.length)
  .map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
// A key, then an optional abbreviation dot; not glued to a longer word ("re-issued", "customer").
const ABBREV_RE = new RegExp(String.raw`(?<![\w'&/-])(?:${KEYS.join('|')})(?![\w'&/-])(\.)?`, 'gi');

export function expandCallNote(text: string): string {
  return text.replace(ABBREV_RE, (match: string, dot: string | undefined, offset: number, whole: string) => {
    const word = dot ? match.slice(0, -1) : match;
    const key = word.toLowerCase();
    const expansion = EXPANSIONS[key];
    if (expansion === undefined) return match;
    if (UPPERCASE_ONLY.has(key) && word !== word.toUpperCase()) return match;
    // Keep the dot when it ends a sentence ("...for cust. Then"), drop it when it only marked the abbreviation.
    const next = whole.charAt(offset + match.length + 1);
    const keepDot = dot !== undefined && (next === '' || (next >= 'A' && next <= 'Z') || whole.charAt(offset + match.length) !== ' ');
    const cased = capitalise(word, whole, offset) ? expansion.charAt(0).toUpperCase() + expansion.slice(1) : expansion;
    return keepDot ? cased + '.' : cased;
  });
}

/** "Cx" -> "Customer"; an all-capitals acronym ("DD") only at the start of a sentence. */
function capitalise(word: string, whole: string, offset: number): boolean {
  const c = word.charAt(0);
  if (c === c.toLowerCase()) return false;
  if (word.length === 1 || word !== word.toUpperCase()) return true;
  return SENTENCE_START_RE.test(whole.slice(Math.max(0, offset - 3), offset));
}
const SENTENCE_START_RE = /(?:^|[.!?]\s+|\n\s*)$/;
