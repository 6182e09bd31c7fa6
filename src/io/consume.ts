// Reads one input to the end: valid records go to a callback, bad ones are reported by line and counted.
import type { z } from 'zod';
import { detectFormat } from './format.js';
import { openInput, readRecords, type Input, type RecordFilter } from './read.js';

/** Thrown by a record callback when this record cannot be used (e.g. analysis failed): it is skipped and counted. */
export class RecordError extends Error {}

/** Thrown under --strict at the first bad line, after it has been reported. */
export class StrictModeError extends Error {}

/** How many bad lines are printed one by one before the rest are only counted. */
const SHOW_BAD = 50;
const SAMPLE_BAD = 3;

export class ReadTally {
  /** records seen (valid or not); blank lines are not records. */
  read = 0;
  ok = 0;
  skipped = 0;
  /** well-formed records the filter (--where) left out */
  left = 0;
  private readonly samples: string[] = [];

  constructor(
    readonly label: string,
    private readonly warn: (message: string) => void,
  ) {}

  bad(line: number, reason: string): void {
    this.skipped++;
    if (this.skipped <= SHOW_BAD) this.warn(`${this.label} line ${line}: ${reason}`);
    else if (this.skipped === SHOW_BAD + 1) this.warn(`${this.label}: more bad lines; only counting them from here`);
    if (this.samples.length < SAMPLE_BAD) this.samples.push(`line ${line}: ${reason.length > 80 ? reason.slice(0, 77) + '...' : reason}`);
  }

  /** "skipped 2 (line 3: bad JSON: ...; line 7: channel: ...)" */
  skippedSummary(): string {
    const left = this.left ? `, left out ${this.left} by --where` : '';
    if (!this.skipped) return `skipped 0${left}`;
    const more = this.skipped > this.samples.length ? '; ...' : '';
    return `skipped ${this.skipped} (${this.samples.join('; ')}${more})${left}`;
  }
}

export interface Tracker {
  /** called every so often with the records read so far. */
  tick(records: number): void;
  done(): void;
}

export interface ConsumeOptions {
  /** --input-format; otherwise by extension. */
  inputFormat?: string;
  strict?: boolean;
  warn: (message: string) => void;
  track?: (input: Input) => Tracker;
  /** keep only the records it accepts (--where); the others are counted, not reported as bad */
  keep?: RecordFilter;
}

export async function consume<S extends z.ZodType>(
  path: string,
  schema: S,
  options: ConsumeOptions,
  onRecord: (value: z.output<S>) => void | Promise<void>,
): Promise<ReadTally> {
  const format = detectFormat(path, options.inputFormat);
  const input = await openInput(path);
  const tally = new ReadTally(input.label, options.warn);
  const tracker = options.track?.(input);
  try {
    for await (const item of readRecords(input.stream, schema, format, options.keep)) {
      tally.read++;
      if ((tally.read & 255) === 0) tracker?.tick(tally.read);
      if (!item.ok && item.left) {
        tally.left++;
        continue;
      }
      if (item.ok) {
        try {
          await onRecord(item.value);
          tally.ok++;
          continue;
        } catch (err) {
          // other errors (output failing, a bug in the loop) end the run; RecordError only skips the record
          if (!(err instanceof RecordError)) throw err;
          tally.bad(item.line, err.message);
        }
      } else tally.bad(item.line, item.reason);
      if (options.strict) throw new StrictModeError(`${input.label} line ${item.line} is bad; stopping (--strict)`);
    }
  } finally {
    tracker?.tick(tally.read);
    tracker?.done();
  }
  return tally;
}
