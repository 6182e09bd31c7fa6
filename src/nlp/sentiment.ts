// Compound sentiment of a text, -1..1: VADER's rules (Hutto & Gilbert, ICWSM 2014) read off the TextDoc
// arrays, with customer-service vocabulary, emoji and clause-aware contrast (lexicons/sentiment.json).
import { z } from 'zod';
import type { TextDoc } from './document.js';
import { loadLexicon } from './lexicon.js';

const Valences = z.record(z.string(), z.number());
const SentimentLexicon = z.object({
  rules: z.object({
    boosterIncrement: z.number(),
    capsIncrement: z.number(),
    negationScalar: z.number(),
    exclamationIncrement: z.number(),
    exclamationMax: z.number(),
    questionIncrement: z.number(),
    questionMax: z.number(),
    contrastBefore: z.number(),
    contrastAfter: z.number(),
    alpha: z.number().positive(),
  }),
  negators: z.array(z.string()),
  boosters: Valences,
  degreeBeforeAdjective: z.array(z.string()),
  contrast: z.array(z.string()),
  concessive: z.array(z.string()),
  remedies: z.array(z.string()),
  words: Valences,
  phrases: Valences,
  emoji: Valences,
});
type Rules = z.output<typeof SentimentLexicon>['rules'];

interface Phrase {
  tokens: string[];
  valence: number;
}

interface Tables {
  rules: Rules;
  words: Map<string, number>;
  emoji: Map<string, number>;
  negators: Set<string>;
  /** single-token boosters/dampeners: signed increment */
  boosters: Map<string, number>;
  /** multi-word boosters by last token ("kind of" under "of"), for the look-back */
  boosterTails: Map<string, Phrase[]>;
  /** multi-word boosters by first token, so their words are not scored themselves */
  boosterHeads: Map<string, Phrase[]>;
  /** degree words that boost only in front of an adjective or adverb ("pretty bad", "super slow") */
  degree: Set<string>;
  /** emoticon keys ("=)", ":l") and the token values they can start with, for emoticons wink splits */
  emoticons: Set<string>;
  emoticonHeads: Set<string>;
  /** phrases by first token, longest first */
  phrases: Map<string, Phrase[]>;
  contrast: Set<string>;
  concessive: Set<string>;
  remedies: Set<string>;
}

/** "like" feels only as a verb ("I like it", not "looks like rain"); words that can be its subject or auxiliary. */
const SUBJECT_POS = new Set(['PRON', 'PROPN', 'NOUN', 'PART']);
const EMOJI_MODIFIERS = /[\uFE0F\u{1F3FB}-\u{1F3FF}]/gu;
const SPACE = /\s/;
const GLUED_AFTER = /[\p{L}\p{N}/]/u;

let tables: Tables | undefined;

function byKey(entries: [string, number][], keyOf: (t: string[]) => string): Map<string, Phrase[]> {
  const out = new Map<string, Phrase[]>();
  for (const [k, valence] of entries) {
    const tokens = k.split(' ');
    const key = keyOf(tokens);
    const list = out.get(key) ?? [];
    list.push({ tokens, valence });
    out.set(key, list);
  }
  for (const list of out.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return out;
}

function load(): Tables {
  const lex = loadLexicon('sentiment.json', SentimentLexicon);
  const boosterEntries = Object.entries(lex.boosters);
  const multi = boosterEntries.filter(([k]) => k.includes(' '));
  const emoticons = Object.keys(lex.words).filter((k) => !/^[a-z][a-z'-]*$/.test(k));
  return {
    rules: lex.rules,
    words: new Map(Object.entries(lex.words)),
    emoji: new Map(Object.entries(lex.emoji)),
    negators: new Set(lex.negators),
    boosters: new Map(boosterEntries.filter(([k]) => !k.includes(' '))),
    boosterTails: byKey(multi, (t) => t[t.length - 1] as string),
    boosterHeads: byKey(multi, (t) => t[0] as string),
    degree: new Set(lex.degreeBeforeAdjective),
    emoticons: new Set(emoticons),
    emoticonHeads: new Set(emoticons.flatMap((k) => [k.slice(0, 1), k.slice(0, 2)])),
    phrases: byKey(Object.entries(lex.phrases), (t) => t[0] as string),
    contrast: new Set(lex.contrast),
    concessive: new Set(lex.concessive),
    remedies: new Set(lex.remedies),
  };
}

/** The token matches a lexicon form by its normal form or its lemma ("waiting" ~ "wait", "is" ~ "be"). */
function tokenIs(doc: TextDoc, i: number, form: string): boolean {
  return doc.normal[i] === form || doc.lemma[i] === form;
}

/** Index of the last token of the longest phrase starting at i, or -1. */
function matchForward(list: Phrase[] | undefined, doc: TextDoc, i: number): Phrase | undefined {
  if (!list) return undefined;
  const n = doc.normal.length;
  for (const p of list) {
    if (i + p.tokens.length > n) continue;
    let ok = true;
    for (let k = 1; k < p.tokens.length && ok; k++) ok = tokenIs(doc, i + k, p.tokens[k] as string);
    if (ok) return p;
  }
  return undefined;
}

/** A multi-word booster ending at token j ("kind of" read backwards from "of"). */
function matchBackward(list: Phrase[] | undefined, doc: TextDoc, j: number): Phrase | undefined {
  if (!list) return undefined;
  for (const p of list) {
    const start = j - p.tokens.length + 1;
    if (start < 0) continue;
    let ok = true;
    for (let k = 0; k < p.tokens.length - 1 && ok; k++) ok = doc.normal[start + k] === p.tokens[k];
    if (ok) return p;
  }
  return undefined;
}

/** 2+ letters, all upper case ("GREAT", "NOT"): a shouted word. */
function isShout(s: string): boolean {
  let letters = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) letters++;
  }
  return letters >= 2;
}

/** VADER's "cap differential": caps mean emphasis only when some, not all, words are shouted. */
function capsDifferential(doc: TextDoc): boolean {
  let shout = 0;
  let words = 0;
  for (let i = 0; i < doc.value.length; i++) {
    if (doc.type[i] !== 'word') continue;
    words++;
    if (isShout(doc.value[i] as string)) shout++;
  }
  return shout > 0 && shout < words;
}

/** "sooo goooood" -> "soo goood" style lookups: runs of 3+ letters cut to 2, then to 1. */
function elongatedValence(t: Tables, w: string): number | undefined {
  let run = 1;
  let elongated = false;
  for (let k = 1; k < w.length && !elongated; k++) {
    run = w[k] === w[k - 1] ? run + 1 : 1;
    if (run >= 3) elongated = true;
  }
  if (!elongated) return undefined;
  let two = '';
  let one = '';
  for (let k = 0; k < w.length; k++) {
    const c = w[k] as string;
    if (!(k >= 2 && c === w[k - 1] && c === w[k - 2])) two += c;
    if (!(k >= 1 && c === w[k - 1])) one += c;
  }
  return t.words.get(two) ?? t.words.get(one);
}

/**
 * The word as written, lower-cased, when wink's normal form respells it ("yep" -> "yes", "yeah" -> "yes"):
 * the lexicon rated the spelling people used. Case alone is no respelling, so most tokens allocate nothing.
 */
function writtenForm(doc: TextDoc, i: number): string | undefined {
  const v = doc.value[i] as string;
  const n = doc.normal[i] as string;
  if (v.length === n.length) {
    let same = true;
    for (let k = 0; k < v.length && same; k++) {
      const c = v.charCodeAt(k);
      same = (c >= 65 && c <= 90 ? c + 32 : c) === n.charCodeAt(k);
    }
    if (same) return undefined;
  }
  return doc.type[i] === 'word' ? v.toLowerCase() : undefined;
}

/** "ahahaha", "hahah", "bwahaha": laughter typed at any length reads as "haha" (VADER rates "haha" and "hahaha"). */
function isLaughter(w: string): boolean {
  let ha = 0;
  for (let k = 0; k + 1 < w.length; k++) if (w[k] === 'h' && w[k + 1] === 'a') ha++;
  if (ha < 2) return false;
  for (let k = 0; k < w.length; k++) {
    const c = w[k];
    if (c !== 'h' && c !== 'a' && !(k === 0 && (c === 'b' || c === 'w'))) return false;
  }
  return true;
}

/** Emoticons count only when written apart: ":/" inside "http://" is not a face. */
function standalone(text: string, e: string): boolean {
  for (let at = text.indexOf(e); at >= 0; at = text.indexOf(e, at + 1)) {
    const before = at === 0 ? ' ' : (text[at - 1] as string);
    const after = text[at + e.length] ?? ' ';
    if (SPACE.test(before) && !GLUED_AFTER.test(after)) return true;
  }
  return false;
}

/** An emoticon that wink split into tokens ("=" ")" or ":" "l"): its last token index, or -1. */
function gluedEmoticon(t: Tables, doc: TextDoc, i: number): number {
  let e = doc.value[i] as string;
  if (!t.emoticonHeads.has(e)) return -1;
  for (let k = i + 1; k < i + 3 && k < doc.value.length; k++) {
    e += doc.value[k] as string;
    if ((t.emoticons.has(e) || t.emoticons.has(e.toLowerCase())) && standalone(doc.text, e)) return k;
  }
  return -1;
}

/** "pretty bad", "super slow": a degree word right before a sentiment adjective or adverb boosts it. */
function degreeUse(t: Tables, doc: TextDoc, i: number): boolean {
  const p = doc.pos[i + 1];
  return t.degree.has(doc.normal[i] as string) && (p === 'ADJ' || p === 'ADV') && t.words.has(doc.normal[i + 1] as string);
}

/** The word at i modifies others (booster, negator, "kind" of "kind of") and carries no valence itself. */
function isModifier(t: Tables, doc: TextDoc, i: number): boolean {
  const w = doc.normal[i] as string;
  if (t.boosters.has(w) || (t.negators.has(w) && w !== 'no')) return true;
  const next = doc.normal[i + 1];
  // "no" negates a following sentiment word instead of counting as one (vaderSentiment 3.3)
  if (w === 'no') return next !== undefined && next !== 'no' && t.words.has(next);
  if (degreeUse(t, doc, i)) return true;
  return w === 'like' && !likeIsVerb(doc, i);
}

/**
 * wink's tag, or what precedes: a subject ("me like"), "n't", or an auxiliary other than "be" ("I do like").
 * A noun or object pronoun right after a verb is that verb's object, not a subject: "they treat customers
 * like garbage", "treat us like dirt" compare; "I think customers like it" and "know they like" still like.
 */
function likeIsVerb(doc: TextDoc, i: number): boolean {
  if (doc.pos[i] === 'VERB') return true;
  const p = doc.pos[i - 1];
  if (isObjectOfVerb(doc, i - 1)) return false;
  return p !== undefined && (SUBJECT_POS.has(p) || (p === 'AUX' && doc.lemma[i - 1] !== 'be'));
}

const OBJECT_PRONOUNS = new Set(['me', 'us', 'them', 'him', 'her', 'you', 'it']);
/** verbs whose next noun usually starts a clause ("I think people like it"), not an object */
const CLAUSE_VERBS = new Set(['think', 'know', 'say', 'hope', 'guess', 'bet', 'feel', 'believe', 'suppose', 'reckon', 'see', 'hear', 'find', 'notice']);

function isObjectOfVerb(doc: TextDoc, j: number): boolean {
  const p = doc.pos[j];
  const objectLike = p === 'NOUN' || p === 'PROPN' || (p === 'PRON' && OBJECT_PRONOUNS.has(doc.normal[j] as string));
  return objectLike && doc.pos[j - 1] === 'VERB' && !CLAUSE_VERBS.has(doc.lemma[j - 1] as string);
}

/** "&gt;" in scraped or exported text: wink splits it into "&" "gt" ";", and "gt" is not a word here. */
function htmlEntity(doc: TextDoc, i: number): boolean {
  return doc.value[i - 1] === '&' && doc.value[i + 1] === ';';
}

function wordValence(t: Tables, doc: TextDoc, i: number): { v: number; elongated: boolean } | undefined {
  if (htmlEntity(doc, i)) return undefined;
  let w = doc.normal[i] as string;
  if (doc.type[i] === 'hashtag') w = w.slice(1);
  const written = writtenForm(doc, i);
  const v = (written === undefined ? undefined : t.words.get(written)) ?? t.words.get(w) ?? t.words.get(doc.lemma[i] as string);
  if (v !== undefined) return { v, elongated: false };
  // wink reads "NO." and "no." as an abbreviation ("No. 5")
  if (w.length > 2 && w.charCodeAt(w.length - 1) === 46) {
    const cut = t.words.get(w.slice(0, -1));
    if (cut !== undefined) return { v: cut, elongated: false };
  }
  const e = elongatedValence(t, w);
  if (e !== undefined) return { v: e, elongated: true };
  return isLaughter(w) ? { v: t.words.get('haha') ?? 0, elongated: false } : undefined;
}

/** A fix/resolve word within 3 words either side (and not itself negated) turns a named problem neutral. */
function remedied(t: Tables, doc: TextDoc, start: number, end: number): boolean {
  return remedyFrom(t, doc, start - 1, -1) || remedyFrom(t, doc, end + 1, 1);
}

function remedyFrom(t: Tables, doc: TextDoc, from: number, dir: 1 | -1): boolean {
  const s = doc.sentence[from - dir];
  for (let j = from, d = 0; d < 3 && j >= 0 && j < doc.normal.length && doc.sentence[j] === s; j += dir) {
    if (doc.type[j] === 'punctuation') break;
    if (doc.type[j] !== 'word') continue;
    if ((t.remedies.has(doc.normal[j] as string) || t.remedies.has(doc.lemma[j] as string)) && !doc.negated[j]) return true;
    d++;
  }
  return false;
}

/**
 * Boosters, dampeners and negation in the three words before a sentiment item (VADER's window),
 * within the clause: punctuation, emoji and emoticons end the scope. (wink's negation flag reaches to the next
 * punctuation, which flips words far from the negator: "I did not know the depth of man's ridiculousness".)
 */
function modify(t: Tables, doc: TextDoc, start: number, valence: number, caps: boolean): number {
  const r = t.rules;
  const sign = valence > 0 ? 1 : -1;
  const s = doc.sentence[start];
  let v = valence;
  let negated = false;
  let scale = 1;
  let j = start - 1;
  for (let d = 0; d < 3 && j >= 0 && doc.sentence[j] === s; d++) {
    const ty = doc.type[j];
    if (ty === 'punctuation' || ty === 'emoji' || ty === 'emoticon') break;
    // articles do not count towards the distance: "wouldn't be such a bad idea"
    if (ty !== 'word' || (doc.pos[j] === 'DET' && doc.normal[j] !== 'no')) {
      j--;
      d--;
      continue;
    }
    const w = doc.normal[j] as string;
    const damp = d === 0 ? 1 : d === 1 ? 0.95 : 0.9;
    const multi = matchBackward(t.boosterTails.get(w), doc, j);
    let b = multi ? multi.valence : (t.boosters.get(w) ?? 0);
    if (!b && degreeUse(t, doc, j)) b = r.boosterIncrement;
    if (b) {
      let inc = b * damp;
      if (caps && isShout(doc.value[j] as string)) inc += r.capsIncrement;
      v += sign * inc;
    } else if (w === 'never' && d > 0 && (soOrThis(doc.normal[j + 1]) || (d === 2 && soOrThis(doc.normal[j + 2])))) {
      scale = d === 1 ? 1.5 : 1.25; // "never so good": emphasis, not negation
    } else if ((t.negators.has(w) && (w !== 'no' || d === 0)) || (w === 'least' && doc.normal[j - 1] !== 'at' && doc.normal[j - 1] !== 'very')) {
      negated = true;
    }
    j = multi ? j - multi.tokens.length : j - 1;
  }
  v *= scale;
  // negation scopes over predicates: not over an interjection ("... never leave lmao") or another "no"
  const p = doc.pos[start];
  return negated && p !== 'INTJ' && !t.negators.has(doc.normal[start] as string) ? v * r.negationScalar : v;
}

function soOrThis(w: string | undefined): boolean {
  return w === 'so' || w === 'this';
}

/**
 * The sentence of token i ends with "?". A question asks about a good quality rather than asserting it
 * ("Is it any good?", "Can you help me?", "Any good alternatives?"), so its positive words count for nothing;
 * negative words stay, since complaints are often put as questions ("Why is it still broken?").
 */
function isQuestion(doc: TextDoc, i: number): boolean {
  const s = doc.sentence[i];
  let k = i;
  while (k + 1 < doc.sentence.length && doc.sentence[k + 1] === s) k++;
  // the last word or punctuation mark: trailing links, mentions and faces are not part of the question
  while (k > i && doc.type[k] !== 'punctuation' && doc.type[k] !== 'word') k--;
  return doc.value[k] === '?';
}

/** Start and end (inclusive) token index of the sentence that token i is in. */
function sentenceBounds(doc: TextDoc, i: number): [number, number] {
  const s = doc.sentence[i];
  let a = i;
  let b = i;
  while (a > 0 && doc.sentence[a - 1] === s) a--;
  while (b < doc.sentence.length - 1 && doc.sentence[b + 1] === s) b++;
  return [a, b];
}

function firstWordOfSentence(doc: TextDoc, a: number, i: number): boolean {
  for (let k = a; k < i; k++) if (doc.type[k] === 'word') return false;
  return true;
}

function scale(val: Float64Array, from: number, to: number, factor: number): void {
  for (let k = from; k <= to; k++) val[k]! *= factor;
}

/**
 * "but"/"however": as in VADER, everything after weighs more and everything before less, across sentences:
 * in a short message the turn marks the writer's point ("Great phone. But the battery died. Twice.").
 * "although/though/despite": their own clause weighs less, the main clause more.
 */
function applyContrast(t: Tables, doc: TextDoc, val: Float64Array): void {
  const { contrastBefore: lo, contrastAfter: hi } = t.rules;
  const n = doc.normal.length;
  for (let i = 0; i < n; i++) {
    if (doc.type[i] !== 'word') continue;
    const w = doc.normal[i] as string;
    if (t.contrast.has(w)) {
      scale(val, 0, i - 1, lo);
      scale(val, i + 1, n - 1, hi);
    } else if (t.concessive.has(w)) {
      const [a, b] = sentenceBounds(doc, i);
      const prev = doc.normal[i - 1];
      if (w === 'though' && !(firstWordOfSentence(doc, a, i) || prev === ',' || prev === 'even')) continue;
      let end = i + 1;
      while (end <= b && doc.normal[end] !== ',' && doc.normal[end] !== ';') end++;
      scale(val, a, i - 1, hi);
      scale(val, i + 1, end - 1, lo);
      scale(val, end, b, hi);
    }
  }
}

/** VADER's punctuation emphasis: up to 4 "!", and 2+ "?". */
function punctuationEmphasis(r: Rules, text: string): number {
  let ex = 0;
  let qm = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 33) ex++;
    else if (c === 63) qm++;
  }
  const q = qm > 1 ? Math.min(qm * r.questionIncrement, r.questionMax) : 0;
  return Math.min(ex, r.exclamationMax) * r.exclamationIncrement + q;
}

// per-token valences, reused across texts (a fresh typed array per text is a costly allocation)
let scratch = new Float64Array(256);

export function scoreSentiment(doc: TextDoc): number {
  const t = (tables ??= load());
  const n = doc.normal.length;
  if (n === 0) return 0;
  const r = t.rules;
  const caps = capsDifferential(doc);
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
  const val = scratch.subarray(0, n).fill(0);
  let any = false;
  let askedIn = -1;
  let asked = false;
  for (let i = 0; i < n; i++) {
    const type = doc.type[i];
    let v: number | undefined;
    let end = i;
    let emphasis = 0;
    const glued = type === 'emoji' || (type === 'word' && (doc.value[i] as string).length > 1) ? -1 : gluedEmoticon(t, doc, i);
    if (glued >= 0) {
      const e = doc.value.slice(i, glued + 1).join('');
      v = t.words.get(e) ?? t.words.get(e.toLowerCase());
      end = glued;
    } else if (type === 'word' || type === 'hashtag') {
      const w = doc.normal[i] as string;
      // as in VADER, one-letter words carry no sentiment (its lexicon's "l" is half of ":l")
      if (w.length < 2) continue;
      const phrase = matchForward(t.phrases.get(w) ?? t.phrases.get(doc.lemma[i] as string), doc, i);
      const booster = phrase ? undefined : matchForward(t.boosterHeads.get(w) ?? t.boosterHeads.get(doc.lemma[i] as string), doc, i);
      if (phrase) {
        v = phrase.valence;
        end = i + phrase.tokens.length - 1;
      } else if (booster) {
        i += booster.tokens.length - 1;
        continue;
      } else if (!isModifier(t, doc, i)) {
        const found = wordValence(t, doc, i);
        v = found?.v;
        // shouting and letter stretching ("sooo goood") both intensify (VADER's caps rule; Brody & Diakopoulos 2011)
        if (caps && isShout(doc.value[i] as string)) emphasis = r.capsIncrement;
        else if (found?.elongated) emphasis = r.boosterIncrement;
      }
    } else if (type === 'emoji') {
      const e = doc.value[i] as string;
      v = t.emoji.get(e) ?? t.emoji.get(e.replace(EMOJI_MODIFIERS, ''));
    } else if (type === 'emoticon' && standalone(doc.text, doc.value[i] as string)) {
      const e = doc.value[i] as string;
      v = t.words.get(e) ?? t.words.get(e.toLowerCase());
    }
    if (v) {
      if (emphasis) v += v > 0 ? emphasis : -emphasis;
      if (v < 0 && remedied(t, doc, i, end)) v = 0;
      else {
        // a face is its own utterance: words before it neither negate nor boost it
        val[end] = type === 'word' || type === 'hashtag' ? modify(t, doc, i, v, caps) : v;
        if (val[end]! > 0 && (type === 'word' || type === 'hashtag')) {
          if (doc.sentence[end] !== askedIn) {
            askedIn = doc.sentence[end] as number;
            asked = isQuestion(doc, end);
          }
          if (asked) val[end] = 0;
        }
        any = true;
      }
    }
    i = end;
  }
  if (!any) return 0;
  applyContrast(t, doc, val);
  let sum = 0;
  for (let k = 0; k < n; k++) sum += val[k] as number;
  if (sum === 0) return 0;
  const emph = punctuationEmphasis(r, doc.text);
  sum += sum > 0 ? emph : -emph;
  return sum / Math.sqrt(sum * sum + r.alpha);
}
