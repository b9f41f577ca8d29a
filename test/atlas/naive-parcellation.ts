import { readNifti } from '../../src/nifti/index.js';

export interface NaiveResult {
  voxels: number[];
  /** Mean of the finite voxels (numpy's nanmean, ±Inf left out too); NaN where none is finite. */
  means: number[][];
  /** Non-finite voxels per region per volume. */
  nonFinite: number[][];
}

/** Solves the 3×3 system m·x = b by Cramer's rule (independent of the library's inverse). */
function solve3(m: number[][], b: number[]): number[] {
  const det = (a: number[][]) =>
    a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
  const d = det(m);
  return [0, 1, 2].map((c) => det(m.map((row, r) => row.map((v, k) => (k === c ? b[r] : v)))) / d);
}

/**
 * Reference parcellation the slow, obvious way: for every data voxel, its world position,
 * the atlas voxel there (scipy order-0 rounding, nothing outside [0, n-1]), then plain means
 * of the finite values.
 */
export async function naiveParcellation(boldFile: string, atlasFile: string, labels: number[]): Promise<NaiveResult> {
  const bold = await readNifti(boldFile);
  const atlas = await readNifti(atlasFile);
  const [nx, ny, nz] = bold.header.shape;
  const volumes = bold.header.volumes;
  const [ax, ay, az] = atlas.header.shape;
  const A = bold.header.affine;
  const B = atlas.header.affine;
  const linear = B.slice(0, 3).map((row) => row.slice(0, 3));
  const position = new Map(labels.map((l, i) => [l, i]));
  const voxels = labels.map(() => 0);
  const sums = labels.map(() => new Array<number>(volumes).fill(0));
  const finite = labels.map(() => new Array<number>(volumes).fill(0));
  const nonFinite = labels.map(() => new Array<number>(volumes).fill(0));
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    const world = [0, 1, 2].map((r) => A[r][0] * i + A[r][1] * j + A[r][2] * k + A[r][3]);
    const [x, y, z] = solve3(linear, world.map((w, r) => w - B[r][3]));
    if (x < 0 || y < 0 || z < 0 || x > ax - 1 || y > ay - 1 || z > az - 1) continue;
    const label = atlas.data[Math.floor(x + 0.5) + ax * (Math.floor(y + 0.5) + ay * Math.floor(z + 0.5))];
    if (label === 0) continue;
    const r = position.get(label)!;
    voxels[r]++;
    for (let t = 0; t < volumes; t++) {
      const v = bold.data[i + nx * (j + ny * (k + nz * t))];
      if (Number.isFinite(v)) {
        sums[r][t] += v;
        finite[r][t]++;
      } else nonFinite[r][t]++;
    }
  }
  return { voxels, means: sums.map((s, r) => s.map((v, t) => (finite[r][t] > 0 ? v / finite[r][t] : NaN))), nonFinite };
}
