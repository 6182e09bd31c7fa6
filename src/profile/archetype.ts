// Archetype classifier over a customer's state: probabilities, abstention, evidence.
import type { Customer } from '../schemas/customer.js';
import type { CustomerState } from './state.js';
import type { ArchetypeResult, Behaviour } from './types.js';
import { INSUFFICIENT } from './types.js';

export function classifyArchetype(_state: CustomerState, _behaviour: Behaviour | null, _customer?: Customer): ArchetypeResult {
  return { primary: INSUFFICIENT, confidence: 1, scores: { [INSUFFICIENT]: 1 }, evidence: [] };
}
