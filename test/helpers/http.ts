// What the service tests share: one HTTP call to the API under test, and polling until the queue workers
// have caught up.

export interface CallOptions {
  /** bearer key; none sends no Authorization header */
  key?: string | null;
  body?: string;
  type?: string;
  accept?: string;
}

export interface CallResult {
  status: number;
  /** the body parsed as JSON, or null (CSV, NDJSON, SVG) */
  json: Record<string, unknown>;
  text: string;
  headers: Headers;
  type: string;
}

export async function callApi(port: number, method: string, path: string, opts: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = {};
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  if (opts.type) headers['content-type'] = opts.type;
  if (opts.accept) headers.accept = opts.accept;
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers, body: opts.body });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, json: json as Record<string, unknown>, text, headers: res.headers, type: res.headers.get('content-type') ?? '' };
}

/** Polls fn every 200 ms until it gives a truthy value; fails naming `what` after ms. */
export async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
