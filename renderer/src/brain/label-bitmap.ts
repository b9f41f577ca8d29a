/**
 * The atlas as NiiVue's drawing layer: a Uint8 bitmap on the template's voxel grid whose values
 * index a 256-entry colour table that the slice shader applies when it draws. A step change then
 * rewrites that table (1 KiB) instead of re-blending a full-size RGBA volume. Labels are numbered
 * 1..N in the order the regions list them, so any atlas with at most 255 labels fits, whatever
 * its label values (AAL's run to 9170). Browser-safe and pure.
 */
import type { LabelColormap } from './label-colours.js';
import { invertAffine, type LabelVolume } from './label-volume.js';

/** The most labels a Uint8 bitmap holds besides 0 (unlabelled). */
export const MAX_BITMAP_LABELS = 255;

/**
 * Each positive integer label of `labels` → its bitmap index 1..N (first occurrence order);
 * null when there are more than `max`, which the bitmap cannot hold.
 */
export function labelIndices(labels: readonly number[], max = MAX_BITMAP_LABELS): Map<number, number> | null {
  const indices = new Map<number, number>();
  for (const label of labels) {
    if (!Number.isInteger(label) || label <= 0 || indices.has(label)) continue;
    if (indices.size === max) return null;
    indices.set(label, indices.size + 1);
  }
  return indices;
}

/** A voxel grid: its size and voxel→mm affine by rows (voxel centres at integer indices). */
export interface VoxelGrid {
  dims: readonly [number, number, number];
  affine: readonly (readonly number[])[];
}

/**
 * The atlas resampled onto `grid` (the voxel whose centre is nearest each grid voxel's centre, by
 * mm), each voxel holding its label's index from `indices`: 0 where unlabelled, outside the atlas,
 * or a label no region names. `grid`'s voxel order is x fastest.
 */
export function labelBitmap(atlas: LabelVolume, grid: VoxelGrid, indices: ReadonlyMap<number, number>): Uint8Array {
  const [nx, ny, nz] = grid.dims;
  const [ax, ay, az] = atlas.dims;
  // Label value → index as a dense table: one typed-array read per voxel. A label that is not a
  // small non-negative integer reads undefined, and `| 0` makes that 0.
  let top = 0;
  for (const label of indices.keys()) top = Math.max(top, label);
  const table = new Uint8Array(top + 1);
  for (const [label, index] of indices) table[label] = index;
  const data = atlas.data;
  const out = new Uint8Array(nx * ny * nz);
  // grid voxel → atlas voxel: the atlas's mm→voxel after the grid's voxel→mm.
  const inv = invertAffine(atlas.affine);
  const g = grid.affine;
  const t = [0, 1, 2].map((r) => [0, 1, 2, 3].map((c) => inv[r][0] * g[0][c] + inv[r][1] * g[1][c] + inv[r][2] * g[2][c] + (c === 3 ? inv[r][3] : 0)));
  const same = nx === ax && ny === ay && nz === az
    && t.every((row, r) => row.every((x, c) => Math.abs(x - (r === c ? 1 : 0)) < 1e-6));
  if (same) {
    for (let n = 0; n < out.length; n++) out[n] = table[data[n]] | 0;
    return out;
  }
  let n = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      // Stepping i adds column 0 of t; rounding to the nearest centre is floor(x + 0.5).
      let x = t[0][1] * j + t[0][2] * k + t[0][3] + 0.5;
      let y = t[1][1] * j + t[1][2] * k + t[1][3] + 0.5;
      let z = t[2][1] * j + t[2][2] * k + t[2][3] + 0.5;
      for (let i = 0; i < nx; i++, n++, x += t[0][0], y += t[1][0], z += t[2][0]) {
        const vi = Math.floor(x), vj = Math.floor(y), vk = Math.floor(z);
        if (vi < 0 || vj < 0 || vk < 0 || vi >= ax || vj >= ay || vk >= az) continue;
        out[n] = table[data[vi + ax * (vj + ay * vk)]] | 0;
      }
    }
  }
  return out;
}

/** NiiVue's drawing colour table: 256 RGBA entries by bitmap index, and a name per index. */
export interface DrawingLut {
  lut: Uint8ClampedArray;
  labels: string[];
}

/**
 * The drawing colour table for one step from the atlas's label colormap (labelColormap's
 * output): each label's colour at its bitmap index, everything else transparent. The selected
 * label (0: none) is marked as NiiVue marks its active atlas label: lighter (0.4 of its alpha)
 * where painted, dark (alpha 0.8) where not.
 */
export function drawingLut(table: LabelColormap, indices: ReadonlyMap<number, number>, selectedLabel = 0): DrawingLut {
  const lut = new Uint8ClampedArray(256 * 4);
  const labels = Array.from({ length: 256 }, () => '');
  for (let e = 0; e < table.I.length; e++) {
    const index = indices.get(table.I[e]);
    if (index === undefined) continue;
    let [r, g, b, a] = [table.R[e], table.G[e], table.B[e], table.A[e]];
    if (table.I[e] === selectedLabel && selectedLabel > 0) [r, g, b, a] = a > 0 ? [r, g, b, Math.round(a * 0.4)] : [0, 0, 0, Math.round(255 * 0.8)];
    lut.set([r, g, b, a], index * 4);
    labels[index] = table.labels[e];
  }
  return { lut, labels };
}
