// Test data: gamma variates for simulating customers from known BG/NBD, Pareto/NBD and Gamma-Gamma parameters.

/** Marsaglia-Tsang gamma sampler (shape k, rate 1), with the boost for k < 1. */
export function gammaSampler(rand: () => number) {
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const sample = (k: number): number => {
    if (k < 1) return sample(k + 1) * Math.pow(rand(), 1 / k);
    const d = k - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const z = normal();
      const v = (1 + c * z) ** 3;
      if (v <= 0) continue;
      const u = rand();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  return sample;
}
