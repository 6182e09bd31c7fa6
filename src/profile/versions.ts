// The lexicon and model versions named in every profile. Lexicons load lazily, so a process that has
// only derived (an API replica) and one that has analysed (a worker) would name different sets;
// loading every analyser once makes the list the same everywhere.
import { analyze } from '../nlp/analyze.js';
import { loadedVersions } from '../nlp/lexicon.js';
import { archetypeModel } from './archetype.js';
import { archetypeTaxonomy } from './playbook.js';

const PROBE = { id: 'probe', customerId: 'probe', channel: 'social', timestamp: '2000-01-01T00:00:00Z', text: 'ok' } as const;

let versions: Record<string, string> | undefined;

export function modelVersions(): Record<string, string> {
  if (!versions) {
    analyze(PROBE);
    archetypeModel();
    archetypeTaxonomy();
    versions = loadedVersions();
  }
  return versions;
}
