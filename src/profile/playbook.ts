// The taxonomy and playbooks are data (lexicons/archetypes.json): adding a type needs no code change.
import { z } from 'zod';
import { loadLexicon } from '../nlp/lexicon.js';
import type { Playbook } from './types.js';

const TaxonomySchema = z.object({
  archetypes: z.record(
    z.string(),
    z.object({
      label: z.string(),
      wants: z.string(),
      /** relational signals (lexicons/signals.json) whose matches are evidence for this type */
      evidence: z.array(z.string()).default([]),
      do: z.array(z.string()).min(1),
      dont: z.array(z.string()).min(1),
    }),
  ),
});
export type Taxonomy = z.output<typeof TaxonomySchema>;

let taxonomy: Taxonomy | undefined;
export function archetypeTaxonomy(): Taxonomy {
  return (taxonomy ??= loadLexicon('archetypes.json', TaxonomySchema));
}

/** The playbook for an archetype id, or null for insufficient_evidence / unknown ids. */
export function playbookFor(id: string): Playbook | null {
  const a = archetypeTaxonomy().archetypes[id];
  return a ? { label: a.label, wants: a.wants, do: a.do, dont: a.dont } : null;
}

/** Per type, the relational signals whose matches are evidence for it (the taxonomy's `evidence` lists). */
export function evidenceSignals(): Record<string, string[]> {
  return Object.fromEntries(Object.entries(archetypeTaxonomy().archetypes).map(([id, a]) => [id, a.evidence]));
}
