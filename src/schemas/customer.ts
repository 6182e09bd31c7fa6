// Customer attributes (docs/data-formats.md). All optional but the id; unknown columns are kept out.
import { z } from 'zod';
import { dateString } from './date.js';

const num = z.coerce.number().finite();
const optionalText = z.string().max(512).optional();

export const CustomerSchema = z.object({
  customerId: z.coerce.string().min(1, 'customerId must not be empty').max(256),
  name: optionalText,
  email: optionalText,
  birthYear: num.int().min(1900).max(2100).optional(),
  age: num.min(0).max(130).optional(),
  gender: optionalText,
  incomeBand: optionalText,
  country: optionalText,
  region: optionalText,
  city: optionalText,
  signupDate: dateString('signupDate').optional(),
  segmentHints: z.union([z.array(z.string()), z.string().transform((s) => s.split(/[;|,]/).map((t) => t.trim()).filter(Boolean))]).optional(),
  companySize: num.nonnegative().optional(),
  industry: optionalText,
  annualRevenue: num.nonnegative().optional(),
});
export type Customer = z.infer<typeof CustomerSchema>;
