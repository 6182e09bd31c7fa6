// A private redis-server per test file: free port, temp dir, AOF on. Never the machine's shared 6379.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestRedis {
  port: number;
  url: string;
  dir: string;
  /** SIGKILL the server (no shutdown save): only what AOF already has survives. */
  kill(): Promise<void>;
  /** start again on the same port and dir, reloading the AOF. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function ensureBinary(): void {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('redis-server not found on PATH: the service tests need one (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis)');
  }
}

async function waitReady(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited early: ${log()}`);
    const ok = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
    // redis answers LOADING while replaying the AOF; wait for PONG.
    if (ok.stdout?.trim() === 'PONG') return;
    if (Date.now() > deadline) throw new Error(`redis-server on ${port} not ready: ${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startRedis(): Promise<TestRedis> {
  ensureBinary();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rapport-redis-'));
  let child: ChildProcess;
  let out = '';
  const launch = async () => {
    out = '';
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always',
        '--save', '', '--maxmemory-policy', 'noeviction', '--protected-mode', 'yes'],
      // C collation so Lua string comparison is bytewise, as everywhere else.
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
    );
    child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
    child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
    await waitReady(port, child, () => out);
  };
  const kill = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    kill,
    restart: async () => {
      await kill();
      await launch();
    },
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
