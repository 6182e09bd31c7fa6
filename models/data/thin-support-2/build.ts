// Writes interactions.ndjson and labels.csv of the thin-support-2 set (measuring only) from its hand-written sources
// (source-*.txt: one customer per line, `label<TAB>tweet || tweet || ...`). Deterministic: ids and
// timestamps follow line order. Run: npx tsx models/data/thin-support-2/build.ts
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { InteractionSchema } from '../../../src/schemas/interaction.js';
import { ARCHETYPES, INSUFFICIENT } from '../../../src/profile/types.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const LABELS: readonly string[] = [...ARCHETYPES, INSUFFICIENT];
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
      const id = `ts2-${String(++n).padStart(3, '0')}`;
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
process.stderr.write(`thin-support-2: ${n} customers, ${interactions.length} tweets\n`);
