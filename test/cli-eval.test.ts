// `rapport eval` dispatch: the evaluator gets the paths and flags; stdout ends with `macro-F1 0.xxx`.
import { describe, expect, it, vi, afterEach } from 'vitest';
import { Command } from 'commander';
import type { EvalOptions } from '../src/eval/report.js';

const calls: { paths: string[]; options: EvalOptions }[] = [];
vi.mock('../src/eval/sentiment.js', () => ({
  evaluate: async (paths: string[], options: EvalOptions) => {
    calls.push({ paths, options });
    return { body: 'confusion matrix\nneg  3  1\npos  0  4', macroF1: 0.87654 };
  },
}));

const { register } = await import('../src/cli/commands/eval.js');

async function run(args: string[]): Promise<string> {
  const program = new Command('rapport').exitOverride();
  program.configureOutput({ writeErr: () => undefined });
  register(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'rapport', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

afterEach(() => {
  calls.length = 0;
});

describe('rapport eval', () => {
  it('passes paths and flags to the evaluator and prints the body, then macro-F1 as the last line', async () => {
    const out = await run(['eval', 'sentiment', 'a.txt', 'b.txt', '--compare', '--folds', '5', '--seed', '0']);
    expect(calls).toEqual([{ paths: ['a.txt', 'b.txt'], options: { compare: true, cv: undefined, folds: 5, seed: 0 } }]);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('confusion matrix');
    expect(lines.at(-1)).toBe('macro-F1 0.877');
  });

  it('rejects an unknown kind and a bad fold count before any evaluator runs', async () => {
    await expect(run(['eval', 'vibes', 'x'])).rejects.toThrow(/unknown eval kind "vibes"/);
    await expect(run(['eval', 'sentiment', 'x', '--folds', '1'])).rejects.toThrow(/integer >= 2/);
    expect(calls).toHaveLength(0);
  });
});
