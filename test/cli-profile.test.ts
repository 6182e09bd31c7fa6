// `rapport profile` end to end, as a child process, over the small fixture with customers and transactions.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { EMOTIONS } from '../src/nlp/types.js';

const ROOT = join(import.meta.dirname, '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function rapport(args: string[]): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const FULL = ['profile', 'test/fixtures/interactions.ndjson', '--customers', 'test/fixtures/customers.csv', '--transactions', 'test/fixtures/transactions.csv'];

describe('rapport profile', { timeout: 180_000 }, () => {
  it('writes one NDJSON profile per customer of any input, sorted by id, and nothing else on stdout', async () => {
    const r = await rapport(FULL);
    expect(r.code).toBe(0);
    const profiles = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(profiles.map((p) => p.customerId)).toEqual(['cust-a', 'cust-b', 'cust-c', 'cust-d', 'cust-e']);
    const byId = Object.fromEntries(profiles.map((p) => [p.customerId, p]));
    // the repeated f2 line counts once; lines 3 and 6 are skipped
    expect(byId['cust-a'].interactions.total).toBe(2);
    expect(byId['cust-b'].interactions.total).toBe(1);
    expect(byId['cust-a'].sentiment.n).toBe(2);
    // known only from customers.csv / transactions.csv: still profiled, with nothing to go on
    for (const id of ['cust-d', 'cust-e']) {
      expect(byId[id].interactions.total).toBe(0);
      expect(byId[id].archetype.primary).toBe('insufficient_evidence');
    }
    // transactions reach derive: cust-b bought 2 x 45.50 and returned one
    expect(byId['cust-b'].behaviour).toMatchObject({ orders: 1, returns: 1 });
    expect(byId['cust-c'].recommender.score).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/interactions\.ndjson: read 7, analysed 4, 1 repeated ids ignored, skipped 2/);
    expect(r.stderr).toMatch(/customers\.csv: read 4, customers 4, skipped 0/);
    expect(r.stderr).toMatch(/5 profiles written/);
  });

  it('--format csv flattens each profile to one row with named columns', async () => {
    const r = await rapport([...FULL, '--format', 'csv', '--as-of', '2024-04-01']);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => x.customerId)).toEqual(['cust-a', 'cust-b', 'cust-c', 'cust-d', 'cust-e']);
    const header = Object.keys(rows[0] as object);
    for (const col of ['archetype', 'confidence', 'score_adversarial', 'score_insufficient_evidence', 'sentiment_mean', 'sentiment_trend', 'recommender_score', 'recommender_tier', 'evidence', 'playbook_do', 'playbook_dont'])
      expect(header).toContain(col);
    for (const e of EMOTIONS) expect(header).toContain(`emotion_${e}`);
    const a = rows[0] as Record<string, string>;
    expect(Number(a.sentiment_n)).toBe(2);
    expect(Math.abs(Number(a.sentiment_mean))).toBeLessThanOrEqual(1);
    expect(Number(a.recommender_score)).toBeGreaterThanOrEqual(0);
  });

  it('refuses a recommender config with a bad field, naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-test-'));
    const config = join(dir, 'rec.json');
    writeFileSync(config, JSON.stringify({ weights: { reach: -1 } }));
    const r = await rapport(['profile', 'test/fixtures/interactions.ndjson', '--recommender-config', config]);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/weights\.reach/);
  });

  it('--strict fails on the first bad line', async () => {
    const r = await rapport([...FULL, '--strict']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/interactions\.ndjson line 3/);
  });
});
