import { labelsOnGrid, type Atlas, type Grid } from '../atlas/index.js';
import { openNifti } from '../nifti/index.js';

/** A label image on some grid: what region maps are painted on. */
export interface LabelGrid {
  grid: Grid;
  labels: Int32Array;
  /** Voxels of the atlas grid per voxel of this one along each axis (1 = the atlas's own). */
  factor: number;
}

/** Most values a 4-D map may hold (2^25 float32 = 128 MiB), so a fine atlas grid × a long window stays writable. */
export const MAX_4D_VALUES = 2 ** 25;

/** The atlas's own grid. */
export function atlasGrid(atlas: Atlas): LabelGrid {
  return { grid: { file: atlas.file, shape: atlas.header.shape.slice(0, 3), affine: atlas.header.affine }, labels: atlas.labels, factor: 1 };
}

/** The atlas resampled (nearest neighbour) onto the 3-D grid of a reference image, e.g. the functional data. */
export async function referenceGrid(atlas: Atlas, file: string): Promise<LabelGrid> {
  const reader = await openNifti(file);
  const { shape, affine } = reader.header;
  reader.close();
  const grid = { file, shape: shape.slice(0, 3).concat([1, 1, 1]).slice(0, 3), affine };
  return { grid, labels: labelsOnGrid(atlas, grid), factor: 1 };
}

/**
 * `lg` itself when `volumes` volumes of it fit MAX_4D_VALUES, else the atlas sampled every
 * `factor` voxels along each axis (the smallest factor that fits; nearest neighbour), so a
 * 1 mm atlas still gets a 4-D map, on a 2–3 mm grid.
 */
export function gridFor4d(atlas: Atlas, lg: LabelGrid, volumes: number): LabelGrid {
  const voxels = (s: number[]) => s[0] * s[1] * s[2];
  let factor = 1;
  const shapeAt = (f: number) => lg.grid.shape.map((n) => Math.ceil(n / f));
  while (voxels(shapeAt(factor)) * volumes > MAX_4D_VALUES) factor++;
  if (factor === 1) return lg;
  const scale = [factor, factor, factor, 1];
  const affine = lg.grid.affine.map((row) => row.map((x, c) => x * scale[c]));
  const grid = { file: lg.grid.file, shape: shapeAt(factor), affine };
  return { grid, labels: labelsOnGrid(atlas, grid), factor: lg.factor * factor };
}

/**
 * One value per region painted onto a label image, `volumes` times (x fastest, then volumes):
 * voxel v of volume t gets values[t][region of v's label]; voxels of other labels get 0.
 */
export function paintRegions(labels: Int32Array, labelOfRegion: (number | null)[], values: (region: number, volume: number) => number, volumes = 1): Float32Array {
  const region = regionPerVoxel(labels, labelOfRegion);
  const out = new Float32Array(labels.length * volumes);
  for (let t = 0; t < volumes; t++) {
    const table = Float32Array.from(labelOfRegion, (_, r) => values(r, t));
    const base = t * labels.length;
    for (let v = 0; v < labels.length; v++) if (region[v] >= 0) out[base + v] = table[region[v]];
  }
  return out;
}

/** Region index of each voxel, −1 for labels not in the report; a typed lookup table, since atlases have millions of voxels. */
function regionPerVoxel(labels: Int32Array, labelOfRegion: (number | null)[]): Int32Array {
  const maxLabel = labelOfRegion.reduce<number>((m, l) => (l !== null && l > m ? l : m), 0);
  if (maxLabel > 1 << 24) {
    const byLabel = new Map(labelOfRegion.flatMap((l, r) => (l === null ? [] : [[l, r] as const])));
    return Int32Array.from(labels, (l) => byLabel.get(l) ?? -1);
  }
  const lookup = new Int32Array(maxLabel + 1).fill(-1);
  labelOfRegion.forEach((label, r) => {
    if (label !== null && label >= 0) lookup[label] = r;
  });
  const region = new Int32Array(labels.length);
  for (let v = 0; v < labels.length; v++) {
    const l = labels[v];
    region[v] = l >= 0 && l <= maxLabel ? lookup[l] : -1;
  }
  return region;
}
