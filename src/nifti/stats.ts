import { openNifti } from './open.js';
import type { NiftiHeader } from './header.js';

/** Statistics of the scaled data; min, max, sum and mean leave out the non-finite voxels. */
export interface ImageStats {
  /** Voxel values read, all volumes together. */
  voxels: number;
  /** Voxels that are NaN or ±Inf, left out as numpy's nanmin/nanmax/nansum/nanmean leave out NaN. */
  nonFinite: number;
  /** Of `nonFinite`, those that are NaN (the rest are ±Inf). */
  nan: number;
  /** Over the finite voxels; min and max are ±Infinity and mean NaN when none is finite (sum 0). */
  min: number;
  max: number;
  sum: number;
  mean: number;
}

/** Statistics of the scaled data, streamed volume by volume. */
export async function imageStats(
  file: string,
  onVolume?: (done: number, total: number) => void,
): Promise<{ header: NiftiHeader; stats: ImageStats }> {
  const reader = await openNifti(file);
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let voxels = 0;
  let nonFinite = 0;
  let nan = 0;
  try {
    for await (const { index, data } of reader.volumes()) {
      for (let i = 0; i < data.length; i++) {
        const v = data[i];
        // v - v is 0 exactly for finite v, NaN for NaN and ±Inf.
        if (v - v === 0) {
          if (v < min) min = v;
          if (v > max) max = v;
          sum += v;
        } else {
          nonFinite++;
          if (v !== v) nan++;
        }
      }
      voxels += data.length;
      onVolume?.(index + 1, reader.header.volumes);
    }
  } finally {
    reader.close();
  }
  const finite = voxels - nonFinite;
  return { header: reader.header, stats: { voxels, nonFinite, nan, min, max, sum, mean: finite > 0 ? sum / finite : NaN } };
}
