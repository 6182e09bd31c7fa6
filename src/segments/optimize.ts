// Nelder-Mead simplex minimiser (Nelder & Mead 1965; standard coefficients reflection 1, expansion 2,
// contraction 0.5, shrink 0.5, as in Lagarias et al. 1998). Derivative-free, so the likelihoods
// need no gradients; the CLV fits run it on log-parameters so every parameter stays positive.
// It restarts from its best point until a restart stops improving, which guards against the
// simplex collapsing early on the flat ridges these likelihoods have.

export interface MinimizeOptions {
  maxIterations?: number;
  /** stop when the simplex's function values differ by less than this */
  tolerance?: number;
  /** initial simplex step per coordinate */
  step?: number;
  restarts?: number;
}

export interface MinimizeResult {
  x: number[];
  value: number;
  iterations: number;
}

function simplexRun(f: (x: number[]) => number, x0: number[], step: number, maxIter: number, tol: number): MinimizeResult {
  const n = x0.length;
  const pts: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] = (p[i] as number) + step;
    pts.push(p);
  }
  const vals = pts.map(f);
  const order = pts.map((_, i) => i);
  let it = 0;
  const at = (p: number[], i: number) => p[i] as number;
  for (; it < maxIter; it++) {
    order.sort((i, j) => (vals[i] as number) - (vals[j] as number));
    const best = order[0] as number;
    const worst = order[n] as number;
    const second = order[n - 1] as number;
    if (Math.abs((vals[worst] as number) - (vals[best] as number)) <= tol * (1 + Math.abs(vals[best] as number))) break;
    const centroid = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) {
      const p = pts[order[k] as number] as number[];
      for (let i = 0; i < n; i++) centroid[i] = at(centroid, i) + at(p, i) / n;
    }
    const w = pts[worst] as number[];
    const along = (t: number) => centroid.map((c, i) => c + t * (c - at(w, i)));
    const xr = along(1);
    const fr = f(xr);
    if (fr < (vals[best] as number)) {
      const xe = along(2);
      const fe = f(xe);
      if (fe < fr) [pts[worst], vals[worst]] = [xe, fe];
      else [pts[worst], vals[worst]] = [xr, fr];
    } else if (fr < (vals[second] as number)) {
      [pts[worst], vals[worst]] = [xr, fr];
    } else {
      const outside = fr < (vals[worst] as number);
      const xc = along(outside ? 0.5 : -0.5);
      const fc = f(xc);
      if (fc < (outside ? fr : (vals[worst] as number))) {
        [pts[worst], vals[worst]] = [xc, fc];
      } else {
        const b = pts[best] as number[];
        for (let k = 1; k <= n; k++) {
          const idx = order[k] as number;
          pts[idx] = (pts[idx] as number[]).map((v, i) => at(b, i) + 0.5 * (v - at(b, i)));
          vals[idx] = f(pts[idx] as number[]);
        }
      }
    }
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if ((vals[i] as number) < (vals[bi] as number)) bi = i;
  return { x: pts[bi] as number[], value: vals[bi] as number, iterations: it };
}

/** Minimises f from x0. Non-finite values count as +Infinity (outside the model's domain). */
export function nelderMead(f: (x: number[]) => number, x0: number[], options: MinimizeOptions = {}): MinimizeResult {
  const safe = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const maxIter = options.maxIterations ?? 5000;
  const tol = options.tolerance ?? 1e-12;
  let result = simplexRun(safe, x0, options.step ?? 0.5, maxIter, tol);
  let iterations = result.iterations;
  for (let r = 0; r < (options.restarts ?? 5); r++) {
    const next = simplexRun(safe, result.x, (options.step ?? 0.5) / 4, maxIter, tol);
    iterations += next.iterations;
    const improved = next.value < result.value - tol * (1 + Math.abs(result.value));
    if (next.value <= result.value) result = next;
    if (!improved) break;
  }
  return { ...result, iterations };
}
