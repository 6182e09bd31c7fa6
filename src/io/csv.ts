// CSV output cells (RFC 4180): quote a cell when it holds a comma, quote or line break; and the line
// endings CSV input may mix.

/**
 * Record delimiters for csv-parse. Left to itself it takes the first line's ending for the whole file,
 * so a file whose header ends in CRLF and whose rows end in LF (rows appended by another tool) lost
 * every row as "Invalid Closing Quote". Any of the three ends a record; inside quotes none does.
 */
export const CSV_RECORD_DELIMITERS = ['\r\n', '\n', '\r'];

export type Cell = string | number | boolean | null | undefined;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(',');
}
