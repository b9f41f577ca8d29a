import type { Region } from './names.js';

/**
 * Which region each data voxel belongs to, as runs of consecutive voxels (x fastest) of one
 * region: summing a volume is then one tight loop over contiguous memory, skipping background.
 */
export interface RegionIndex {
  /** Run r covers voxels [start[r], end[r]) of region region[r] (an index into `regions`). */
  start: Int32Array;
  end: Int32Array;
  region: Int32Array;
  /** Voxels per region, in `regions` order. */
  voxels: Int32Array;
}

/** Builds the run index from per-voxel labels on the data grid (0 = no region). */
export function buildRegionIndex(labels: Int32Array, regions: Region[]): RegionIndex {
  const position = new Map(regions.map((r, i) => [r.label, i]));
  const start: number[] = [];
  const end: number[] = [];
  const region: number[] = [];
  const voxels = new Int32Array(regions.length);
  let i = 0;
  while (i < labels.length) {
    const label = labels[i];
    let j = i + 1;
    while (j < labels.length && labels[j] === label) j++;
    if (label !== 0) {
      const r = position.get(label);
      if (r === undefined) throw new Error(`label ${label} is in the image but not among the atlas regions`);
      start.push(i);
      end.push(j);
      region.push(r);
      voxels[r] += j - i;
    }
    i = j;
  }
  return { start: Int32Array.from(start), end: Int32Array.from(end), region: Int32Array.from(region), voxels };
}

/** Adds each region's sum over `data` (one volume) into `sums`. */
export function sumRegions(index: RegionIndex, data: Float64Array, sums: Float64Array): void {
  const { start, end, region } = index;
  for (let r = 0; r < start.length; r++) {
    let s = 0;
    for (let v = start[r], e = end[r]; v < e; v++) s += data[v];
    sums[region[r]] += s;
  }
}

/**
 * As `sumRegions`, leaving out non-finite voxels (NaN, ±Inf) and counting them per region
 * into `nonFinite`. Slower: for the volumes `sumRegions` finds a non-finite sum in.
 */
export function sumRegionsFinite(index: RegionIndex, data: Float64Array, sums: Float64Array, nonFinite: Int32Array): void {
  const { start, end, region } = index;
  for (let r = 0; r < start.length; r++) {
    let s = 0;
    let skipped = 0;
    for (let v = start[r], e = end[r]; v < e; v++) {
      const x = data[v];
      // x - x is 0 exactly for finite x, NaN for NaN and ±Inf.
      if (x - x === 0) s += x;
      else skipped++;
    }
    sums[region[r]] += s;
    nonFinite[region[r]] += skipped;
  }
}
