/**
 * Cubic spline through (x[i], y[i]) with scipy's default `CubicSpline` end conditions
 * (not-a-knot; a parabola through 3 points; a line through 2), evaluated at `at`. Points
 * outside [x[0], x[last]] get NaN unless `extrapolate`, which continues the end pieces.
 * `x` must be strictly increasing with at least 2 points.
 */
export function cubicSplineAt(x: number[], y: Float64Array, at: number[], extrapolate: boolean): Float64Array {
  const n = x.length;
  const dx = new Float64Array(n - 1);
  const slope = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) {
    dx[i] = x[i + 1] - x[i];
    slope[i] = (y[i + 1] - y[i]) / dx[i];
  }
  const s = knotSlopes(x, dx, slope);
  const out = new Float64Array(at.length);
  let piece = 0;
  at.forEach((t, j) => {
    if (!extrapolate && (t < x[0] || t > x[n - 1])) {
      out[j] = NaN;
      return;
    }
    while (piece > 0 && t < x[piece]) piece--;
    while (piece < n - 2 && t >= x[piece + 1]) piece++;
    const h = dx[piece];
    const c1 = (s[piece] + s[piece + 1] - 2 * slope[piece]) / h;
    const c3 = c1 / h;
    const c2 = (slope[piece] - s[piece]) / h - c1;
    const d = t - x[piece];
    out[j] = ((c3 * d + c2) * d + s[piece]) * d + y[piece];
  });
  return out;
}

/** First derivatives of the spline at the knots. */
function knotSlopes(x: number[], dx: Float64Array, slope: Float64Array): Float64Array {
  const n = x.length;
  if (n === 2) return Float64Array.from([slope[0], slope[0]]);
  if (n === 3) {
    // The parabola through the 3 points: p'(t) = f01 + f012·(2t − x0 − x1).
    const f012 = (slope[1] - slope[0]) / (x[2] - x[0]);
    return Float64Array.from(x.map((t) => slope[0] + f012 * (2 * t - x[0] - x[1])));
  }
  const lower = new Float64Array(n - 1);
  const diag = new Float64Array(n);
  const upper = new Float64Array(n - 1);
  const rhs = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) {
    lower[i - 1] = dx[i];
    diag[i] = 2 * (dx[i - 1] + dx[i]);
    upper[i] = dx[i - 1];
    rhs[i] = 3 * (dx[i] * slope[i - 1] + dx[i - 1] * slope[i]);
  }
  const d0 = x[2] - x[0];
  diag[0] = dx[1];
  upper[0] = d0;
  rhs[0] = ((dx[0] + 2 * d0) * dx[1] * slope[0] + dx[0] ** 2 * slope[1]) / d0;
  const dn = x[n - 1] - x[n - 3];
  diag[n - 1] = dx[n - 3];
  lower[n - 2] = dn;
  rhs[n - 1] = (dx[n - 2] ** 2 * slope[n - 3] + (2 * dn + dx[n - 2]) * dx[n - 3] * slope[n - 2]) / dn;
  return solveTridiagonal(lower, diag, upper, rhs);
}

/**
 * Solves a tridiagonal system by Gaussian elimination with partial pivoting (the not-a-knot
 * end rows are not diagonally dominant). lower[i] is row i+1's entry left of the diagonal,
 * upper[i] row i's entry right of it. The arguments are overwritten.
 */
export function solveTridiagonal(lower: Float64Array, diag: Float64Array, upper: Float64Array, b: Float64Array): Float64Array {
  const n = diag.length;
  const fill = new Float64Array(n); // second superdiagonal created by row swaps
  for (let i = 0; i < n - 1; i++) {
    if (Math.abs(diag[i]) >= Math.abs(lower[i])) {
      const f = lower[i] / diag[i];
      diag[i + 1] -= f * upper[i];
      if (i < n - 2) fill[i] = 0;
      b[i + 1] -= f * b[i];
    } else {
      const f = diag[i] / lower[i];
      diag[i] = lower[i];
      const nextDiag = diag[i + 1];
      diag[i + 1] = upper[i] - f * nextDiag;
      if (i < n - 2) {
        fill[i] = upper[i + 1];
        upper[i + 1] = -f * fill[i];
      }
      upper[i] = nextDiag;
      const bi = b[i];
      b[i] = b[i + 1];
      b[i + 1] = bi - f * b[i + 1];
    }
  }
  b[n - 1] /= diag[n - 1];
  if (n > 1) b[n - 2] = (b[n - 2] - upper[n - 2] * b[n - 1]) / diag[n - 2];
  for (let i = n - 3; i >= 0; i--) b[i] = (b[i] - upper[i] * b[i + 1] - fill[i] * b[i + 2]) / diag[i];
  return b;
}
