/*
 * The inner loops of sweep.ts: prefix means updated in place, M ← β·M + α·x (or their adjoint
 * backwards), each folding in what its pass needs. Hops go four at a time (states at mo,
 * mo + n, mo + 2n, mo + 3n; coefficients in a Block): each x_i, g_i and running sum is then
 * read and written once per four hops, which takes the passes from ~3 to ~1.5 ns per element
 * in V8. The single-hop versions handle the r mod 4 hops left over.
 */

/** Four hops' coefficients: β at 0..3, α at 4..7. */
export type Block = Float64Array;

/** acc += Σ of the four updated M (`mean`: the hops' sum). */
export function decayAdd4(m: Float64Array, mo: number, n: number, c: Block, x: Float32Array, xo: number, acc: Float64Array): void {
  const b0 = c[0], b1 = c[1], b2 = c[2], b3 = c[3], a0 = c[4], a1 = c[5], a2 = c[6], a3 = c[7];
  const o1 = mo + n, o2 = mo + 2 * n, o3 = mo + 3 * n;
  for (let i = 0; i < n; i++) {
    const xi = x[xo + i];
    const v0 = (m[mo + i] = b0 * m[mo + i] + a0 * xi);
    const v1 = (m[o1 + i] = b1 * m[o1 + i] + a1 * xi);
    const v2 = (m[o2 + i] = b2 * m[o2 + i] + a2 * xi);
    const v3 = (m[o3 + i] = b3 * m[o3 + i] + a3 * xi);
    acc[i] += v0 + v1 + (v2 + v3);
  }
}

/** Writes the updated M of each hop to out at the same offsets as in m, from `oo` (`matrix`). */
export function decayCopy4(m: Float64Array, mo: number, n: number, c: Block, x: Float32Array, xo: number, out: Float32Array, oo: number): void {
  for (let j = 0; j < 4; j++) decayCopy(m, mo + j * n, n, c[j], c[4 + j], x, xo, out, oo + j * n);
}

/** dots[j] = g_j·M_j after the update, g_j at go + j·gStep (gStep 0: one g for all hops). */
export function decayDot4(m: Float64Array, mo: number, n: number, c: Block, x: Float32Array, xo: number, g: Float32Array, go: number, gStep: number, dots: Float64Array): void {
  const b0 = c[0], b1 = c[1], b2 = c[2], b3 = c[3], a0 = c[4], a1 = c[5], a2 = c[6], a3 = c[7];
  const o1 = mo + n, o2 = mo + 2 * n, o3 = mo + 3 * n;
  const g1 = go + gStep, g2 = go + 2 * gStep, g3 = go + 3 * gStep;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[xo + i];
    s0 += g[go + i] * (m[mo + i] = b0 * m[mo + i] + a0 * xi);
    s1 += g[g1 + i] * (m[o1 + i] = b1 * m[o1 + i] + a1 * xi);
    s2 += g[g2 + i] * (m[o2 + i] = b2 * m[o2 + i] + a2 * xi);
    s3 += g[g3 + i] * (m[o3 + i] = b3 * m[o3 + i] + a3 * xi);
  }
  dots[0] = s0;
  dots[1] = s1;
  dots[2] = s2;
  dots[3] = s3;
}

/** The adjoint, backwards: R_j ← g_j + β_j·R_j, dx += Σ α_j·R_j; xr[j] = x·R_j. */
export function adjointStep4(r: Float64Array, ro: number, n: number, c: Block, g: Float32Array, go: number, gStep: number, dx: Float64Array, x: Float32Array, xo: number, xr: Float64Array): void {
  const b0 = c[0], b1 = c[1], b2 = c[2], b3 = c[3], a0 = c[4], a1 = c[5], a2 = c[6], a3 = c[7];
  const o1 = ro + n, o2 = ro + 2 * n, o3 = ro + 3 * n;
  const g1 = go + gStep, g2 = go + 2 * gStep, g3 = go + 3 * gStep;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[xo + i];
    const v0 = (r[ro + i] = g[go + i] + b0 * r[ro + i]);
    const v1 = (r[o1 + i] = g[g1 + i] + b1 * r[o1 + i]);
    const v2 = (r[o2 + i] = g[g2 + i] + b2 * r[o2 + i]);
    const v3 = (r[o3 + i] = g[g3 + i] + b3 * r[o3 + i]);
    dx[i] += a0 * v0 + a1 * v1 + (a2 * v2 + a3 * v3);
    s0 += xi * v0;
    s1 += xi * v1;
    s2 += xi * v2;
    s3 += xi * v3;
  }
  xr[0] = s0;
  xr[1] = s1;
  xr[2] = s2;
  xr[3] = s3;
}

export function decayAdd(m: Float64Array, mo: number, n: number, beta: number, alpha: number, x: Float32Array, xo: number, acc: Float64Array): void {
  for (let i = 0; i < n; i++) acc[i] += m[mo + i] = beta * m[mo + i] + alpha * x[xo + i];
}

export function decayCopy(m: Float64Array, mo: number, n: number, beta: number, alpha: number, x: Float32Array, xo: number, out: Float32Array, oo: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = m[mo + i] = beta * m[mo + i] + alpha * x[xo + i];
}

export function decayDot(m: Float64Array, mo: number, n: number, beta: number, alpha: number, x: Float32Array, xo: number, g: Float32Array, go: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += g[go + i] * (m[mo + i] = beta * m[mo + i] + alpha * x[xo + i]);
  return s;
}

export function adjointStep(r: Float64Array, ro: number, n: number, beta: number, alpha: number, g: Float32Array, go: number, dx: Float64Array, x: Float32Array, xo: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const v = (r[ro + i] = g[go + i] + beta * r[ro + i]);
    dx[i] += alpha * v;
    s += x[xo + i] * v;
  }
  return s;
}
