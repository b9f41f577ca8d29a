import { invertAffine, multiplyAffines, type Affine } from '../../../nifti/index.js';

/** A 3-D image on its voxel grid (x fastest) with its voxel → world affine. */
export interface VolumeGrid {
  shape: number[];
  affine: Affine;
  data: ArrayLike<number>;
}

/**
 * Samples `source` at the voxel centres of `target` by nearest neighbour through both
 * affines (target voxel → world → source voxel); outside the source gives `outside`.
 * Returns a function of target (i, j, k).
 */
export function nearestSampler(source: VolumeGrid, target: { affine: Affine }, outside = 0): (i: number, j: number, k: number) => number {
  const inv = invertAffine(source.affine);
  if (!inv) throw new RangeError('source affine is singular');
  const [m0, m1, m2] = multiplyAffines(inv, target.affine);
  const [nx, ny, nz] = source.shape;
  return (i, j, k) => {
    const x = Math.floor(m0[3] + m0[0] * i + m0[1] * j + m0[2] * k + 0.5);
    const y = Math.floor(m1[3] + m1[0] * i + m1[1] * j + m1[2] * k + 0.5);
    const z = Math.floor(m2[3] + m2[0] * i + m2[1] * j + m2[2] * k + 0.5);
    if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) return outside;
    return source.data[x + nx * (y + ny * z)];
  };
}

/** World z (mm) of the centre of axial slice k. */
export function sliceZ(grid: { affine: Affine; shape: number[] }, k: number): number {
  const a = grid.affine;
  return a[2][0] * ((grid.shape[0] - 1) / 2) + a[2][1] * ((grid.shape[1] - 1) / 2) + a[2][2] * k + a[2][3];
}
