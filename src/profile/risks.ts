// Open risks an agent should know before contact, read off the state's signals and mood.
import type { CustomerState } from './state.js';
import type { ArchetypeResult, Risk, SentimentSummary } from './types.js';

const has = (s: CustomerState, id: string) => (s.signals[id] ?? 0) > 0;

export function risksOf(state: CustomerState, sentiment: SentimentSummary, archetype: ArchetypeResult): Risk[] {
  const risks: Risk[] = [];
  if (has(state, 'cancellation_legal_threat')) {
    risks.push({ kind: 'churn', level: 'high', why: 'threatened to cancel, leave or take legal action' });
  } else if (has(state, 'defection')) {
    risks.push({ kind: 'churn', level: 'high', why: 'said they will not come back ("never again", "you lost a customer")' });
  } else if (sentiment.n >= 2 && sentiment.trend < -0.15 && sentiment.last < 0) {
    risks.push({ kind: 'churn', level: 'medium', why: 'mood falling and last contact negative' });
  } else if (archetype.primary === 'adversarial') {
    risks.push({ kind: 'churn', level: 'medium', why: 'adversarial relationship: would leave if able' });
  }
  if (has(state, 'escalation')) risks.push({ kind: 'escalation', level: 'high', why: 'asked for a manager or escalation' });
  else if (has(state, 'demand_entitlement') && sentiment.last < -0.2) {
    risks.push({ kind: 'escalation', level: 'medium', why: 'demanding and unhappy at last contact' });
  }
  if (sentiment.last < -0.5) risks.push({ kind: 'complaint', level: 'medium', why: 'last contact strongly negative' });
  return risks;
}
