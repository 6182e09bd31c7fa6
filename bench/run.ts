// `npm run bench [-- --quick]`: the two speed numbers of the product.
// 1. analyze() against plain wink-nlp readDoc over the same texts, in one process, interleaved in blocks so
//    drift (GC, JIT, a busy neighbour on a shared machine) hits both sides alike. Goal: ratio >= 0.5x.
// 2. `rapport profile` as a child process over a generated file (1M interactions, 50k customers):
//    wall time, lines/s and peak RSS. Goal: RSS < 600 MB.
// Options: --quick (small sizes), --texts N, --interactions N, --customers N, --seed N,
//          --corpus <interactions.ndjson|csv> (measure part 1 on real texts), --skip-profile, --keep.
import { spawn } from 'node:child_process';
import { existsSync, createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { analyze } from '../src/nlp/analyze.js';
import { InteractionSchema, type Interaction } from '../src/schemas/interaction.js';
import { consume } from '../src/io/consume.js';
import { CHANNEL_MIX, generateInteractions, writeInteractions } from './generate.js';
import { flag, num, str } from './args.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const quick = flag('--quick');
const seed = num('--seed', 42);
const TEXTS = num('--texts', quick ? 2_000 : 20_000);
const INTERACTIONS = num('--interactions', quick ? 50_000 : 1_000_000);
const CUSTOMERS = num('--customers', quick ? 2_500 : 50_000);
const BLOCK = 250;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? 'ok' : 'BELOW GOAL');

async function loadTexts(): Promise<{ interactions: Interaction[]; source: string }> {
  const corpus = str('--corpus');
  if (!corpus) {
    const mix = Object.entries(CHANNEL_MIX).map(([c, share]) => `${c} ${Math.round(share * 100)}%`).join(', ');
    return { interactions: [...generateInteractions({ count: TEXTS, customers: Math.max(1, TEXTS / 20), seed })], source: `generated, seed ${seed}: ${mix}` };
  }
  const interactions: Interaction[] = [];
  await consume(corpus, InteractionSchema, { warn: (m) => process.stderr.write(m + '\n') }, (i) => void interactions.push(i));
  return { interactions: interactions.slice(0, TEXTS), source: corpus };
}

async function speed(): Promise<void> {
  const { interactions, source } = await loadTexts();
  const n = interactions.length;
  if (n === 0) throw new Error('no texts to measure');
  const plain = winkNLP(model); // its own instance: no custom entities, nothing learned
  const chars = interactions.reduce((s, i) => s + i.text.length, 0);
  console.log(`analyze() vs wink-nlp readDoc: ${fmt(n)} texts (${source}), mean ${fmt(chars / n)} chars`);

  // warm-up: lexicons and models load, JIT settles
  const warm = interactions.slice(0, Math.min(n, 500));
  for (const i of warm) plain.readDoc(i.text);
  for (const i of warm) analyze(i);

  let tPlain = 0;
  let tFull = 0;
  let sink = 0;
  for (let start = 0, block = 0; start < n; start += BLOCK, block++) {
    const part = interactions.slice(start, start + BLOCK);
    const runPlain = () => {
      const t = performance.now();
      for (const i of part) sink += plain.readDoc(i.text).tokens().length();
      tPlain += performance.now() - t;
    };
    const runFull = () => {
      const t = performance.now();
      for (const i of part) sink += analyze(i).words;
      tFull += performance.now() - t;
    };
    // alternate which side goes first, so neither always runs on a freshly collected heap
    if (block % 2) {
      runFull();
      runPlain();
    } else {
      runPlain();
      runFull();
    }
  }
  const plainRate = (n / tPlain) * 1000;
  const fullRate = (n / tFull) * 1000;
  const ratio = fullRate / plainRate;
  console.log(`  wink readDoc    ${fmt(plainRate).padStart(8)} docs/s`);
  console.log(`  full analyze()  ${fmt(fullRate).padStart(8)} docs/s`);
  console.log(`  ratio           ${ratio.toFixed(2)}x   (goal >= 0.50x: ${verdict(ratio >= 0.5)})   [checksum ${sink}]`);
}

interface ChildRun {
  code: number | null;
  seconds: number;
  peakRssKb?: number;
  stderr: string;
}

/** Runs the CLI under GNU time -v when present (peak RSS of exactly that process), else polls /proc VmHWM. */
function runCli(cliArgs: string[]): Promise<ChildRun> {
  const node = [process.execPath, '--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...cliArgs];
  const gnuTime = existsSync('/usr/bin/time');
  const [cmd, ...rest] = gnuTime ? ['/usr/bin/time', '-v', ...node] : node;
  const started = performance.now();
  const child = spawn(cmd as string, rest, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let polledKb: number | undefined;
  const poll = gnuTime
    ? undefined
    : setInterval(() => {
        readFile(`/proc/${child.pid}/status`, 'utf8')
          .then((s) => {
            const m = /VmHWM:\s+(\d+) kB/.exec(s);
            if (m) polledKb = Number(m[1]);
          })
          .catch(() => undefined);
      }, 200);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ code, seconds: (performance.now() - started) / 1000, peakRssKb: m ? Number(m[1]) : polledKb, stderr });
    });
  });
}

async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path)) for (const b of chunk as Buffer) if (b === 10) lines++;
  return lines;
}

async function profile(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rapport-bench-'));
  try {
    const input = join(dir, 'interactions.ndjson');
    const output = join(dir, 'profiles.ndjson');
    const t = performance.now();
    const bytes = await writeInteractions(input, { count: INTERACTIONS, customers: CUSTOMERS, seed });
    console.log(
      `\nrapport profile: ${fmt(INTERACTIONS)} interactions, ${fmt(CUSTOMERS)} customers, ${fmt(bytes / 1e6)} MB ` +
        `(generated in ${((performance.now() - t) / 1000).toFixed(1)} s at ${input})`,
    );
    const run = await runCli(['profile', input, '--out', output]);
    const summary = run.stderr.split('\n').filter((l) => l.startsWith(input) || l.startsWith('rapport:'));
    for (const l of summary) console.log(`  | ${l.replace(input, 'interactions.ndjson')}`);
    if (run.code !== 0) {
      console.log(run.stderr.split('\n').slice(-20).join('\n'));
      throw new Error(`rapport profile exited with ${run.code}`);
    }
    const profiles = await countLines(output);
    const rssMb = run.peakRssKb === undefined ? undefined : run.peakRssKb / 1024;
    console.log(`  profiles        ${fmt(profiles)}${profiles === CUSTOMERS ? '' : `  (expected ${fmt(CUSTOMERS)})`}`);
    console.log(`  wall time       ${run.seconds.toFixed(1)} s`);
    console.log(`  throughput      ${fmt(INTERACTIONS / run.seconds)} lines/s`);
    console.log(
      rssMb === undefined ? '  peak RSS        unavailable (no /usr/bin/time, no /proc)' : `  peak RSS        ${fmt(rssMb)} MB   (goal < 600 MB: ${verdict(rssMb < 600)})`,
    );
  } finally {
    if (flag('--keep')) console.log(`  kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

await speed();
if (!flag('--skip-profile')) await profile();
