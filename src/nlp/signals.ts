// Relational signals: cue sets from lexicons/signals.json, matched by wink patterns, negation-aware.
import { z } from 'zod';
import { loadLexicon } from './lexicon.js';
import type { TextDoc } from './document.js';
import type { Evidence } from './types.js';

const SignalLexiconSchema = z.object({
  signals: z.record(
    z.string(),
    z.object({
      label: z.string(),
      patterns: z.array(z.string()).default([]),
      /** cue groups of other lexicons whose matches also count as this signal (wink keeps one match per span) */
      borrow: z.array(z.string()).default([]),
      /** when negated, the cue counts toward this signal instead (e.g. "not happy" -> dissatisfaction). */
      negatedAs: z.string().optional(),
      weight: z.number().positive().default(1),
      /** representative words: the build script finds their neighbours in word-embedding space */
      seeds: z.array(z.string()).default([]),
    }),
  ),
});
export type SignalLexicon = z.output<typeof SignalLexiconSchema>;

const SemanticLexiconSchema = z.object({
  threshold: z.number(),
  /** word -> [signal id, weight 0..1] */
  words: z.record(z.string(), z.tuple([z.string(), z.number()])),
});

interface Semantic {
  /** `semantic_<signal>` keys */
  keys: string[];
  /** 1 where a cue may already have set the key (a signal id or negatedAs target spelled like it) */
  cueTarget: Uint8Array;
  /** word -> [index into keys, weight] */
  words: Map<string, [number, number]>;
}

let semantic: Semantic | undefined;
/** Embedding neighbours of each signal's seed words (lexicons/build/expand-signals.ts). */
function semanticLexicon(): Semantic {
  if (!semantic) {
    const words = loadLexicon('signals-semantic.json', SemanticLexiconSchema).words;
    const keys: string[] = [];
    const index = new Map<string, number>();
    const byWord = new Map<string, [number, number]>();
    for (const [w, [id, weight]] of Object.entries(words)) {
      let k = index.get(id);
      if (k === undefined) {
        index.set(id, (k = keys.length));
        keys.push(`semantic_${id}`);
      }
      byWord.set(w, [k, weight]);
    }
    const targets = new Set(Object.entries(signalLexicon().signals).flatMap(([id, def]) => (def.negatedAs === undefined ? [id] : [id, def.negatedAs])));
    semantic = { keys, cueTarget: Uint8Array.from(keys, (k) => (targets.has(k) ? 1 : 0)), words: byWord };
  }
  return semantic;
}

let lexicon: SignalLexicon | undefined;
export function signalLexicon(): SignalLexicon {
  return (lexicon ??= loadLexicon('signals.json', SignalLexiconSchema));
}

type SignalDef = SignalLexicon['signals'][string];
/** A cue name resolved once: the signal it counts toward, its definition, and the weight of its `negatedAs` signal. */
interface CueSignal {
  id: string;
  def: SignalDef;
  negatedWeight: number;
}

let borrowed: Map<string, string> | undefined;
/** cue name of another lexicon ("advocacy:recommend") -> the signal it counts toward */
function borrowedCues(): Map<string, string> {
  return (borrowed ??= new Map(Object.entries(signalLexicon().signals).flatMap(([id, def]) => def.borrow.map((cue) => [cue, id] as const))));
}

const cueSignals = new Map<string, CueSignal | null>();
/** "signal:<id>" counts toward <id>, a borrowed cue toward its borrower; other cues toward nothing (null). */
function cueSignal(name: string): CueSignal | null {
  let c = cueSignals.get(name);
  if (c === undefined) {
    const defs = signalLexicon().signals;
    const id = name.startsWith('signal:') ? name.slice(7) : borrowedCues().get(name);
    const def = id ? defs[id] : undefined;
    c = id && def ? { id, def, negatedWeight: def.negatedAs === undefined ? 1 : (defs[def.negatedAs]?.weight ?? 1) } : null;
    cueSignals.set(name, c);
  }
  return c;
}

export interface SignalResult {
  signals: Record<string, number>;
  evidence: Evidence[];
}

const NEGATORS = new Set(['not', 'no', 'never', "n't", 'nor', 'without']);
const CONTEXT = 3;

/** Widens a cue span by a few words within its sentence, stopping at punctuation, for readable evidence. */
function contextSpan(doc: TextDoc, start: number, end: number): [number, number] {
  const s = doc.sentence[start];
  let a = start;
  let b = end;
  while (a > 0 && start - a < CONTEXT && doc.sentence[a - 1] === s && doc.type[a - 1] !== 'punctuation') a--;
  while (b < doc.normal.length - 1 && b - end < CONTEXT && doc.sentence[b + 1] === s && doc.type[b + 1] !== 'punctuation') b++;
  return [a, b];
}

/**
 * Relational signals of one text. A cue inside a negation scope ("I don't trust you") counts toward
 * its signal's `negatedAs` (here distrust) or not at all; cues that spell the negation themselves
 * ("can't wait") are taken as written. Style counts (exclamations, emoji, shouting) ride along as
 * `style_*` signals, and embedding neighbours of the cue words as `semantic_*` signals, because the
 * archetype model weighs them too.
 */
export function detectSignals(doc: TextDoc): SignalResult {
  const signals: Record<string, number> = {};
  const evidence: Evidence[] = [];
  for (const cue of doc.cues) {
    const c = cueSignal(cue.name);
    if (!c) continue;
    const { id, def } = c;
    let inScope = false;
    let spellsNegation = false;
    for (let i = cue.start; i <= cue.end; i++) {
      if (doc.negated[i]) inScope = true;
      if (NEGATORS.has(doc.normal[i] as string)) spellsNegation = true;
    }
    const negated = inScope && !spellsNegation;
    const target = negated ? def.negatedAs : id;
    if (!target) continue;
    signals[target] = (signals[target] ?? 0) + (negated ? c.negatedWeight : def.weight);
    const [a, b] = contextSpan(doc, cue.start, cue.end);
    const phrase = doc.phrase(a, b).replace(/\s+/g, ' ').trim();
    evidence.push(negated ? { signal: target, phrase, negated: true } : { signal: target, phrase });
  }
  addTokenSignals(doc, signals);
  return { signals, evidence };
}

const WE = new Set(['we', 'our', 'us', 'ours']);
const SOFTENERS = new Set(['please', 'so', 'ok', 'okay', 'right', 'just', 'then', 'and', 'also', 'now', 'oh', 'hi', 'hello']);
const POLITE = new Set(['please', 'kindly', 'thank', 'thanks', 'appreciate', 'grateful']);
const NOT_COMMANDS = new Set(['thank', 'thanks', 'hope', 'love', 'let', 'see', 'have', 'be', 'do', 'wish', 'sorry', 'welcome', 'bless']);
const LIST_ITEM = /(?:^|\n)[ \t]*(?:\d{1,2}[.)]|[-•*])[ \t]+\S/g;

// scratch for the semantic sums of one text, by index into the semantic keys: no keyed stores per token.
// nearSeen[k] === generation marks keys this text has hit (a new generation per text, so nothing to clear).
let nearSum = new Float64Array(0);
let nearSeen = new Int32Array(0);
let nearOrder = new Int32Array(0);
let generation = 0;

/**
 * One pass over the tokens for the signals that need no pattern:
 * - `semantic_<signal>`: words near a signal's seeds in embedding space (not negated ones), a softer,
 *   more general reading of the same relational cues;
 * - `style_*`: exclamations, emoji, shouting, questions, commands (a sentence opening on a bare verb:
 *   "Send the invoice"), politeness, first-person plural, and structured lists.
 */
function addTokenSignals(doc: TextDoc, signals: Record<string, number>): void {
  const near = semanticLexicon();
  if (nearSum.length < near.keys.length) {
    nearSum = new Float64Array(near.keys.length);
    nearSeen = new Int32Array(near.keys.length);
    nearOrder = new Int32Array(near.keys.length);
  }
  if (++generation === 0x7fffffff) {
    nearSeen.fill(0);
    generation = 1;
  }
  let nearCount = 0;
  let exclaim = 0;
  let emoji = 0;
  let caps = 0;
  let question = 0;
  let we = 0;
  let polite = 0;
  let imperative = 0;
  let sentenceStart = true;
  let currentSentence = -1;
  for (let i = 0; i < doc.type.length; i++) {
    if (doc.sentence[i] !== currentSentence) {
      currentSentence = doc.sentence[i] as number;
      sentenceStart = true;
    }
    const t = doc.type[i];
    const n = doc.normal[i] as string;
    if (t === 'emoji' || t === 'emoticon') emoji++;
    else if (t === 'punctuation') {
      if (n === '!') exclaim++;
      else if (n === '?') question++;
    } else if (t === 'word') {
      const v = doc.value[i] as string;
      // shouting, not acronyms (FAQ, VAT, LTE) or codes: five or more capital letters
      if (v.length >= 5 && /^[A-Z]+$/.test(v)) caps++;
      if (!doc.negated[i]) {
        const hit = near.words.get(n) ?? near.words.get(doc.lemma[i] as string);
        if (hit) {
          const k = hit[0];
          if (nearSeen[k] !== generation) {
            // the key's first hit: remember the order keys appear in, and start from any value it already has
            nearSeen[k] = generation;
            nearOrder[nearCount++] = k;
            nearSum[k] = near.cueTarget[k] ? (signals[near.keys[k] as string] ?? 0) : 0;
          }
          nearSum[k]! += hit[1];
        }
      }
      if (WE.has(n)) we++;
      if (POLITE.has(n)) polite++;
      if (sentenceStart) {
        if (SOFTENERS.has(n)) continue;
        if (doc.pos[i] === 'VERB' && !NOT_COMMANDS.has(doc.lemma[i] as string)) imperative++;
        sentenceStart = false;
      }
    }
  }
  // the semantic sums go in as the per-token additions would have put them: same values, same key order
  for (let h = 0; h < nearCount; h++) {
    const k = nearOrder[h] as number;
    signals[near.keys[k] as string] = nearSum[k] as number;
  }
  const lists = doc.text.match(LIST_ITEM)?.length ?? 0;
  if (exclaim) signals.style_exclamation = exclaim;
  if (emoji) signals.style_emoji = emoji;
  if (caps) signals.style_caps = caps;
  if (question) signals.style_question = question;
  if (we) signals.style_we = we;
  if (polite) signals.style_polite = polite;
  if (imperative) signals.style_imperative = imperative;
  if (lists >= 2) signals.style_list = lists;
}
