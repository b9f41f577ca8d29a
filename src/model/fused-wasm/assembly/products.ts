// Matrix products for the recurrence's sweeps, on f32 buffers in linear memory, 128-bit SIMD.
// Blocks of 4 rows × 8 columns keep 8 accumulators, 2 loads of B and 4 broadcasts of A in 14
// of x86-64's 16 vector registers (V8 maps each v128 local to one), so every load of B feeds
// four multiply-adds. Pointers are byte addresses; leading dimensions count floats.

@inline function at(p: usize, i: i32): usize {
  return p + (<usize>i << 2);
}

@inline function madd(acc: v128, a: v128, b: v128): v128 {
  return f32x4.add(acc, f32x4.mul(a, b));
}

@inline function put(c: usize, v: v128, accumulate: bool): void {
  v128.store(c, accumulate ? f32x4.add(v128.load(c), v) : v);
}

/** C[m, n] = A[m, k]·B[k, n] (plus C when `accumulate`); A's rows lda floats apart, B's and C's n. */
export function gemm(a: usize, lda: i32, b: usize, c: usize, m: i32, k: i32, n: i32, accumulate: bool): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) rows4(at(a, i * lda), lda, b, at(c, i * n), k, n, accumulate);
  for (; i < m; i++) rows1(at(a, i * lda), b, at(c, i * n), k, n, accumulate);
}

function rows4(a: usize, lda: i32, b: usize, c: usize, k: i32, n: i32, accumulate: bool): void {
  const a1 = at(a, lda), a2 = at(a, 2 * lda), a3 = at(a, 3 * lda);
  const c1 = at(c, n), c2 = at(c, 2 * n), c3 = at(c, 3 * n);
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    let s00 = f32x4.splat(0), s01 = f32x4.splat(0), s10 = f32x4.splat(0), s11 = f32x4.splat(0);
    let s20 = f32x4.splat(0), s21 = f32x4.splat(0), s30 = f32x4.splat(0), s31 = f32x4.splat(0);
    let bp = at(b, j);
    for (let p = 0; p < k; p++) {
      const b0 = v128.load(bp), b1 = v128.load(bp, 16);
      const q = <usize>p << 2;
      const x0 = v128.load32_splat(a + q), x1 = v128.load32_splat(a1 + q);
      const x2 = v128.load32_splat(a2 + q), x3 = v128.load32_splat(a3 + q);
      s00 = madd(s00, x0, b0); s01 = madd(s01, x0, b1);
      s10 = madd(s10, x1, b0); s11 = madd(s11, x1, b1);
      s20 = madd(s20, x2, b0); s21 = madd(s21, x2, b1);
      s30 = madd(s30, x3, b0); s31 = madd(s31, x3, b1);
      bp += <usize>n << 2;
    }
    put(at(c, j), s00, accumulate); put(at(c, j + 4), s01, accumulate);
    put(at(c1, j), s10, accumulate); put(at(c1, j + 4), s11, accumulate);
    put(at(c2, j), s20, accumulate); put(at(c2, j + 4), s21, accumulate);
    put(at(c3, j), s30, accumulate); put(at(c3, j + 4), s31, accumulate);
  }
  for (; j + 4 <= n; j += 4) {
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
    let bp = at(b, j);
    for (let p = 0; p < k; p++) {
      const b0 = v128.load(bp);
      const q = <usize>p << 2;
      s0 = madd(s0, v128.load32_splat(a + q), b0);
      s1 = madd(s1, v128.load32_splat(a1 + q), b0);
      s2 = madd(s2, v128.load32_splat(a2 + q), b0);
      s3 = madd(s3, v128.load32_splat(a3 + q), b0);
      bp += <usize>n << 2;
    }
    put(at(c, j), s0, accumulate); put(at(c1, j), s1, accumulate);
    put(at(c2, j), s2, accumulate); put(at(c3, j), s3, accumulate);
  }
  for (; j < n; j++) {
    for (let r = 0; r < 4; r++) scalarDot(at(a, r * lda), b, at(c, r * n), j, k, n, accumulate);
  }
}

function rows1(a: usize, b: usize, c: usize, k: i32, n: i32, accumulate: bool): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0);
    let bp = at(b, j);
    for (let p = 0; p < k; p++) {
      const x = v128.load32_splat(at(a, p));
      s0 = madd(s0, x, v128.load(bp));
      s1 = madd(s1, x, v128.load(bp, 16));
      bp += <usize>n << 2;
    }
    put(at(c, j), s0, accumulate); put(at(c, j + 4), s1, accumulate);
  }
  for (; j + 4 <= n; j += 4) {
    let s0 = f32x4.splat(0);
    let bp = at(b, j);
    for (let p = 0; p < k; p++) {
      s0 = madd(s0, v128.load32_splat(at(a, p)), v128.load(bp));
      bp += <usize>n << 2;
    }
    put(at(c, j), s0, accumulate);
  }
  for (; j < n; j++) scalarDot(a, b, c, j, k, n, accumulate);
}

/** C[j] (+)= Σ_p A[p]·B[p, j]: the columns left of a 4-wide block. */
@inline function scalarDot(a: usize, b: usize, c: usize, j: i32, k: i32, n: i32, accumulate: bool): void {
  let s: f32 = 0;
  for (let p = 0; p < k; p++) s += load<f32>(at(a, p)) * load<f32>(at(b, p * n + j));
  const cj = at(c, j);
  store<f32>(cj, accumulate ? load<f32>(cj) + s : s);
}

/**
 * C[m, n] += Σ_r A[r, m]ᵀ·B[r, n] over `rows` rows (A's rows lda floats apart, B's ldb): the
 * recurrent weight's gradient h_{t−1}ᵀ·dpre, with 4 × 8 blocks of C held in registers over all rows.
 */
export function gemmTN(a: usize, lda: i32, b: usize, ldb: i32, c: usize, rows: i32, m: i32, n: i32): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    let j = 0;
    for (; j + 8 <= n; j += 8) {
      let s00 = f32x4.splat(0), s01 = f32x4.splat(0), s10 = f32x4.splat(0), s11 = f32x4.splat(0);
      let s20 = f32x4.splat(0), s21 = f32x4.splat(0), s30 = f32x4.splat(0), s31 = f32x4.splat(0);
      let ap = at(a, i);
      let bp = at(b, j);
      for (let r = 0; r < rows; r++) {
        const b0 = v128.load(bp), b1 = v128.load(bp, 16);
        const x0 = v128.load32_splat(ap), x1 = v128.load32_splat(ap, 4);
        const x2 = v128.load32_splat(ap, 8), x3 = v128.load32_splat(ap, 12);
        s00 = madd(s00, x0, b0); s01 = madd(s01, x0, b1);
        s10 = madd(s10, x1, b0); s11 = madd(s11, x1, b1);
        s20 = madd(s20, x2, b0); s21 = madd(s21, x2, b1);
        s30 = madd(s30, x3, b0); s31 = madd(s31, x3, b1);
        ap += <usize>lda << 2;
        bp += <usize>ldb << 2;
      }
      const c0 = at(c, i * n + j);
      const c1 = at(c0, n), c2 = at(c0, 2 * n), c3 = at(c0, 3 * n);
      put(c0, s00, true); put(c0 + 16, s01, true);
      put(c1, s10, true); put(c1 + 16, s11, true);
      put(c2, s20, true); put(c2 + 16, s21, true);
      put(c3, s30, true); put(c3 + 16, s31, true);
    }
    for (; j < n; j++) for (let q = 0; q < 4; q++) scalarTN(a, lda, b, ldb, c, rows, i + q, j, n);
  }
  for (; i < m; i++) {
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      let s0 = f32x4.splat(0);
      let ap = at(a, i);
      let bp = at(b, j);
      for (let r = 0; r < rows; r++) {
        s0 = madd(s0, v128.load32_splat(ap), v128.load(bp));
        ap += <usize>lda << 2;
        bp += <usize>ldb << 2;
      }
      put(at(c, i * n + j), s0, true);
    }
    for (; j < n; j++) scalarTN(a, lda, b, ldb, c, rows, i, j, n);
  }
}

@inline function scalarTN(a: usize, lda: i32, b: usize, ldb: i32, c: usize, rows: i32, i: i32, j: i32, n: i32): void {
  let s: f32 = 0;
  for (let r = 0; r < rows; r++) s += load<f32>(at(a, r * lda + i)) * load<f32>(at(b, r * ldb + j));
  const cij = at(c, i * n + j);
  store<f32>(cij, load<f32>(cij) + s);
}
