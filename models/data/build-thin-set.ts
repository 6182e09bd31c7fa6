// Builds a hand-written set of thin support tweets: reads its source-*.txt (one customer per line,
// `label<TAB>tweet || tweet || ...`, # comments) and writes interactions.ndjson (channel `social`) and
// labels.csv beside them. Deterministic: ids (`<prefix>-001`, ...) and timestamps follow line order.
// Each set's build.ts calls this with its own directory and id prefix.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InteractionSchema } from '../../src/schemas/interaction.js';
import { ARCHETYPES, INSUFFICIENT } from '../../src/profile/types.js';

const LABELS: readonly string[] = [...ARCHETYPES, INSUFFICIENT];

export function buildThinSet(dir: string, idPrefix: string): void {
  const interactions: string[] = [];
  const labels = ['customerId,archetype'];
  let n = 0;
  for (const file of readdirSync(dir).filter((f) => /^source-\d+\.txt$/.test(f)).sort()) {
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim() || line.startsWith('#')) return;
        const [label, body] = line.split('\t');
        if (!label || !body || !LABELS.includes(label)) throw new Error(`${file}:${i + 1}: expected "<label>\\t<tweets>", label one of ${LABELS.join(', ')}`);
        const id = `${idPrefix}-${String(++n).padStart(3, '0')}`;
        labels.push(`${id},${label}`);
        body.split(' || ').forEach((text, k) => {
          const at = new Date(Date.UTC(2024, 0, 1) + n * 86_400_000 + k * 3 * 3_600_000).toISOString();
          const interaction = InteractionSchema.parse({ id: `${id}-t${k + 1}`, customerId: id, channel: 'social', timestamp: at, text: text.trim(), social: { platform: 'x', mentionsBrand: true } });
          interactions.push(JSON.stringify(interaction));
        });
      });
  }
  writeFileSync(join(dir, 'interactions.ndjson'), interactions.join('\n') + '\n');
  writeFileSync(join(dir, 'labels.csv'), labels.join('\n') + '\n');
  process.stderr.write(`${basename(dir)}: ${n} customers, ${interactions.length} tweets\n`);
}
