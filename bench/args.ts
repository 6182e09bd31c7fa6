// Command-line flags shared by the benchmarks: `--name`, `--name <positive number>`, `--name <text>`.
const args = process.argv.slice(2);

export const flag = (name: string): boolean => args.includes(name);

export function num(name: string, fallback: number): number {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const n = Number(args[at + 1]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} needs a positive number`);
  return n;
}

export function str(name: string): string | undefined {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
}
