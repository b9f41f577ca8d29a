/** Economic QR with column pivoting: A·P = Q·R, Q n×k with orthonormal columns, k = min(n, m). */
export interface PivotedQr {
  /** The k columns of Q, each of length n. */
  q: Float64Array[];
  /** Diagonal of R, non-increasing in magnitude. */
  rDiag: number[];
  /** pivots[j] = the column of A that became column j of A·P. */
  pivots: number[];
}

/**
 * Householder QR with column pivoting (largest remaining column norm first, as LAPACK's
 * dgeqp3), on the columns of A (each of length n). A is not modified.
 */
export function pivotedQr(columns: Float64Array[], n: number): PivotedQr {
  const m = columns.length;
  const a = columns.map((c) => Float64Array.from(c));
  const pivots = columns.map((_, j) => j);
  const k = Math.min(n, m);
  const reflectors: Float64Array[] = [];
  const taus: number[] = [];
  const rDiag: number[] = [];
  for (let j = 0; j < k; j++) {
    let best = j;
    let bestNorm = -1;
    for (let c = j; c < m; c++) {
      let s = 0;
      for (let i = j; i < n; i++) s += a[c][i] * a[c][i];
      if (s > bestNorm) {
        bestNorm = s;
        best = c;
      }
    }
    [a[j], a[best]] = [a[best], a[j]];
    [pivots[j], pivots[best]] = [pivots[best], pivots[j]];
    const col = a[j];
    const alpha = col[j];
    let xnorm = 0;
    for (let i = j + 1; i < n; i++) xnorm += col[i] * col[i];
    const v = new Float64Array(n);
    let tau = 0;
    let beta = alpha;
    if (xnorm > 0) {
      beta = -Math.sign(alpha || 1) * Math.sqrt(alpha * alpha + xnorm);
      tau = (beta - alpha) / beta;
      v[j] = 1;
      for (let i = j + 1; i < n; i++) v[i] = col[i] / (alpha - beta);
    }
    rDiag.push(beta);
    reflectors.push(v);
    taus.push(tau);
    col[j] = beta;
    for (let i = j + 1; i < n; i++) col[i] = 0;
    for (let c = j + 1; c < m; c++) applyReflector(v, tau, j, a[c]);
  }
  const q = Array.from({ length: k }, (_, j) => {
    const e = new Float64Array(n);
    e[j] = 1;
    for (let r = k - 1; r >= 0; r--) applyReflector(reflectors[r], taus[r], r, e);
    return e;
  });
  return { q, rDiag, pivots };
}

/** x ← (I − τ·v·vᵀ)·x, with v zero before `start`. */
function applyReflector(v: Float64Array, tau: number, start: number, x: Float64Array): void {
  if (tau === 0) return;
  let dot = 0;
  for (let i = start; i < x.length; i++) dot += v[i] * x[i];
  dot *= tau;
  for (let i = start; i < x.length; i++) x[i] -= dot * v[i];
}
