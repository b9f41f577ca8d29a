import { describe, expect, it } from 'vitest';
import { cosineDrift, cubicSplineAt, detrendInPlace, pivotedQr } from '../../../src/study/clean/index.js';
import { solveTridiagonal } from '../../../src/study/clean/spline.js';

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
}

describe('pivoted Householder QR', () => {
  const n = 30;
  const r = rng(3);
  const a = Array.from({ length: 4 }, (_, j) => Float64Array.from({ length: n }, () => r() * (j + 1)));
  a.push(Float64Array.from(a[0], (v, i) => 2 * v - a[2][i])); // dependent column

  it('factors A·P = Q·R with orthonormal Q and |diag R| non-increasing', () => {
    const { q, rDiag, pivots } = pivotedQr(a, n);
    expect(q).toHaveLength(5);
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        const dot = q[i].reduce((s, v, t) => s + v * q[j][t], 0);
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
    for (let j = 1; j < 5; j++) expect(Math.abs(rDiag[j])).toBeLessThanOrEqual(Math.abs(rDiag[j - 1]) + 1e-12);
    expect([...pivots].sort()).toEqual([0, 1, 2, 3, 4]);
    // Each pivoted column lies in the span of the first j+1 Q columns, with R_jj = q_jᵀ a_pj.
    pivots.forEach((p, j) => {
      const coef = q.slice(0, j + 1).map((col) => col.reduce((s, v, t) => s + v * a[p][t], 0));
      expect(Math.abs(coef[j])).toBeCloseTo(Math.abs(rDiag[j]), 10);
      const residual = a[p].map((v, t) => v - coef.reduce((s, c, k) => s + c * q[k][t], 0));
      residual.forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-12));
    });
  });

  it('reveals the dependent column with a negligible last diagonal', () => {
    const { rDiag } = pivotedQr(a, n);
    expect(Math.abs(rDiag[4])).toBeLessThan(1e-13);
    expect(Math.abs(rDiag[3])).toBeGreaterThan(0.1);
  });
});

describe('not-a-knot cubic spline', () => {
  it('reproduces a cubic exactly through unevenly spaced knots, also when extrapolating', () => {
    const p = (t: number) => 0.5 * t ** 3 - 2 * t ** 2 + t - 4;
    const x = [0, 1, 2, 5, 6, 9, 10];
    const got = cubicSplineAt(x, Float64Array.from(x, p), [0.5, 3, 4, 7.5, 12], true);
    [0.5, 3, 4, 7.5, 12].forEach((t, i) => expect(got[i]).toBeCloseTo(p(t), 9));
  });

  it('is the parabola through 3 points and the line through 2', () => {
    const q = (t: number) => 3 * t * t - t + 2;
    const parabola = cubicSplineAt([0, 1, 4], Float64Array.from([0, 1, 4], q), [2, 3], false);
    expect(parabola[0]).toBeCloseTo(q(2), 10);
    expect(parabola[1]).toBeCloseTo(q(3), 10);
    const line = cubicSplineAt([2, 6], Float64Array.from([1, 9]), [3, 5], false);
    expect(line[0]).toBeCloseTo(3, 12);
    expect(line[1]).toBeCloseTo(7, 12);
  });

  it('gives NaN outside the knots without extrapolation', () => {
    const got = cubicSplineAt([1, 2, 3, 4], Float64Array.from([1, 4, 9, 16]), [0, 5], false);
    expect(Number.isNaN(got[0]) && Number.isNaN(got[1])).toBe(true);
  });

  it('solves a tridiagonal system that needs row swaps like dense elimination', () => {
    // [[1, 5, 0], [4, 1, 2], [0, 3, 1]] · [1, 2, 3] = [11, 12, 9]
    const sol = solveTridiagonal(Float64Array.from([4, 3]), Float64Array.from([1, 1, 1]), Float64Array.from([5, 2]), Float64Array.from([11, 12, 9]));
    [1, 2, 3].forEach((v, i) => expect(sol[i]).toBeCloseTo(v, 12));
  });
});

describe('detrending and the cosine basis', () => {
  it('removes a + b·t exactly and leaves what is orthogonal to it', () => {
    const n = 11;
    const wave = Float64Array.from({ length: n }, (_, t) => (t - 5) ** 2 - 10); // even around the centre, mean 0
    const x = wave.map((v, t) => v + 3 - 0.7 * t);
    detrendInPlace(x);
    x.forEach((v, t) => expect(v).toBeCloseTo(wave[t], 12));
  });

  it('builds floor(2·n·high_pass·TR) orthonormal cosines (8 for 200 volumes, 0.01 Hz, TR 2)', () => {
    const cos = cosineDrift(0.01, 200, 2);
    expect(cos).toHaveLength(8);
    expect(cos[0][0]).toBeCloseTo(Math.sqrt(2 / 200) * Math.cos((Math.PI / 200) * 0.5), 15);
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) expect(cos[i].reduce((s, v, t) => s + v * cos[j][t], 0)).toBeCloseTo(i === j ? 1 : 0, 12);
    }
  });
});
