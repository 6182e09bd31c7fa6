// `npm run bench:service [-- --quick]`: the two service numbers of issue 3, each as a ratio from one run,
// on loopback, each part with its own private redis-server and its own API/worker processes.
// 1. corpus: N generated interactions (200,000; --quick 20,000) uploaded through POST /v1/corpora with two
//    worker processes; interactions/s from upload start until the corpus is done, against `rapport profile`
//    (a child process) on the same file. Goal: ratio >= 0.5x.
// 2. brief: 10,000 customers folded through the store API (analyses of generated texts re-used under new ids,
//    so no text is analysed per customer), then GET /v1/customers/:id/brief with autocannon (50 connections,
//    --duration s, random customers) against a bare Express route that GETs one Redis key, rounds
//    interleaved. Goals: p99 <= 25 ms; requests/s >= 0.6x the bare route.
// Options: --quick, --interactions N, --customers N, --duration S, --rounds N, --seed N, --skip-corpus,
//          --skip-brief, --cpu-prof DIR (V8 CPU profiles of every process started, sandboxed analysers included).
// Redis runs with appendfsync everysec (as in docker-compose.yml), not the tests' "always".
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { analyze } from '../src/nlp/analyze.js';
import type { MessageAnalysis } from '../src/nlp/types.js';
import { keys, LIVE } from '../src/store/keys.js';
import { rebuildProfile } from '../src/store/profiles.js';
import { foldBatch } from '../src/store/state-store.js';
import { startRedis, type TestRedis } from '../test/helpers/redis-server.js';
import { generateInteractions, rng, writeInteractions } from './generate.js';
import { flag, num, str } from './args.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const quick = flag('--quick');
const seed = num('--seed', 42);
const INTERACTIONS = num('--interactions', quick ? 20_000 : 200_000);
const CORPUS_CUSTOMERS = Math.max(1, Math.round(INTERACTIONS / 20));
const CUSTOMERS = num('--customers', 10_000);
const DURATION = num('--duration', quick ? 5 : 10);
const ROUNDS = num('--rounds', quick ? 1 : 2);
const CONNECTIONS = 50;
const CPU_PROF = str('--cpu-prof');
const ADMIN = 'bench-admin-key-0123456789';
/** a corpus that takes longer than this is reported as failed rather than waited for forever */
const CORPUS_TIMEOUT_MS = 30 * 60_000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? 'ok' : 'BELOW GOAL');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Private Redis, configured like the compose deployment (fsync once a second). */
async function benchRedis(): Promise<TestRedis> {
  const r = await startRedis();
  spawnSync('redis-cli', ['-p', String(r.port), 'config', 'set', 'appendfsync', 'everysec']);
  return r;
}

/**
 * CPU seconds (user + system) used so far by the given processes and all their descendants (Linux /proc),
 * so the ratio can be read next to what each side cost on a machine shared with other work.
 */
function treeCpuSeconds(roots: readonly number[]): number {
  const procs: { pid: number; ppid: number; ticks: number }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // fields after the parenthesised command: state ppid ... utime(14) stime(15)
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.push({ pid: Number(name), ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // the process ended while we looked
    }
  }
  const inTree = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (!inTree.has(p.pid) && inTree.has(p.ppid)) {
        inTree.add(p.pid);
        grew = true;
      }
    }
  }
  return procs.filter((p) => inTree.has(p.pid)).reduce((s, p) => s + p.ticks, 0) / 100;
}

/** redis-server retitles itself "redis-server 127.0.0.1:<port>". */
function redisPid(port: number): number {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmd.startsWith('redis-server') && cmd.includes(`:${port}`)) return Number(name);
    } catch {
      // the process ended while we looked
    }
  }
  throw new Error(`no redis-server process on port ${port}`);
}

const children = new Set<ChildProcess>();
function tsx(script: string, scriptArgs: string[], env: NodeJS.ProcessEnv): ChildProcess {
  // execArgv is inherited by BullMQ's sandboxed children, so they are profiled too
  const prof = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', join(ROOT, script), ...scriptArgs], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}
async function stopAll(): Promise<void> {
  await Promise.all(
    [...children].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const t = setTimeout(() => c.kill('SIGKILL'), 10_000);
          c.once('exit', () => {
            clearTimeout(t);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
}
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

function serviceEnv(redisUrl: string, port: number): NodeJS.ProcessEnv {
  // the rate limit is lifted: the bench measures the service, not the per-key token bucket
  return { ...process.env, REDIS_URL: redisUrl, PORT: String(port), RAPPORT_ADMIN_KEY: ADMIN, RAPPORT_RATE_LIMIT: '1000000000', LOG_LEVEL: 'warn' };
}

async function waitHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function createKey(base: string, role: string): Promise<string> {
  const res = await fetch(`${base}/v1/keys`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ role, name: `bench ${role}` }) });
  if (res.status !== 201) throw new Error(`POST /v1/keys: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { key: string }).key;
}

/** Streams a file as the request body (never read whole) and returns the JSON answer. */
function upload(url: string, key: string, file: string): Promise<{ status: number; body: { id?: string } }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { id?: string } }));
    });
    req.on('error', reject);
    createReadStream(file).on('error', reject).pipe(req);
  });
}

async function corpus(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rapport-bench-service-'));
  const redis = await benchRedis();
  try {
    const file = join(dir, 'interactions.ndjson');
    const bytes = await writeInteractions(file, { count: INTERACTIONS, customers: CORPUS_CUSTOMERS, seed });
    console.log(`corpus: ${fmt(INTERACTIONS)} interactions, ${fmt(CORPUS_CUSTOMERS)} customers, ${fmt(bytes / 1e6)} MB (generated, seed ${seed})`);

    // in-process baseline: the embedded profiler on the same file, alone on the machine
    let t = performance.now();
    const cli = tsx('src/cli/main.ts', ['profile', file, '--out', '/dev/null'], { ...process.env });
    let cliCpu = 0;
    const poll = setInterval(() => (cliCpu = Math.max(cliCpu, treeCpuSeconds([cli.pid!]))), 250);
    const cliCode = await new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
    clearInterval(poll);
    if (cliCode !== 0) throw new Error(`rapport profile exited with ${cliCode}`);
    const cliSeconds = (performance.now() - t) / 1000;
    const cliRate = INTERACTIONS / cliSeconds;
    console.log(`  rapport profile (in-process)       ${cliSeconds.toFixed(1).padStart(7)} s  ${fmt(cliRate).padStart(8)} interactions/s  (${cliCpu.toFixed(0)} CPU-s)`);

    const port = await freePort();
    const env = serviceEnv(redis.url, port);
    const apiPid = tsx('src/cli/main.ts', ['serve'], env).pid!;
    const workerPids = [0, 1].map(() => tsx('src/cli/main.ts', ['worker', '--concurrency', '1'], env).pid!);
    const base = `http://127.0.0.1:${port}`;
    await waitHttp(`${base}/readyz`);
    const key = await createKey(base, 'analyst');
    // workers have loaded their models once the first analysis runs; give their start-up a moment off the clock
    await new Promise((r) => setTimeout(r, 3000));

    const parts = { api: [apiPid], workers: workerPids, redis: [redisPid(redis.port)] };
    const cpu = () => Object.fromEntries(Object.entries(parts).map(([name, pids]) => [name, treeCpuSeconds(pids)])) as Record<keyof typeof parts, number>;
    const cpuBefore = cpu();
    t = performance.now();
    const up = await upload(`${base}/v1/corpora`, key, file);
    if (up.status !== 202 || !up.body.id) throw new Error(`POST /v1/corpora: ${up.status} ${JSON.stringify(up.body)}`);
    const uploadSeconds = (performance.now() - t) / 1000;
    let rec: { state: string; progress: { analysed: number; rejected: number; failed: number; customers: number }; error: string | null };
    // when every chunk was analysed and folded (the finalize step, deriving every profile, follows)
    let analysedSeconds: number | undefined;
    for (;;) {
      const res = await fetch(`${base}/v1/corpora/${up.body.id}`, { headers: { authorization: `Bearer ${key}` } });
      rec = (await res.json()) as typeof rec;
      if (analysedSeconds === undefined && (rec.state === 'finalizing' || rec.state === 'done')) analysedSeconds = (performance.now() - t) / 1000;
      if (rec.state === 'done' || rec.state === 'failed') break;
      if (performance.now() - t > CORPUS_TIMEOUT_MS) throw new Error(`corpus not done after ${CORPUS_TIMEOUT_MS / 60_000} min: ${JSON.stringify(rec.progress)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const svcSeconds = (performance.now() - t) / 1000;
    const cpuAfter = cpu();
    const used = (name: keyof typeof parts) => cpuAfter[name] - cpuBefore[name];
    const svcCpu = used('api') + used('workers') + used('redis');
    const svcRate = INTERACTIONS / svcSeconds;
    if (rec.state !== 'done') throw new Error(`corpus ${rec.state}: ${rec.error}`);
    const exact = rec.progress.analysed === INTERACTIONS && rec.progress.customers === CORPUS_CUSTOMERS;
    console.log(
      `  POST /v1/corpora, 2 workers        ${svcSeconds.toFixed(1).padStart(7)} s  ${fmt(svcRate).padStart(8)} interactions/s` +
        `  (upload ${uploadSeconds.toFixed(1)} s, analysed and folded by ${(analysedSeconds ?? svcSeconds).toFixed(1)} s; ` +
        `${fmt(rec.progress.analysed)} interactions, ${fmt(rec.progress.customers)} customers${exact ? '' : ', COUNTS DIFFER'})`,
    );
    console.log(
      `  CPU-s: service ${svcCpu.toFixed(0)} (API ${used('api').toFixed(0)}, workers with their analysers ${used('workers').toFixed(0)}, Redis ${used('redis').toFixed(0)}), ` +
        `profile ${cliCpu.toFixed(0)}: ${(svcCpu / cliCpu).toFixed(2)}x the work`,
    );
    const ratio = svcRate / cliRate;
    console.log(`  corpus throughput ratio            ${ratio.toFixed(2)}x   (goal >= 0.50x: ${verdict(ratio >= 0.5)})`);
  } finally {
    await stopAll();
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** CUSTOMERS live customers: analyses of a few hundred generated texts, cloned under new ids and folded. */
async function loadCustomers(redisUrl: string): Promise<string[]> {
  const pool: MessageAnalysis[] = [...generateInteractions({ count: 600, customers: 60, seed })].map((i) => analyze(i));
  const redis = new Redis(redisUrl);
  const k = keys('rapport', LIVE);
  const r = rng(seed);
  const ids: string[] = [];
  try {
    for (let start = 0; start < CUSTOMERS; start += 500) {
      const batch: MessageAnalysis[] = [];
      const chunk: string[] = [];
      for (let c = start; c < Math.min(CUSTOMERS, start + 500); c++) {
        const cid = `cust-${String(c).padStart(6, '0')}`;
        chunk.push(cid);
        const n = 2 + Math.floor(r() * 9);
        for (let j = 0; j < n; j++) batch.push({ ...(pool[Math.floor(r() * pool.length)] as MessageAnalysis), id: `${cid}-${j}`, customerId: cid });
      }
      await foldBatch(redis, k, batch);
      await Promise.all(chunk.map((cid) => rebuildProfile(redis, k, cid)));
      ids.push(...chunk);
    }
  } finally {
    redis.disconnect();
  }
  return ids;
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function hammer(url: string, paths: readonly string[], headers: Record<string, string>): Promise<Load> {
  const r = rng(seed + 1);
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    headers,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[Math.floor(r() * paths.length)] as string }) }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts };
}

async function brief(): Promise<void> {
  const redis = await benchRedis();
  try {
    const t = performance.now();
    const ids = await loadCustomers(redis.url);
    console.log(`\nbrief: ${fmt(ids.length)} customers folded and derived through the store in ${((performance.now() - t) / 1000).toFixed(1)} s; autocannon ${CONNECTIONS} connections, ${DURATION} s per round, random customers`);
    const apiPort = await freePort();
    const barePort = await freePort();
    const env = serviceEnv(redis.url, apiPort);
    tsx('src/cli/main.ts', ['serve'], env);
    tsx('bench/service-bare.ts', [redis.url, String(barePort)], env);
    const api = `http://127.0.0.1:${apiPort}`;
    const bare = `http://127.0.0.1:${barePort}`;
    await waitHttp(`${api}/readyz`);
    const k = keys('rapport', LIVE);
    await waitHttp(`${bare}/bare/${encodeURIComponent(k.brief(ids[0]!))}`);
    const key = await createKey(api, 'service');
    const briefPaths = ids.map((id) => `/v1/customers/${encodeURIComponent(id)}/brief`);
    const barePaths = ids.map((id) => `/bare/${encodeURIComponent(k.brief(id))}`);
    const auth = { authorization: `Bearer ${key}` };

    // warm both (JIT, connection pools) off the record
    await autocannon({ url: api, connections: 10, amount: 2000, headers: auth, requests: [{ path: briefPaths[0] }] });
    await autocannon({ url: bare, connections: 10, amount: 2000, requests: [{ path: barePaths[0] }] });
    const line = (name: string, l: Load) =>
      `  ${name.padEnd(34)} ${fmt(l.rps).padStart(7)} req/s  p50 ${String(l.p50).padStart(3)} ms  p99 ${String(l.p99).padStart(3)} ms${l.non2xx || l.errors ? `  (non-2xx ${l.non2xx}, errors ${l.errors})` : ''}`;
    for (let round = 1; round <= ROUNDS; round++) {
      // alternate the order so neither side always runs on a warmer machine
      const first = round % 2 === 1;
      const b1 = first ? await hammer(bare, barePaths, {}) : undefined;
      const br = await hammer(api, briefPaths, auth);
      const b = b1 ?? (await hammer(bare, barePaths, {}));
      console.log(`  round ${round}/${ROUNDS}`);
      console.log(line('bare Express route, one Redis GET', b));
      console.log(line('GET /v1/customers/:id/brief', br));
      const ratio = br.rps / b.rps;
      const ok = br.non2xx === 0 && br.errors === 0;
      console.log(`  brief p99                          ${br.p99} ms   (goal <= 25 ms: ${verdict(br.p99 <= 25 && ok)})`);
      console.log(`  brief req/s ratio                  ${ratio.toFixed(2)}x   (goal >= 0.60x: ${verdict(ratio >= 0.6 && ok)})`);
    }
  } finally {
    await stopAll();
    await redis.stop();
  }
}

try {
  if (!flag('--skip-corpus')) await corpus();
  if (!flag('--skip-brief')) await brief();
} finally {
  await stopAll();
}
