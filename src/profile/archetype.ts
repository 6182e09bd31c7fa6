// Archetype of a customer: the shipped model's calibrated probabilities, abstention, and the
// customer's own phrases that pushed toward the chosen type as evidence.
import type { Customer } from '../schemas/customer.js';
import { loadModel } from '../nlp/lexicon.js';
import type { CustomerState } from './state.js';
import type { ArchetypeResult, Behaviour } from './types.js';
import { INSUFFICIENT } from './types.js';
import { ArchetypeModelSchema, decide, type ArchetypeModel } from './archetype-model.js';

const MAX_EVIDENCE = 5;

let shipped: ArchetypeModel | undefined;
export function archetypeModel(): ArchetypeModel {
  return (shipped ??= loadModel('archetypes.json', ArchetypeModelSchema));
}

export function classifyArchetype(
  state: CustomerState,
  behaviour: Behaviour | null,
  _customer?: Customer,
  model: ArchetypeModel = archetypeModel(),
  lexical?: number[],
): ArchetypeResult {
  const d = decide(model, state, behaviour, lexical);
  const evidence =
    d.primary === INSUFFICIENT
      ? []
      : state.evidence
          .map((e) => ({ phrase: e.phrase, weight: d.signalWeight(e.signal), defining: d.isEvidence(e.signal) }))
          .filter((e) => e.defining || e.weight > 0)
          // the matches that define the type (what named it) first, then others that weigh toward it
          .sort((a, b) => Number(b.defining) - Number(a.defining) || b.weight - a.weight || (a.phrase < b.phrase ? -1 : 1))
          .slice(0, MAX_EVIDENCE)
          .map((e) => e.phrase);
  return { primary: d.primary as ArchetypeResult['primary'], confidence: d.confidence, scores: d.scores, evidence };
}
