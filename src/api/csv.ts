// Minimal RFC 4180 CSV writing for exports.
const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
export const csvRow = (values: unknown[]): string => `${values.map(cell).join(',')}\r\n`;
