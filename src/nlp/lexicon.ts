// Lexicons are versioned JSON data under lexicons/; each is validated once when first loaded.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** lexicons/ sits two levels above this file both in src/nlp and in dist/nlp. */
const LEXICON_DIR = fileURLToPath(new URL('../../lexicons/', import.meta.url));
const MODEL_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

/** Every lexicon and model file carries these header fields. */
export const DataHeader = z.object({
  name: z.string(),
  version: z.string(),
  origin: z.string(),
});

const loaded = new Map<string, string>();

function load<S extends z.ZodTypeAny>(dir: string, file: string, schema: S): z.output<S> {
  const path = dir + file;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`);
  }
  const header = DataHeader.safeParse(raw);
  const body = schema.safeParse(raw);
  if (!header.success || !body.success) {
    const issue = (header.success ? body.error : header.error)?.issues[0];
    throw new Error(`${path} is malformed at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  loaded.set(header.data.name, header.data.version);
  return body.data;
}

export function loadLexicon<S extends z.ZodTypeAny>(file: string, schema: S): z.output<S> {
  return load(LEXICON_DIR, file, schema);
}

export function loadModel<S extends z.ZodTypeAny>(file: string, schema: S): z.output<S> {
  return load(MODEL_DIR, file, schema);
}

/** name -> version of every lexicon and model loaded so far (named in each profile). */
export function loadedVersions(): Record<string, string> {
  return Object.fromEntries([...loaded.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
