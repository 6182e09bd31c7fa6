// CSV output cells (RFC 4180): quote a cell when it holds a comma, quote or line break.
export type Cell = string | number | boolean | null | undefined;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(',');
}
