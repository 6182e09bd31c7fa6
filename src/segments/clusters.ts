// Data-driven clusters: k-means (Lloyd's algorithm, k-means++ seeding, seeded so runs repeat) on
// standardized features, k in 2..8 chosen by the mean silhouette (Rousseeuw 1987), computed on a
// seeded sample of at most 1,500 customers to keep it O(sample^2). A k whose smallest cluster holds
// fewer than 2% of the customers (at least 2) is passed over when another k qualifies: the
// silhouette otherwise rewards splitting off a handful of outliers, which says nothing about the
// base. Each cluster is described by its
// most distinctive features: the (up to 3) features whose cluster mean lies furthest from the base
// mean, at least 0.5 standard deviations, in words ("high spend, low days since last purchase").
import { standardize } from './stats.js';
import { seededRandom } from '../random.js';

export interface Feature {
  name: string;
  values: ArrayLike<number>;
}

export interface ClusterInfo {
  id: number;
  size: number;
  /** mean z-score per feature */
  centroid: Record<string, number>;
  description: string;
}

export interface Clustering {
  k: number;
  silhouette: number;
  assignment: Int32Array;
  clusters: ClusterInfo[];
  /** silhouette per k tried */
  tried: Record<number, number>;
}

export interface ClusterOptions {
  kMin?: number;
  kMax?: number;
  seed?: number;
  sample?: number;
}

function sqDist(a: Float64Array, i: number, c: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let f = 0; f < d; f++) {
    const t = (a[i * d + f] as number) - (c[j * d + f] as number);
    s += t * t;
  }
  return s;
}

/** Lloyd's k-means with k-means++ seeding over row-major points (n x d). */
export function kmeans(points: Float64Array, n: number, d: number, k: number, rand: () => number, maxIter = 100): Int32Array {
  const centers = new Float64Array(k * d);
  const copy = (dst: number, src: number) => {
    for (let f = 0; f < d; f++) centers[dst * d + f] = points[src * d + f] as number;
  };
  copy(0, Math.floor(rand() * n));
  const nearest = new Float64Array(n).fill(Infinity);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i] as number, sqDist(points, i, centers, c - 1, d));
      total += nearest[i] as number;
    }
    let target = rand() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      target -= nearest[i] as number;
      if (target <= 0) {
        pick = i;
        break;
      }
    }
    copy(c, pick);
  }
  const assign = new Int32Array(n).fill(-1);
  for (let it = 0; it < maxIter; it++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const dd = sqDist(points, i, centers, c, d);
        if (dd < bestD) [best, bestD] = [c, dd];
      }
      if (assign[i] !== best) [assign[i], changed] = [best, true];
    }
    if (!changed) break;
    const counts = new Float64Array(k);
    centers.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assign[i] as number;
      counts[c] = (counts[c] as number) + 1;
      for (let f = 0; f < d; f++) centers[c * d + f] = (centers[c * d + f] as number) + (points[i * d + f] as number);
    }
    for (let c = 0; c < k; c++) for (let f = 0; f < d; f++) centers[c * d + f] = (centers[c * d + f] as number) / Math.max(1, counts[c] as number);
  }
  return assign;
}

/** Mean silhouette of the given points (indices into the row-major matrix). */
export function silhouette(points: Float64Array, d: number, assign: Int32Array, idx: readonly number[], k: number): number {
  let total = 0;
  for (const i of idx) {
    const sum = new Float64Array(k);
    const cnt = new Float64Array(k);
    for (const j of idx) {
      if (i === j) continue;
      const c = assign[j] as number;
      sum[c] = (sum[c] as number) + Math.sqrt(sqDist(points, i, points, j, d));
      cnt[c] = (cnt[c] as number) + 1;
    }
    const own = assign[i] as number;
    if (!cnt[own]) continue; // a singleton's silhouette is 0
    const a = (sum[own] as number) / (cnt[own] as number);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && cnt[c]) b = Math.min(b, (sum[c] as number) / (cnt[c] as number));
    if (Number.isFinite(b)) total += (b - a) / Math.max(a, b);
  }
  return idx.length ? total / idx.length : 0;
}

export function describeCluster(centroid: Record<string, number>): string {
  const parts = Object.entries(centroid)
    .filter(([, z]) => Math.abs(z) >= 0.5)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3)
    .map(([name, z]) => `${Math.abs(z) >= 1.5 ? 'very ' : ''}${z > 0 ? 'high' : 'low'} ${name}`);
  return parts.length ? parts.join(', ') : 'close to the average customer';
}

export function cluster(features: readonly Feature[], options: ClusterOptions = {}): Clustering {
  const n = features[0]?.values.length ?? 0;
  const d = features.length;
  const kMin = options.kMin ?? 2;
  const kMax = Math.min(options.kMax ?? 8, Math.max(kMin, n - 1));
  if (n < kMin + 1 || d === 0) return { k: 1, silhouette: 0, assignment: new Int32Array(n), clusters: [], tried: {} };
  const z = features.map((f) => standardize(f.values));
  const points = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) points[i * d + f] = (z[f] as Float64Array)[i] as number;
  const rand = seededRandom(options.seed ?? 1);
  const all = Array.from({ length: n }, (_, i) => i);
  const sampleSize = Math.min(n, options.sample ?? 1500);
  for (let i = n - 1; i > 0 && sampleSize < n; i--) {
    const j = Math.floor(rand() * (i + 1));
    [all[i], all[j]] = [all[j] as number, all[i] as number];
  }
  const sample = all.slice(0, sampleSize);
  let best: { k: number; s: number; a: Int32Array; ok: boolean } | undefined;
  const tried: Record<number, number> = {};
  const minSize = Math.max(2, Math.ceil(0.02 * n));
  for (let k = kMin; k <= kMax; k++) {
    const a = kmeans(points, n, d, k, rand);
    const s = silhouette(points, d, a, sample, k);
    tried[k] = s;
    const sizes = new Int32Array(k);
    for (const c of a) sizes[c] = (sizes[c] as number) + 1;
    const ok = sizes.every((v) => v >= minSize);
    if (!best || (ok && !best.ok) || (ok === best.ok && s > best.s)) best = { k, s, a, ok };
  }
  const { k, s, a } = best as { k: number; s: number; a: Int32Array };
  const clusters: ClusterInfo[] = [];
  for (let c = 0; c < k; c++) {
    let size = 0;
    const centroid: Record<string, number> = {};
    for (const f of features) centroid[f.name] = 0;
    for (let i = 0; i < n; i++) {
      if (a[i] !== c) continue;
      size++;
      features.forEach((f, fi) => (centroid[f.name] = (centroid[f.name] as number) + (points[i * d + fi] as number)));
    }
    for (const f of features) centroid[f.name] = size ? (centroid[f.name] as number) / size : 0;
    clusters.push({ id: c, size, centroid, description: describeCluster(centroid) });
  }
  return { k, silhouette: s, assignment: a, clusters, tried };
}
