// Multinomial logistic regression (softmax) with L2, trained by full-batch gradient descent with
// Nesterov momentum. Small and dependency-free: the archetype model has a few dozen features and a few
// hundred training customers, so exact batch gradients are cheap and reproducible.

export interface SoftmaxModel {
  classes: string[];
  /** weights[class][feature] */
  weights: number[][];
  bias: number[];
}

export interface TrainOptions {
  l2?: number;
  epochs?: number;
  learningRate?: number;
  /** per-class weight multiplier on the loss (e.g. to balance classes) */
  classWeights?: Record<string, number>;
  /** per-feature multiplier of the L2 penalty (default 1 for every feature) */
  l2Scale?: readonly number[];
}

export function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function logits(model: SoftmaxModel, x: ArrayLike<number>): number[] {
  return model.weights.map((w, k) => {
    let z = model.bias[k] as number;
    for (let j = 0; j < w.length; j++) z += (w[j] as number) * (x[j] as number);
    return z;
  });
}

export function predictProba(model: SoftmaxModel, x: ArrayLike<number>, temperature = 1): number[] {
  return softmax(logits(model, x).map((z) => z / temperature));
}

export function trainSoftmax(X: ArrayLike<number>[], y: string[], classes: string[], options: TrainOptions = {}): SoftmaxModel {
  const { l2 = 1e-2, epochs = 400, learningRate = 0.5 } = options;
  const K = classes.length;
  const D = X[0]?.length ?? 0;
  const N = X.length;
  const index = new Map(classes.map((c, i) => [c, i]));
  const target = y.map((c) => {
    const k = index.get(c);
    if (k === undefined) throw new Error(`unknown class ${c}`);
    return k;
  });
  const sampleWeight = y.map((c) => options.classWeights?.[c] ?? 1);
  const totalWeight = sampleWeight.reduce((a, b) => a + b, 0) || 1;
  const W = classes.map(() => new Array<number>(D).fill(0));
  const b = new Array<number>(K).fill(0);
  const vW = classes.map(() => new Array<number>(D).fill(0));
  const vb = new Array<number>(K).fill(0);
  const momentum = 0.9;
  const model: SoftmaxModel = { classes, weights: W, bias: b };
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gW = classes.map(() => new Array<number>(D).fill(0));
    const gb = new Array<number>(K).fill(0);
    for (let i = 0; i < N; i++) {
      const x = X[i] as ArrayLike<number>;
      const p = predictProba(model, x);
      const sw = (sampleWeight[i] as number) / totalWeight;
      for (let k = 0; k < K; k++) {
        const err = ((p[k] as number) - (k === target[i] ? 1 : 0)) * sw;
        if (err === 0) continue;
        gb[k]! += err;
        const g = gW[k] as number[];
        for (let j = 0; j < D; j++) g[j]! += err * (x[j] as number);
      }
    }
    for (let k = 0; k < K; k++) {
      const w = W[k] as number[];
      const v = vW[k] as number[];
      const g = gW[k] as number[];
      for (let j = 0; j < D; j++) {
        v[j] = momentum * (v[j] as number) - learningRate * ((g[j] as number) + l2 * (options.l2Scale?.[j] ?? 1) * (w[j] as number));
        w[j]! += v[j] as number;
      }
      vb[k] = momentum * (vb[k] as number) - learningRate * (gb[k] as number);
      b[k]! += vb[k] as number;
    }
  }
  return model;
}
