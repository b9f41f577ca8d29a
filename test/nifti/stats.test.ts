import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageStats } from '../../src/nifti/index.js';
import { suiteTempDir } from '../helpers/temp-tree.js';
import { writeNifti1 } from '../helpers/write-nifti.js';

const IDENTITY = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]];

/** numpy's nanmin/nanmax/nansum/nanmean, written out, with ±Inf left out as well. */
function naiveStats(values: number[]) {
  const finite = values.filter(Number.isFinite);
  const sum = finite.reduce((s, v) => s + v, 0);
  return { min: Math.min(...finite), max: Math.max(...finite), sum, mean: sum / finite.length };
}

describe('image statistics with NaN and ±Inf voxels', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await suiteTempDir();
  });

  it('counts non-finite voxels across volumes and leaves them out of min, max, sum and mean', async () => {
    // Two volumes of 4×3×2: 3 NaN, one +Inf (above the finite max), one -Inf (below the finite min).
    const values = Array.from({ length: 48 }, (_, i) => (i - 20) / 4);
    values[1] = NaN;
    values[30] = NaN;
    values[47] = NaN;
    values[10] = Infinity;
    values[40] = -Infinity;
    const file = path.join(dir, 'mixed.nii.gz');
    await writeNifti1(file, { shape: [4, 3, 2, 2], datatype: 'float64', affine: IDENTITY, data: values });
    const { stats } = await imageStats(file);
    const expected = naiveStats(values);
    expect(expected).toEqual({ min: -5, max: 6.5, sum: 35, mean: 35 / 43 });
    expect(stats).toEqual({ voxels: 48, nonFinite: 5, nan: 3, ...expected });
  });

  it('gives sum 0 and no min, max or mean when every voxel is NaN', async () => {
    const file = path.join(dir, 'all-nan.nii');
    await writeNifti1(file, { shape: [4, 3, 2], datatype: 'float32', affine: IDENTITY, data: new Array(24).fill(NaN) });
    const { stats } = await imageStats(file);
    expect(stats).toMatchObject({ voxels: 24, nonFinite: 24, nan: 24, sum: 0 });
    expect(Number.isFinite(stats.min) || Number.isFinite(stats.max)).toBe(false);
    expect(stats.mean).toBeNaN();
  });
});
