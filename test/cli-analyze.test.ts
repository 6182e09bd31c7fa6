// `rapport analyze` end to end, as a child process: stdout carries only NDJSON, everything else goes to stderr.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADVOCACY_CLASSES, EMOTIONS } from '../src/nlp/types.js';

const ROOT = join(import.meta.dirname, '..');
const FIX = join(ROOT, 'test/fixtures');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function rapport(args: string[], stdin?: string, viaNpm = false): Promise<Run> {
  const [cmd, ...pre] = viaNpm ? ['npm', 'run', '--silent', 'rapport', '--'] : [process.execPath, '--import', 'tsx', 'src/cli/main.ts'];
  const child = spawn(cmd as string, [...pre, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(stdin ?? '');
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const parseLines = (s: string) => s.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

function expectAnalysis(a: Record<string, unknown>): void {
  expect(typeof a.sentiment).toBe('number');
  expect(Math.abs(a.sentiment as number)).toBeLessThanOrEqual(1);
  expect(Object.keys(a.emotions as object).sort()).toEqual([...EMOTIONS].sort());
  expect([...EMOTIONS, 'neutral']).toContain(a.emotion);
  expect(ADVOCACY_CLASSES).toContain(a.advocacy);
  expect(typeof a.signals).toBe('object');
  expect(Array.isArray(a.evidence)).toBe(true);
}

describe('rapport analyze', { timeout: 180_000 }, () => {
  it('prints one analysis per valid line on stdout, and bad lines with reasons on stderr (npm run --silent form)', async () => {
    const r = await rapport(['analyze', 'test/fixtures/interactions.ndjson'], undefined, true);
    expect(r.code).toBe(0);
    const lines = parseLines(r.stdout);
    expect(lines.map((l) => l.id)).toEqual(['f1', 'f2', 'f4', 'f6', 'f2']);
    lines.forEach(expectAnalysis);
    expect(lines[0]?.customerId).toBe('cust-a');
    expect(lines[2]?.social).toMatchObject({ likes: 120, reach: 5400 });
    expect(r.stderr).toMatch(/line 3: channel: .*expected one of/);
    expect(r.stderr).toMatch(/line 6: bad JSON/);
    expect(r.stderr).toMatch(/read 7, analysed 5, skipped 2 \(line 3: channel: .*; line 6: bad JSON/);
    expect(r.stderr).not.toContain('\x1b['); // stderr is not a terminal here: no progress bar
  });

  it('--strict stops at the first bad line with a non-zero exit', async () => {
    const r = await rapport(['analyze', 'test/fixtures/interactions.ndjson', '--strict']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/line 3/);
    expect(r.stderr).not.toMatch(/line 6/);
  });

  it('reads CSV with dotted columns as nested fields, reports broken rows by line, and writes to --out', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rapport-test-')), 'a.ndjson');
    const r = await rapport(['analyze', 'test/fixtures/interactions.csv', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const lines = parseLines(readFileSync(out, 'utf8'));
    expect(lines.map((l) => l.id)).toEqual(['f1', 'f2', 'f4']);
    lines.forEach(expectAnalysis);
    expect(lines[2]?.social).toMatchObject({ likes: 120, shares: 14, reach: 5400, mentionsBrand: true, platform: 'instagram' });
    expect(lines[0]?.social).toBeUndefined();
    expect(r.stderr).toMatch(/line 10: timestamp: /);
    expect(r.stderr).toMatch(/line 12: bad CSV: .*column/i);
  });

  it('reads stdin for "-" (here CSV, named by --input-format)', async () => {
    const csv = readFileSync(join(FIX, 'interactions.csv'), 'utf8');
    const r = await rapport(['analyze', '-', '--input-format', 'csv'], csv);
    expect(r.code).toBe(0);
    expect(parseLines(r.stdout).map((l) => l.id)).toEqual(['f1', 'f2', 'f4']);
    expect(r.stderr).toMatch(/stdin: read 5, analysed 3, skipped 2/);
  });

  // a tweet export as it comes: its own column names, no channel column, a day-first date on one row
  const TWEET_EXPORT = [
    'tweet_id,user,created_at,retweet_count,text',
    '101,@ana,2015-02-24T11:35:00Z,3,@FlyWest thanks for the upgrade!',
    '102,@ana,2015-02-25T09:00:00Z,0,@FlyWest where is my bag',
    '103,@ben,24-02-2015 11:35,0,@FlyWest delayed again',
  ].join('\n');

  it('--map and --channel read an export with its own column names and no channel column', async () => {
    const r = await rapport(['analyze', '-', '--input-format', 'csv', '--map', 'tweet_id=id,user=customerId,created_at=timestamp,retweet_count=social.shares', '--channel', 'social'], TWEET_EXPORT);
    expect(r.code).toBe(0);
    const lines = parseLines(r.stdout);
    expect(lines.map((l) => [l.id, l.customerId, l.channel])).toEqual([
      ['101', '@ana', 'social'],
      ['102', '@ana', 'social'],
    ]);
    expect(lines[0]?.social).toMatchObject({ shares: 3 });
    // the row that cannot count says which field and what it held
    expect(r.stderr).toMatch(/line 4: timestamp: .*got "24-02-2015 11:35"/);
    // without the map, every line names the fields it lacks
    const bare = await rapport(['analyze', '-', '--input-format', 'csv'], TWEET_EXPORT);
    expect(bare.code).not.toBe(0);
    expect(bare.stderr).toMatch(/line 2: .*(id|customerId|channel)/);
    const badChannel = await rapport(['analyze', '-', '--input-format', 'csv', '--channel', 'tweet'], TWEET_EXPORT);
    expect(badChannel.code).not.toBe(0);
    expect(badChannel.stderr).toMatch(/--channel.*email, chat, call_note, social/);
  });

  it("--where keeps the customers' rows of a corpus that also holds the brand's replies, and counts the rest", async () => {
    const corpus = [
      'tweet_id,author_id,inbound,created_at,text',
      '1,FlyWestHelp,False,2017-10-31T22:10:47Z,@ana We are sorry to hear that. Please DM us.',
      '2,ana,True,2017-10-31T22:11:45Z,@FlyWestHelp my bag never arrived',
      '3,ben,True,2017-10-31T22:12:00Z,@FlyWestHelp great crew today',
    ].join('\n');
    const args = ['analyze', '-', '--input-format', 'csv', '--map', 'tweet_id=id,author_id=customerId,created_at=timestamp', '--channel', 'social'];
    const r = await rapport([...args, '--where', 'inbound=True'], corpus);
    expect(r.code).toBe(0);
    expect(parseLines(r.stdout).map((l) => l.customerId)).toEqual(['ana', 'ben']);
    expect(r.stderr).toMatch(/read 3, analysed 2, skipped 0, left out 1 by --where/);
    // the same column twice takes either value; a condition on a column the export lacks keeps nothing
    expect(parseLines((await rapport([...args, '--where', 'author_id=ana', '--where', 'author_id=ben'], corpus)).stdout)).toHaveLength(2);
    const none = await rapport([...args, '--where', 'direction=in'], corpus);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/left out 3 by --where/);
    const bad = await rapport([...args, '--where', 'inbound'], corpus);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--where: "inbound" is not of the form column=value/);
  });

  it('exits non-zero when nothing could be read', async () => {
    const r = await rapport(['analyze', 'test/fixtures/unreadable.ndjson']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/read 2, analysed 0, skipped 2/);
    expect(r.stderr).toMatch(/nothing could be read/);
  });
});
