// Progress on stderr for long reads: bytes against the file size give the ETA; lines/s from records read.
// Only when stderr is a terminal: piped or redirected runs get no bar and no control characters.
import { SingleBar } from 'cli-progress';
import type { Input } from '../io/read.js';
import type { Tracker } from '../io/consume.js';

export interface Progress {
  /** a Tracker for one input (consume() calls it). */
  track(input: Input): Tracker;
  /** writes a message line to stderr without tearing the bar. */
  log(message: string): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  let bar: SingleBar | undefined;
  const log = (message: string) => {
    stream.write(bar ? `\r\x1b[K${message}\n` : `${message}\n`);
    bar?.render();
  };
  if (!stream.isTTY) return { track: () => ({ tick: () => undefined, done: () => undefined }), log };
  return {
    log,
    track(input) {
      const started = Date.now();
      const sized = input.size !== undefined && input.size > 0;
      const current = new SingleBar({
        stream,
        fps: 5,
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
        format: sized
          ? `${input.label} [{bar}] {percentage}% | {records} lines | {rate} lines/s | ETA {eta_formatted}`
          : `${input.label} {records} lines | {rate} lines/s`,
      });
      current.start(sized ? (input.size as number) : 1, 0, { records: 0, rate: 0 });
      bar = current;
      return {
        tick(records) {
          const seconds = (Date.now() - started) / 1000;
          const payload = { records, rate: seconds > 0 ? Math.round(records / seconds) : 0 };
          current.update(sized ? Math.min(input.bytesRead(), input.size as number) : 0, payload);
        },
        done() {
          current.stop();
          bar = undefined;
        },
      };
    },
  };
}
