// Geographic segment: country, region, city from the customer's attributes; when the attributes
// give no country, the country most of their transactions name. The label is the country (the
// level a base is usually valued at); region and city are kept as their own columns.
import type { Customer } from '../schemas/customer.js';

export interface Geographic {
  country: string;
  region: string;
  city: string;
  label: string;
}

function mostFrequent(counts: ReadonlyMap<string, number> | undefined): string | undefined {
  let best: string | undefined;
  let n = 0;
  // ties go to the alphabetically first name, so the result never depends on input order
  for (const [k, v] of counts ?? []) if (v > n || (v === n && best !== undefined && k < best)) [best, n] = [k, v];
  return best;
}

export function geographic(customer: Customer | undefined, transactionCountries?: ReadonlyMap<string, number>): Geographic {
  const country = customer?.country?.trim() || mostFrequent(transactionCountries)?.trim() || 'unknown';
  return { country, region: customer?.region?.trim() || 'unknown', city: customer?.city?.trim() || 'unknown', label: country };
}
