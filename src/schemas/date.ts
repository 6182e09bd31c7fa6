// A date field as the records carry it: any string Date.parse reads (ISO-8601 is the documented form).
// A refusal quotes what was there, so a day-first spreadsheet export ("24-02-2015 11:35") is recognised
// at once rather than guessed at.
import { z } from 'zod';

export function dateString(field: string) {
  return z.string().refine((s) => !Number.isNaN(Date.parse(s)), {
    error: (issue) => `${field} must be a date (ISO-8601, e.g. 2024-06-30T14:05:00Z), got "${String(issue.input).slice(0, 40)}"`,
  });
}
