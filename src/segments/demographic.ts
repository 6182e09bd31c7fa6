// Demographic segment from customer attributes.
// Age: `age`, else as-of year - `birthYear`; bands <25, 25-34, 35-44, 45-54, 55-64, 65+.
// Gender: f/female/woman -> female, m/male/man -> male, any other given value -> other.
// Income band: the customer's own label, lower-cased. Anything missing is "unknown"; the label
// joins the three ("35-44|female|high"), or is "unknown" when nothing is known.
import type { Customer } from '../schemas/customer.js';

export interface Demographic {
  ageBand: string;
  gender: string;
  incomeBand: string;
  label: string;
}

const AGE_BANDS: readonly [number, string][] = [
  [25, '<25'],
  [35, '25-34'],
  [45, '35-44'],
  [55, '45-54'],
  [65, '55-64'],
];

export function ageBand(age: number | undefined): string {
  if (age === undefined || !Number.isFinite(age)) return 'unknown';
  for (const [upper, band] of AGE_BANDS) if (age < upper) return band;
  return '65+';
}

function gender(g: string | undefined): string {
  const s = g?.trim().toLowerCase();
  if (!s) return 'unknown';
  if (['f', 'female', 'woman', 'w'].includes(s)) return 'female';
  if (['m', 'male', 'man'].includes(s)) return 'male';
  return 'other';
}

export function demographic(customer: Customer | undefined, asOfYear: number): Demographic {
  const age = customer?.age ?? (customer?.birthYear !== undefined ? asOfYear - customer.birthYear : undefined);
  const out = { ageBand: ageBand(age), gender: gender(customer?.gender), incomeBand: customer?.incomeBand?.trim().toLowerCase() || 'unknown' };
  const known = out.ageBand !== 'unknown' || out.gender !== 'unknown' || out.incomeBand !== 'unknown';
  return { ...out, label: known ? `${out.ageBand}|${out.gender}|${out.incomeBand}` : 'unknown' };
}
