// Advocacy class of one message: recommend | positive_no_rec | neutral | negative | incentivised.
// Cue phrases (lexicons/advocacy.json) carry the recommend and incentivised decisions; the polarity of
// what is left comes from the sentiment score plus the lexicon's praise/complaint words.
import { z } from 'zod';
import { loadLexicon } from './lexicon.js';
import type { TextDoc, CueMatch } from './document.js';
import type { AdvocacyClass } from './types.js';
import type { Interaction } from '../schemas/interaction.js';

/** Cue groups the classifier reads; other groups (ask, suggest, heard) only keep 'recommend' from matching. */
const USED_GROUPS = ['recommend', 'imperative', 'directive', 'cannot', 'anti', 'rebuke', 'sarcasm', 'conditional', 'incentive', 'organic'] as const;

const Words = z.array(z.string().min(1)).min(1);
const Polar = z.object({ praise: Words, complaint: Words });

const AdvocacyLexiconSchema = z.object({
  /** cue group -> wink patterns; groups are read by classifyAdvocacy. */
  cues: z
    .record(z.string(), z.array(z.string()).min(1))
    .refine((c) => USED_GROUPS.every((g) => g in c), { error: `cues must define the groups ${USED_GROUPS.join(', ')}` }),
  /** words right after "can't recommend ..." that turn it into praise ("can't recommend them enough"). */
  cannotReversers: Words,
  /**
   * wink keeps one cue per token across every lexicon, so another lexicon may claim "I'd recommend":
   * such recommend words are judged here from their neighbours instead.
   */
  recommendFallback: z.object({ words: Words, heardBefore: Words, suggestAfter: Words, suggestAfterYou: Words }),
  /** hashtags are matched on the token (wink hands them to patterns as HASHTAG only). */
  hashtags: Polar.extend({ incentive: Words, organic: Words }),
  /** a hashtag ending in one of these is a disclosure too: #brandpartner, #xyzambassador. */
  incentiveTagEndings: Words,
  /** words that disclose a paid post when they stand as a label: "Ad |", "(ad)", "Sponsored:". */
  disclosures: Words,
  words: Polar,
  emoji: Polar,
  /** words that may precede an imperative at the start of a clause: "just get one", "seriously, try it". */
  clauseLeads: Words,
  polarity: z.object({ cueWeight: z.number().positive(), threshold: z.number().nonnegative() }),
});
export type AdvocacyLexicon = z.output<typeof AdvocacyLexiconSchema>;

let lexicon: AdvocacyLexicon | undefined;
export function advocacyLexicon(): AdvocacyLexicon {
  return (lexicon ??= loadLexicon('advocacy.json', AdvocacyLexiconSchema));
}

interface Rules {
  reversers: Set<string>;
  recWords: Set<string>;
  heardBefore: Set<string>;
  suggestAfter: Set<string>;
  suggestAfterYou: Set<string>;
  tagIncentive: Set<string>;
  tagOrganic: Set<string>;
  tagPraise: Set<string>;
  tagComplaint: Set<string>;
  tagEndings: string[];
  disclosures: Set<string>;
  praise: Set<string>;
  complaint: Set<string>;
  emojiPraise: Set<string>;
  emojiComplaint: Set<string>;
  leads: Set<string>;
  cueWeight: number;
  threshold: number;
}

let rules: Rules | undefined;
function compiled(): Rules {
  if (rules) return rules;
  const l = advocacyLexicon();
  const lower = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));
  return (rules = {
    reversers: lower(l.cannotReversers),
    recWords: lower(l.recommendFallback.words),
    heardBefore: lower(l.recommendFallback.heardBefore),
    suggestAfter: lower(l.recommendFallback.suggestAfter),
    suggestAfterYou: lower(l.recommendFallback.suggestAfterYou),
    tagIncentive: lower(l.hashtags.incentive),
    tagOrganic: lower(l.hashtags.organic),
    tagPraise: lower(l.hashtags.praise),
    tagComplaint: lower(l.hashtags.complaint),
    tagEndings: l.incentiveTagEndings.map((x) => x.toLowerCase()),
    disclosures: lower(l.disclosures),
    praise: lower(l.words.praise),
    complaint: lower(l.words.complaint),
    emojiPraise: new Set(l.emoji.praise),
    emojiComplaint: new Set(l.emoji.complaint),
    leads: lower(l.clauseLeads),
    cueWeight: l.polarity.cueWeight,
    threshold: l.polarity.threshold,
  });
}

const PREFIX = 'advocacy:';
// per-sentence flags
const QUESTION = 1;
const COMPLAINT = 2;
const SARCASM = 4;
const CONDITIONAL = 8;
/** how far after "can't recommend" a reverser may sit: "can't recommend Riverbend Vets highly enough". */
const REVERSER_REACH = 5;
const LABEL_BEFORE = new Set(['(', '[']);
const LABEL_AFTER = new Set(['|', ':', ')', ']', '-', '–', '—']);
const NEGATORS = new Set(['not', 'never', 'no']);

/** "Ad |", "(ad)", "ad:", "Sponsored -" or a post of that word alone: the word labels the post rather than saying something. */
function isLabel(doc: TextDoc, i: number): boolean {
  const before = doc.normal[i - 1];
  const after = doc.normal[i + 1];
  // a word alone at the very end ("... loving it ad") is too rare a label to outweigh "this ad" / "that ad"
  return (before !== undefined && LABEL_BEFORE.has(before)) || (after !== undefined && LABEL_AFTER.has(after)) || (i === 0 && after === undefined);
}

function incentiveTag(tag: string, r: Rules): boolean {
  if (r.tagIncentive.has(tag)) return true;
  for (const end of r.tagEndings) if (tag.length > end.length + 2 && tag.endsWith(end)) return true;
  return false;
}

/** An imperative counts only where a clause starts: "Get one.", "..., go to Tito's", "seriously just try it". */
function atClauseStart(doc: TextDoc, start: number, r: Rules): boolean {
  let j = start - 1;
  while (j >= 0 && doc.type[j] === 'word' && r.leads.has(doc.normal[j] as string)) j--;
  if (j < 0 || doc.sentence[j] !== doc.sentence[start]) return true;
  const t = doc.type[j];
  return t !== 'word' && t !== 'number';
}

/** "Don't go get one": wink's negation scope covers the cue, and the cue is not itself a negated phrase. */
function negatedCue(doc: TextDoc, c: CueMatch): boolean {
  if (!doc.negated[c.start]) return false;
  for (let i = c.start; i <= c.end; i++) if (NEGATORS.has(doc.normal[i] as string)) return false;
  return true;
}

/** The previous / next word token of i within its sentence, or undefined. */
function wordAt(doc: TextDoc, i: number, step: 1 | -1): number | undefined {
  const s = doc.sentence[i];
  for (let j = i + step; j >= 0 && j < doc.normal.length && doc.sentence[j] === s; j += step) if (doc.type[j] === 'word') return j;
  return undefined;
}

function inAdvocacyCue(doc: TextDoc, i: number): boolean {
  for (const c of doc.cues) if (c.start <= i && i <= c.end && c.name.startsWith(PREFIX)) return true;
  return false;
}

/**
 * A recommend word no advocacy cue covers (another lexicon claimed it): +1 a recommendation, -1 a negated
 * one, 0 when it is someone else's ("my friend recommended") or advice to the company ("recommend adding").
 */
function looseRecommend(doc: TextDoc, i: number, r: Rules): -1 | 0 | 1 {
  if (inAdvocacyCue(doc, i)) return 0;
  const prev = wordAt(doc, i, -1);
  if (prev !== undefined && r.heardBefore.has(doc.normal[prev] as string)) return 0;
  const next = wordAt(doc, i, 1);
  if (next !== undefined) {
    const w = doc.normal[next] as string;
    if (r.suggestAfter.has(w)) return 0;
    const after = w === 'you' ? wordAt(doc, next, 1) : undefined;
    if (after !== undefined && r.suggestAfterYou.has(doc.normal[after] as string)) return 0;
  }
  return doc.negated[i] || (prev !== undefined && NEGATORS.has(doc.normal[prev] as string)) ? -1 : 1;
}

const SECOND_PERSON = new Set(['you', "y'all", 'yall']);
const SUBJECT_VERBS = new Set(['is', 'was', 'has', 'had', 'does']);

/**
 * Whether the text speaks to the company itself, so that an imperative or "you should ..." is addressed to
 * it rather than to other people: a private channel (email, chat, call note), or a public post that opens
 * by mentioning one account only (a reply to, or a tweet at, the brand's account).
 */
function addressedToCompany(doc: TextDoc, interaction?: Interaction): boolean {
  if (interaction && interaction.channel !== 'social') return true;
  // "@Brand is running a contest": the account is the subject of a broadcast, not the one spoken to
  return doc.type[0] === 'mention' && doc.type[1] !== 'mention' && !SUBJECT_VERBS.has(doc.normal[1] ?? '');
}

/** Whether the text names a brand, product or place at all: an @mention, a hashtag, or a proper noun. */
function namesSomething(doc: TextDoc): boolean {
  for (let i = 0; i < doc.normal.length; i++) if (doc.type[i] === 'mention' || doc.type[i] === 'hashtag' || doc.pos[i] === 'PROPN') return true;
  return false;
}

const TELL = new Set(['tell', 'tells', 'telling', 'told']);
const FIRST_PERSON = new Set(['i', 'we']);
const OTHER_SUBJECTS = new Set(['he', 'she', 'they', 'you', 'it', 'someone', 'somebody', 'nobody']);

/**
 * "I told everyone", "Tell your friends!": the writer does the telling. "An agent was telling people the
 * flight is full" or "you're telling everyone else" reports someone else. The nearest subject before the
 * verb decides: a first person is the writer, another pronoun or a noun is not; with none it is an
 * imperative, which tells readers to spread the word unless it is said to the company ("just tell people
 * when the upgrade clears").
 */
function writerTells(doc: TextDoc, at: number, toCompany: boolean): boolean {
  for (let j = at - 1; j >= 0 && doc.sentence[j] === doc.sentence[at]; j--) {
    const w = doc.normal[j] as string;
    if (FIRST_PERSON.has(w)) return true;
    if (OTHER_SUBJECTS.has(w) || doc.pos[j] === 'NOUN' || doc.pos[j] === 'PROPN') return false;
  }
  return !toCompany;
}

/**
 * A recommend word that is advice, not word of mouth: someone else's ("recommended to arrive early", "as
 * recommended", "like recommended"), or, said to the company, a suggestion to it ("recommend your airline
 * learns to ...", "I recommend upgrading your IVR").
 */
function adviceNotAdvocacy(doc: TextDoc, c: CueMatch, toCompany: boolean): boolean {
  if (!(doc.normal[c.end] as string).startsWith('recommend')) return false;
  const next = wordAt(doc, c.end, 1);
  const prev = wordAt(doc, c.start, -1);
  if (prev !== undefined && (doc.normal[prev] === 'as' || doc.normal[prev] === 'like')) return true;
  if (next === undefined) return false;
  const w = doc.normal[next] as string;
  const after = wordAt(doc, next, 1);
  if (w === 'to' && after !== undefined && (doc.pos[after] === 'VERB' || doc.normal[after] === 'not')) return true;
  if (!toCompany || (w !== 'your' && doc.pos[next] !== 'VERB')) return false;
  // "recommending your app to my friends" is word of mouth after all
  let k: number | undefined = next;
  for (let hop = 0; hop < 4 && k !== undefined; hop++, k = wordAt(doc, k, 1)) {
    const to = doc.normal[k] === 'to' ? wordAt(doc, k, 1) : undefined;
    if (to !== undefined && doc.pos[to] !== 'VERB' && doc.normal[to] !== 'not') return false;
  }
  return true;
}

function reversed(doc: TextDoc, c: CueMatch, r: Rules): boolean {
  const s = doc.sentence[c.start];
  const last = Math.min(doc.normal.length - 1, c.end + REVERSER_REACH);
  for (let i = c.end + 1; i <= last && doc.sentence[i] === s; i++) if (r.reversers.has(doc.normal[i] as string)) return true;
  return false;
}

/**
 * Paid or rewarded posts are never organic advocacy, so incentive cues win. On private channels (email,
 * chat, call notes) nobody is broadcasting: an incentive cue there ("my discount code failed") only
 * matters as the reward behind a recommendation. Anti-recommendations and sarcasm beat recommendations.
 */
export function classifyAdvocacy(doc: TextDoc, sentiment: number, interaction?: Interaction): AdvocacyClass {
  const r = compiled();
  const n = doc.normal.length;
  const flags = new Uint8Array(Math.max(1, doc.sentences));
  let praise = 0;
  let complaint = 0;
  let incentive = 0;
  let organic = false;
  let rec = 0;
  let anti = 0;
  /** imperatives and second-person advice ("go get one", "you should try it"): recommendations only where nothing speaks against it */
  let weak = 0;
  const toCompany = addressedToCompany(doc, interaction);

  for (let i = 0; i < n; i++) {
    const w = doc.normal[i] as string;
    const s = doc.sentence[i] as number;
    switch (doc.type[i]) {
      case 'word':
        if (r.praise.has(w)) {
          // "not impressed", "never happy": negated praise is a complaint
          if (doc.negated[i]) {
            complaint++;
            flags[s]! |= COMPLAINT;
          } else praise++;
        } else if (r.complaint.has(w) && !doc.negated[i]) {
          complaint++;
          flags[s]! |= COMPLAINT;
        }
        if (r.disclosures.has(w) && isLabel(doc, i)) incentive++;
        break;
      case 'hashtag':
        if (incentiveTag(w, r)) incentive++;
        else if (r.tagOrganic.has(w)) organic = true;
        else if (r.tagPraise.has(w)) praise++;
        else if (r.tagComplaint.has(w)) {
          complaint++;
          flags[s]! |= COMPLAINT;
        }
        break;
      case 'emoji':
        if (r.emojiPraise.has(w)) praise++;
        else if (r.emojiComplaint.has(w)) {
          complaint++;
          flags[s]! |= COMPLAINT;
        }
        break;
      case 'punctuation':
        if (w === '?') flags[s]! |= QUESTION;
        break;
    }
  }

  for (let i = 0; i < n; i++) {
    if (!r.recWords.has(doc.normal[i] as string) || flags[doc.sentence[i] as number]! & QUESTION) continue;
    const v = looseRecommend(doc, i, r);
    if (v > 0) rec++;
    else if (v < 0) anti++;
  }

  const polarity = sentiment + r.cueWeight * (praise - complaint);
  const negativeOverall = polarity < -r.threshold;
  // first pass over cues: sentence-level context the decisions below depend on
  for (const c of doc.cues) {
    if (!c.name.startsWith(PREFIX)) continue;
    const s = doc.sentence[c.start] as number;
    const group = c.name.slice(PREFIX.length);
    // irony ("thanks for nothing", "if you enjoy waiting") reads as praise but is a complaint
    if (group === 'sarcasm') {
      flags[s]! |= SARCASM | COMPLAINT;
      anti++;
    } else if (group === 'conditional') flags[s]! |= CONDITIONAL;
    else if (group === 'organic') organic = true;
  }
  // "if you like installers who don't show up": a conditional praising something bad is sarcasm
  for (let s = 0; s < flags.length; s++) {
    if ((flags[s]! & (CONDITIONAL | COMPLAINT)) === (CONDITIONAL | COMPLAINT)) {
      flags[s]! |= SARCASM;
      anti++;
    }
  }

  for (const c of doc.cues) {
    if (!c.name.startsWith(PREFIX)) continue;
    const f = flags[doc.sentence[c.start] as number] as number;
    switch (c.name.slice(PREFIX.length)) {
      case 'imperative':
        // a bare imperative is weak evidence: not at a clause start, or amid a complaint, it is no recommendation
        if (!atClauseStart(doc, c.start, r) || f & COMPLAINT || toCompany) break;
        weak++;
        break;
      case 'directive':
        // "you should try ...": amid a complaint, or said to the company, "you" is the company being told what to do
        if (f & COMPLAINT || (toCompany && SECOND_PERSON.has(doc.normal[c.start] as string))) break;
        weak++;
        break;
      case 'recommend':
        if (f & QUESTION || adviceNotAdvocacy(doc, c, toCompany)) break;
        if (TELL.has(doc.normal[c.start] as string)) {
          if (!writerTells(doc, c.start, toCompany)) break;
          // telling everyone, in a message that is negative on the whole, is word of mouth against
          if (negativeOverall) {
            anti++;
            break;
          }
        }
        if (f & SARCASM || negatedCue(doc, c)) anti++;
        else rec++;
        break;
      case 'cannot':
        if (reversed(doc, c, r)) rec++;
        else anti++;
        break;
      case 'anti':
      case 'rebuke':
        anti++;
        break;
      case 'incentive':
        // "your discount code doesn't work" is a complaint about an incentive, not an incentivised post;
        // "is there a referral programme?" asks about one
        if (!(f & (COMPLAINT | QUESTION))) incentive++;
        break;
    }
  }

  // A paid post is broadcast; a message to the company (private channel, or a tweet at its support account)
  // that mentions a code or a promotion is service talk, unless it also recommends
  if (incentive > 0 && !organic && (!toCompany || rec + weak > 0)) return 'incentivised';
  if (anti > 0) return 'negative';
  // "go to bed", "get a lawyer": an imperative recommends a brand only in a text that names one
  if (rec > 0 || (weak > 0 && namesSomething(doc))) return 'recommend';
  let questions = 0;
  for (const f of flags) if (f & QUESTION) questions++;
  if (questions === flags.length && complaint === 0) return 'neutral';
  return polarity > r.threshold ? 'positive_no_rec' : polarity < -r.threshold ? 'negative' : 'neutral';
}
