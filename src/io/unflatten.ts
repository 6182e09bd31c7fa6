// CSV cells -> the nested record the zod schemas expect: "social.likes" becomes { social: { likes } }.
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

/** Empty cells are left out, so an empty optional column reads as absent rather than "" or 0. */
export function unflatten(row: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in row) {
    const value = row[key];
    if (value === undefined || value === '') continue;
    const dot = key.indexOf('.');
    if (dot < 0) {
      out[key] = value;
      continue;
    }
    const parts = key.split('.');
    // a header like "__proto__.x" must not reach Object.prototype
    if (parts.some((p) => UNSAFE.has(p))) continue;
    let node = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i] as string;
      const next = node[part];
      if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
      else node = node[part] = {};
    }
    node[parts[parts.length - 1] as string] = value;
  }
  return out;
}
