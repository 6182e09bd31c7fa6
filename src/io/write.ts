// Line output to stdout or a file: buffered (one write per ~64 KB, not per line) and backpressure-aware.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

const FLUSH_AT = 64 * 1024;

export interface LineSink {
  /** queues one line (newline added); resolves once the buffer is handed over without overfilling the stream. */
  write(line: string): Promise<void>;
  /** flushes, and for files waits until everything is on disk. */
  close(): Promise<void>;
}

/** `path` undefined or "-" means stdout. */
export function openOutput(path?: string): LineSink {
  if (path === undefined || path === '-') {
    // a closed pipe (`| head`) is not an error worth a stack trace: stop quietly
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    });
    return lineSink(process.stdout, false);
  }
  return lineSink(createWriteStream(path), true);
}

export function lineSink(stream: Writable, end: boolean): LineSink {
  let buffer = '';
  let failure: Error | undefined;
  stream.on('error', (err) => (failure ??= err));
  const flush = async () => {
    if (failure) throw failure;
    if (buffer === '') return;
    const chunk = buffer;
    buffer = '';
    if (!stream.write(chunk)) await once(stream, 'drain'); // rejects if the stream fails meanwhile
    if (failure) throw failure;
  };
  return {
    async write(line) {
      buffer += line + '\n';
      if (buffer.length >= FLUSH_AT) await flush();
    },
    async close() {
      await flush();
      if (end) {
        stream.end();
        await once(stream, 'finish');
      }
    },
  };
}
