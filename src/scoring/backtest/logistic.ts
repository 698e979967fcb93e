/**
 * Weighted logistic regression with a Gaussian prior on each coefficient (ridge toward a given
 * mean), fitted by Newton's method. The intercept is unpenalised. Small and dependency-free: the
 * backtest fits about ten coefficients.
 */

export interface LogisticRow {
  x: readonly number[];
  /** 1 for the positive class (a lost deal). */
  y: 0 | 1;
  weight: number;
}

export interface LogisticPrior {
  mean: readonly number[];
  /** 1 / variance of each coefficient's prior. */
  precision: readonly number[];
}

export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  iterations: number;
  converged: boolean;
}

const sigmoid = (t: number): number => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));

/** Solves A·v = b by Gaussian elimination with partial pivoting (A is small and positive definite here). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    for (let r = col + 1; r < n; r++) {
      const f = m[r]![col]! / p;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  const v = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let c = r + 1; c < n; c++) s -= m[r]![c]! * v[c]!;
    v[r] = s / m[r]![r]!;
  }
  return v;
}

/** The objective: weighted log-likelihood minus the prior's penalty. */
function objective(rows: readonly LogisticRow[], prior: LogisticPrior, beta: readonly number[]): number {
  let total = 0;
  for (const row of rows) {
    let eta = beta[0]!;
    for (let j = 0; j < row.x.length; j++) eta += beta[j + 1]! * row.x[j]!;
    // log(1 + e^eta), computed without overflow.
    const softplus = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
    total += row.weight * (row.y * eta - softplus);
  }
  for (let j = 0; j < prior.mean.length; j++) total -= 0.5 * prior.precision[j]! * (beta[j + 1]! - prior.mean[j]!) ** 2;
  return total;
}

/** Gradient and Hessian of the objective (the Hessian negated, so it is positive definite). */
function derivatives(rows: readonly LogisticRow[], prior: LogisticPrior, beta: readonly number[]): { gradient: number[]; hessian: number[][] } {
  const k = prior.mean.length;
  const gradient = new Array<number>(k + 1).fill(0);
  const hessian = Array.from({ length: k + 1 }, () => new Array<number>(k + 1).fill(0));
  for (const row of rows) {
    let eta = beta[0]!;
    for (let j = 0; j < k; j++) eta += beta[j + 1]! * row.x[j]!;
    const mu = sigmoid(eta);
    const r = row.weight * (row.y - mu);
    const w = row.weight * mu * (1 - mu);
    for (let a = 0; a <= k; a++) {
      const xa = a === 0 ? 1 : row.x[a - 1]!;
      if (xa === 0) continue;
      gradient[a]! += r * xa;
      for (let b = a; b <= k; b++) hessian[a]![b]! += w * xa * (b === 0 ? 1 : row.x[b - 1]!);
    }
  }
  // A tiny ridge on the intercept keeps the system solvable when one class is rare.
  hessian[0]![0]! += 1e-9;
  for (let j = 0; j < k; j++) {
    gradient[j + 1]! -= prior.precision[j]! * (beta[j + 1]! - prior.mean[j]!);
    hessian[j + 1]![j + 1]! += prior.precision[j]!;
  }
  for (let a = 0; a <= k; a++) for (let b = 0; b < a; b++) hessian[a]![b] = hessian[b]![a]!;
  return { gradient, hessian };
}

/**
 * Maximises the weighted log-likelihood minus the prior's penalty, ½·Σ precision·(β − mean)²:
 * Newton steps, halved until the objective improves (plain Newton can overshoot on nearly
 * separable data).
 */
export function fitLogistic(rows: readonly LogisticRow[], prior: LogisticPrior, maxIterations = 100): LogisticFit {
  let beta = [0, ...prior.mean];
  let value = objective(rows, prior, beta);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const { gradient, hessian } = derivatives(rows, prior, beta);
    const step = solve(hessian, gradient);
    let scale = 1;
    let next = beta.map((b, j) => b + step[j]!);
    let nextValue = objective(rows, prior, next);
    while (!(nextValue >= value) && scale > 1e-6) {
      scale /= 2;
      next = beta.map((b, j) => b + scale * step[j]!);
      nextValue = objective(rows, prior, next);
    }
    const size = Math.max(...step.map((d) => Math.abs(d * scale)));
    if (!(nextValue >= value)) return { intercept: beta[0]!, coefficients: beta.slice(1), iterations: iteration, converged: false };
    const gain = nextValue - value;
    beta = next;
    value = nextValue;
    if (size < 1e-9 || (gain < 1e-12 && size < 1e-6)) return { intercept: beta[0]!, coefficients: beta.slice(1), iterations: iteration, converged: true };
  }
  return { intercept: beta[0]!, coefficients: beta.slice(1), iterations: maxIterations, converged: false };
}
