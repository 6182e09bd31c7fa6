// `rapport segments` end to end, as a child process, over the bundled example corpus.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

const ROOT = join(import.meta.dirname, '..');

function rapport(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('rapport segments', { timeout: 180_000 }, () => {
  it('writes every output for the example corpus, reading interactions with the same --where as profile', async () => {
    const out = mkdtempSync(join(tmpdir(), 'rapport-segments-'));
    const r = await rapport(['segments', '--transactions', 'examples/transactions.csv', '--customers', 'examples/customers.csv', '--interactions', 'examples/interactions.ndjson', '--where', 'channel=email', '--out', out]);
    expect(r.code).toBe(0);
    for (const f of ['segments.csv', 'valuation.csv', 'matrix.csv', 'map.json', 'map.svg']) expect(existsSync(join(out, f))).toBe(true);
    const rows = parse(readFileSync(join(out, 'segments.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const customers = new Set((parse(readFileSync(join(ROOT, 'examples/customers.csv'), 'utf8'), { columns: true }) as { customerId: string }[]).map((c) => c.customerId));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(customers.has(row.customerId as string)).toBe(true);
    // only the email interactions were read; the others are counted, not reported as bad
    const emails = readFileSync(join(ROOT, 'examples/interactions.ndjson'), 'utf8').trim().split('\n').filter((l) => JSON.parse(l).channel === 'email').length;
    expect(r.stderr).toContain(`analysed ${emails}, skipped 0, left out `);
  });
});
