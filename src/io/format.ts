// Which parser reads an input: NDJSON or CSV, from the --input-format flag or else the file's extension.
export const INPUT_FORMATS = ['ndjson', 'csv'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** `explicit` wins; otherwise .csv/.tsv-less names and stdin ("-") default to NDJSON. */
export function detectFormat(path: string, explicit?: string): InputFormat {
  if (explicit !== undefined) {
    if (!(INPUT_FORMATS as readonly string[]).includes(explicit)) {
      throw new Error(`--input-format must be one of ${INPUT_FORMATS.join(', ')}, got "${explicit}"`);
    }
    return explicit as InputFormat;
  }
  return /\.csv$/i.test(path) ? 'csv' : 'ndjson';
}
