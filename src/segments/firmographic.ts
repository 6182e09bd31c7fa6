// Firmographic segment for B2B accounts. Company-size bands by employees (the EU SME definition,
// Recommendation 2003/361/EC): micro < 10, small < 50, medium < 250, large >= 250. Industry as
// given, lower-cased. A customer with neither is "not_b2b".
import type { Customer } from '../schemas/customer.js';

export interface Firmographic {
  sizeBand: string;
  industry: string;
  label: string;
}

export function sizeBand(employees: number | undefined): string {
  if (employees === undefined) return 'unknown';
  return employees < 10 ? 'micro' : employees < 50 ? 'small' : employees < 250 ? 'medium' : 'large';
}

export function firmographic(customer: Customer | undefined): Firmographic {
  const size = sizeBand(customer?.companySize);
  const industry = customer?.industry?.trim().toLowerCase() || 'unknown';
  const label = size === 'unknown' && industry === 'unknown' ? 'not_b2b' : `${size}|${industry}`;
  return { sizeBand: size, industry, label };
}
