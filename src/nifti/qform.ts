/** The NIfTI-1 qform fields that encode an affine. */
export interface Qform {
  /** Quaternion (b, c, d) of the rotation; a = √(1 − b² − c² − d²) ≥ 0 is implied. */
  quatern: [number, number, number];
  qoffset: [number, number, number];
  /** pixdim[0]: −1 when the affine is a reflection (left-handed), else 1. */
  qfac: 1 | -1;
  /** pixdim[1..3]: column norms of the affine's 3×3 part. */
  zooms: [number, number, number];
}

/**
 * The qform of an affine as nibabel's `set_qform` (and nifti1_io's `nifti_mat44_to_quatern`)
 * computes it: zooms are the column norms, qfac the sign of the determinant (the third column
 * is flipped when negative), the rotation is the nearest orthogonal matrix to the normalised
 * 3×3 (so shears and rounding do not break the quaternion), and the quaternion has a ≥ 0.
 * The caller must have checked that the affine is invertible.
 */
export function qformFromAffine(affine: number[][]): Qform {
  const cols = [0, 1, 2].map((j) => [affine[0][j], affine[1][j], affine[2][j]]);
  const zooms = cols.map((c) => Math.hypot(c[0], c[1], c[2])) as [number, number, number];
  const r = [0, 1, 2].map((i) => [0, 1, 2].map((j) => affine[i][j] / zooms[j]));
  const qfac = det3(r) < 0 ? -1 : 1;
  if (qfac < 0) for (let i = 0; i < 3; i++) r[i][2] = -r[i][2];
  const q = quaternionOf(nearestRotation(r));
  return { quatern: [q[1], q[2], q[3]], qoffset: [affine[0][3], affine[1][3], affine[2][3]], qfac, zooms };
}

function det3(m: number[][]): number {
  return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
    - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
    + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
}

/**
 * Orthogonal polar factor of `m` (what nibabel gets from the SVD as U·Vᵀ), by Newton's
 * iteration X ← (X + X⁻ᵀ)/2, which converges quadratically for any invertible matrix.
 */
function nearestRotation(m: number[][]): number[][] {
  let x = m.map((row) => row.slice());
  for (let iter = 0; iter < 100; iter++) {
    const d = det3(x);
    // X⁻ᵀ is the cofactor matrix divided by the determinant.
    const cof = (i: number, j: number) => {
      const [i1, i2] = [(i + 1) % 3, (i + 2) % 3];
      const [j1, j2] = [(j + 1) % 3, (j + 2) % 3];
      return (x[i1][j1] * x[i2][j2] - x[i1][j2] * x[i2][j1]) / d;
    };
    const next = [0, 1, 2].map((i) => [0, 1, 2].map((j) => (x[i][j] + cof(i, j)) / 2));
    const change = Math.max(...next.flatMap((row, i) => row.map((v, j) => Math.abs(v - x[i][j]))));
    x = next;
    if (change < 1e-15) break;
  }
  return x;
}

/** Unit quaternion [a, b, c, d] of a proper rotation matrix, with a ≥ 0 (Shepperd's method). */
function quaternionOf(r: number[][]): [number, number, number, number] {
  const trace = r[0][0] + r[1][1] + r[2][2];
  let q: [number, number, number, number];
  if (trace > 0) {
    const s = 2 * Math.sqrt(1 + trace);
    q = [s / 4, (r[2][1] - r[1][2]) / s, (r[0][2] - r[2][0]) / s, (r[1][0] - r[0][1]) / s];
  } else if (r[0][0] >= r[1][1] && r[0][0] >= r[2][2]) {
    const s = 2 * Math.sqrt(1 + r[0][0] - r[1][1] - r[2][2]);
    q = [(r[2][1] - r[1][2]) / s, s / 4, (r[0][1] + r[1][0]) / s, (r[0][2] + r[2][0]) / s];
  } else if (r[1][1] >= r[2][2]) {
    const s = 2 * Math.sqrt(1 + r[1][1] - r[0][0] - r[2][2]);
    q = [(r[0][2] - r[2][0]) / s, (r[0][1] + r[1][0]) / s, s / 4, (r[1][2] + r[2][1]) / s];
  } else {
    const s = 2 * Math.sqrt(1 + r[2][2] - r[0][0] - r[1][1]);
    q = [(r[1][0] - r[0][1]) / s, (r[0][2] + r[2][0]) / s, (r[1][2] + r[2][1]) / s, s / 4];
  }
  const norm = Math.hypot(...q);
  const sign = q[0] < 0 ? -1 : 1;
  return q.map((v) => (sign * v) / norm) as [number, number, number, number];
}
