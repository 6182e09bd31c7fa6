// Chat transcript -> the customer's turns only, one per line. Speakers are read from "Name:" prefixes
// (an optional timestamp may lead); lines without a prefix continue the previous turn.

const TIMESTAMP = String.raw`(?:\[[^\]\n]{1,40}\]|\(\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\)|(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?=\s))`;
// [time] Label [time]: text   — the label is at most five words and holds no sentence punctuation.
const TURN_RE = new RegExp(
  String.raw`^\s*(?:${TIMESTAMP}\s*(?:[-–|]\s*)?)?(?:[-–•*]\s*)?(?<label>[\p{L}][\p{L}\p{N} .'’&()_-]{0,40}?)\s*(?:${TIMESTAMP})?\s*[:：]\s*(?<text>.*)$`,
  'iu',
);
const TIMESTAMP_ONLY_RE = new RegExp(String.raw`^\s*${TIMESTAMP}\s*$`, 'iu');

const AGENT_LABEL_RE =
  /\b(?:agent|bot|chat ?bot|virtual assistant|assistant|support|advis[eo]r|representative|rep|operator|staff|team|help ?desk|service|care|concierge|specialist|moderator|admin|system|automated|auto-?reply|ai)\b/i;
const CUSTOMER_LABEL_RE =
  /^(?:customer|client|you|me|user|visitor|guest|member|caller|buyer|shopper|patient|tenant|policyholder|end user)\b/i;
// Words that end in ':' inside a turn ("Order number: 123", "PS: ...") and so are not speakers.
const NOT_A_SPEAKER = new Set([
  'note', 'notes', 'ps', 'p.s', 'pps', 're', 'subject', 'address', 'reason', 'update', 'edit', 'ref', 'reference',
  'tel', 'phone', 'mobile', 'email', 'e-mail', 'date', 'time', 'total', 'price', 'cost', 'order', 'tracking', 'step',
  'question', 'answer', 'example', 'warning', 'error', 'tip', 'important', 'url', 'link', 'status', 'issue', 'problem',
  'summary', 'details', 'name', 'account', 'postcode', 'location', 'item', 'product', 'size', 'colour', 'color',
  'quantity', 'amount', 'balance', 'booking', 'policy', 'invoice', 'ticket', 'case', 'fyi', 'nb', 'also', 'and', 'but',
  'so', 'then', 'ok', 'okay', 'yes', 'no', 'hi', 'hello', 'thanks', 'result', 'results', 'expected', 'actual',
  'steps', 'option', 'options', 'pros', 'cons', 'dear', 'from', 'to', 'sent', 'cc', 'monday', 'tuesday', 'wednesday',
  'thursday', 'friday', 'saturday', 'sunday', 'today', 'tomorrow', 'yesterday', 'tonight', 'morning', 'afternoon',
  'evening', 'weekday', 'weekdays', 'weekend', 'weekends', 'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
]);
// A speaker label not naming a role must look like a name: one to three capitalised words.
const NAME_LABEL_RE = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}$/u;
// "--- Chat started ---", "*** Rhona has joined the chat ***": transcript furniture, nobody's words.
const SYSTEM_LINE_RE =
  /^\s*(?:\[[^\]]*\]\s*)?(?:[-=*~—]{2,}.*|.*\b(?:has (?:joined|left)|joined the (?:chat|conversation)|left the (?:chat|conversation)|chat (?:started|ended|transferred|closed)|conversation (?:started|ended|closed|transferred)|transferred (?:you )?to)\b.*)$/i;
// What agents say and customers do not, and the reverse; used only to tell unlabelled names apart.
const AGENT_CUE_RE =
  /\b(?:how (?:can|may) (?:i|we) help|thanks? (?:you )?for (?:contacting|reaching out|getting in touch|your patience|waiting|holding)|you(?:'re| are) (?:speaking|chatting) (?:with|to)|welcome to|is there anything else|anything else i can|i can see (?:your|the|that)|let me (?:check|look|connect|transfer)|i(?:'ve| have) (?:credited|refunded|sent|raised|escalated|updated|booked|arranged|added|issued|processed)|your (?:order|account|booking|parcel|refund|request|ticket|membership|policy) (?:has|is|was|will)|apologi[sz]e for|have a (?:great|good|lovely|nice) (?:day|evening|weekend)|bear with me)\b/gi;
const CUSTOMER_CUE_RE =
  /\b(?:my (?:order|account|parcel|delivery|card|refund|booking|membership|policy|bill|subscription|package)|i (?:ordered|bought|paid|was charged|haven't received|never received)|where is my|i(?:'d| would) like to (?:cancel|return|change|complain))\b/gi;

type Role = 'agent' | 'customer' | 'system' | 'unknown';

interface Turn {
  speaker: string;
  lines: string[];
}

/** The customer's turns joined with newlines; the whole text when no line names a speaker. */
export function extractCustomerTurns(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  const turns: Turn[] = [];
  const roles = new Map<string, Role>();
  let current: Turn | undefined;
  for (const line of lines) {
    const t = line.trim();
    if (!t || TIMESTAMP_ONLY_RE.test(t)) continue;
    if (SYSTEM_LINE_RE.test(t)) {
      current = undefined;
      continue;
    }
    const m = TURN_RE.exec(t);
    const label = m?.groups?.label?.trim();
    if (label && isSpeaker(label, roles)) {
      const speaker = label.toLowerCase();
      if (!roles.has(speaker)) roles.set(speaker, roleOf(label));
      current = { speaker, lines: [] };
      turns.push(current);
      const said = (m?.groups?.text ?? '').trim();
      if (said) current.lines.push(said);
    } else if (current) {
      current.lines.push(t);
    }
    // Lines before the first speaker are a transcript header ("Chat with Pawdock, 3 March"): nobody's words.
  }
  if (turns.length === 0) return lines.map((l) => l.trim()).filter(Boolean).join('\n');
  resolveUnknown(turns, roles);
  const out: string[] = [];
  for (const turn of turns) if (roles.get(turn.speaker) === 'customer') out.push(...turn.lines);
  return out.join('\n');
}

function isSpeaker(label: string, roles: Map<string, Role>): boolean {
  const key = label.toLowerCase();
  if (roles.has(key)) return true;
  if (NOT_A_SPEAKER.has(key.split(/[\s(]/, 1)[0] as string)) return false;
  if (label.split(/\s+/).length <= 4 && (AGENT_LABEL_RE.test(label) || CUSTOMER_LABEL_RE.test(label))) return true;
  return NAME_LABEL_RE.test(label);
}

function roleOf(label: string): Role {
  if (/^system\b/i.test(label)) return 'system';
  if (AGENT_LABEL_RE.test(label)) return 'agent';
  if (CUSTOMER_LABEL_RE.test(label)) return 'customer';
  return 'unknown';
}

/**
 * Give every name label a role. With a labelled customer, other names are staff; with labelled staff,
 * names are the customer unless they talk like an agent; with names only, the one who talks most
 * like an agent (or, on a tie, speaks first) is the agent.
 */
function resolveUnknown(turns: Turn[], roles: Map<string, Role>): void {
  const unknown: string[] = [];
  let hasCustomer = false;
  let hasAgent = false;
  for (const [speaker, role] of roles) {
    if (role === 'unknown') unknown.push(speaker);
    else if (role === 'customer') hasCustomer = true;
    else if (role === 'agent') hasAgent = true;
  }
  if (unknown.length === 0) return;
  if (hasCustomer) {
    for (const s of unknown) roles.set(s, 'agent');
    return;
  }
  if (unknown.length === 1 && !hasAgent) {
    roles.set(unknown[0] as string, 'customer');
    return;
  }
  const agentText = hasAgent ? turns.filter((t) => roles.get(t.speaker) === 'agent').map((t) => t.lines.join(' ')).join('\n').toLowerCase() : '';
  const score = new Map<string, number>();
  for (const s of unknown) score.set(s, (addressedBy(agentText, s) ? 2 : 0));
  for (const t of turns) {
    const sc = score.get(t.speaker);
    if (sc === undefined) continue;
    let delta = 0;
    for (const l of t.lines) delta += countMatches(CUSTOMER_CUE_RE, l) - countMatches(AGENT_CUE_RE, l);
    score.set(t.speaker, sc + delta);
  }
  if (hasAgent) {
    for (const s of unknown) roles.set(s, (score.get(s) as number) < 0 ? 'agent' : 'customer');
    return;
  }
  // Names only: unknown is in order of first appearance, so a tie goes to the first speaker.
  let agent = unknown[0] as string;
  for (const s of unknown) if ((score.get(s) as number) < (score.get(agent) as number)) agent = s;
  for (const s of unknown) roles.set(s, s === agent ? 'agent' : 'customer');
}

const VOCATIVES = ['hi ', 'hello ', 'hey ', 'dear ', 'thanks ', 'thank you ', 'morning ', 'afternoon ', 'evening '];

/** Does staff text greet this name ("Hi Anjali, zone 3 is...")? Then the name is the customer. */
function addressedBy(agentText: string, speaker: string): boolean {
  if (!agentText) return false;
  const name = speaker.split(/[\s(]/, 1)[0] as string;
  for (const v of VOCATIVES) {
    let at = agentText.indexOf(v + name);
    while (at >= 0) {
      const after = agentText.charCodeAt(at + v.length + name.length);
      if (Number.isNaN(after) || !/[\p{L}\p{N}]/u.test(String.fromCharCode(after))) return true;
      at = agentText.indexOf(v + name, at + 1);
    }
  }
  return false;
}

function countMatches(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(s) !== null) n++;
  return n;
}
