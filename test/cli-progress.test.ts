// The progress bar: drawn on a terminal (lines/s, ETA from bytes read), absent when stderr is piped.
import { describe, expect, it } from 'vitest';
import { PassThrough, Writable } from 'node:stream';
import { createProgress } from '../src/cli/progress.js';
import type { Input } from '../src/io/read.js';

function fakeStderr(tty: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let out = '';
  const w = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      done();
    },
  }) as unknown as NodeJS.WriteStream & Record<string, unknown>;
  if (tty) {
    Object.assign(w, { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  }
  return { stream: w, text: () => out };
}

const input = (bytes: () => number, size?: number): Input => ({ label: 'big.ndjson', stream: new PassThrough(), size, bytesRead: bytes });

describe('progress', () => {
  it('draws lines, lines/s and ETA on a terminal, and keeps log lines readable', async () => {
    const { stream, text } = fakeStderr(true);
    const progress = createProgress(stream);
    let bytes = 0;
    const tracker = progress.track(input(() => bytes, 1000));
    bytes = 400;
    await new Promise((r) => setTimeout(r, 250));
    tracker.tick(2000);
    progress.log('big.ndjson line 7: bad JSON');
    tracker.done();
    expect(text()).toMatch(/big\.ndjson \[.*\] 40% \| 2000 lines \| \d+ lines\/s \| ETA /);
    expect(text()).toMatch(/\r\x1b\[Kbig\.ndjson line 7: bad JSON\n/);
  });

  it('writes nothing but log lines when stderr is not a terminal', () => {
    const { stream, text } = fakeStderr(false);
    const progress = createProgress(stream);
    const tracker = progress.track(input(() => 500, 1000));
    tracker.tick(2000);
    progress.log('summary');
    tracker.done();
    expect(text()).toBe('summary\n');
  });
});
