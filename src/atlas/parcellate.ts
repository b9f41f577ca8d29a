import { AtlasError } from '../errors.js';
import { openNifti, type NiftiHeader } from '../nifti/index.js';
import { throwIfCancelled } from '../util/cancel.js';
import type { Atlas } from './load.js';
import type { Region } from './names.js';
import { listSome, plural } from './notes.js';
import { buildRegionIndex, sumRegions, sumRegionsFinite } from './region-index.js';
import { labelsOnGrid } from './resample.js';

/** Region × time means of one 4-D image. */
export interface ParcellationResult {
  bold: string;
  atlas: string;
  /** Every atlas region, sorted by label, with its voxel count on the data grid. */
  regions: (Region & { voxels: number })[];
  /**
   * Every region with no voxel on the data grid (NaN means): too small for the coarser grid,
   * outside the field of view, or `absent`.
   */
  vanished: Region[];
  /** The vanished regions that have no voxel even in the atlas image (named, never drawn). */
  absent: Region[];
  volumes: number;
  tr: number | null;
  /**
   * One series per region in `regions` order, length `volumes`: the mean of the region's finite
   * voxels; NaN where voxels = 0 or where none is finite.
   */
  means: Float64Array[];
  /** The regions with non-finite voxels (NaN, ±Inf) left out of their means; [] when none. */
  nonFinite: NonFiniteRegion[];
  /** One line per problem with the data (non-finite voxels), for the user; [] when none. */
  warnings: string[];
}

/** A region some of whose voxels were NaN or ±Inf, and so left out of its mean. */
export interface NonFiniteRegion extends Region {
  /** The region's voxels on the data grid. */
  voxels: number;
  /** Voxels left out at each volume. */
  perVolume: Int32Array;
  /** Volumes at which no voxel was finite: NaN in `means` there. */
  emptyVolumes: number[];
}

export interface ParcellateOptions {
  /** Called after each volume (and once with 0 before the first). */
  onProgress?: (done: number, total: number) => void;
  /** Aborting stops before the next volume with Cancelled (util/cancel.ts). */
  signal?: AbortSignal;
}

/**
 * Mean of every atlas region at every volume of `bold`. The atlas is resampled onto the
 * image's grid (nearest neighbour, through both affines); the image is streamed one volume
 * at a time, so memory does not grow with its length.
 */
export async function parcellate(bold: string, atlas: Atlas, options: ParcellateOptions = {}): Promise<ParcellationResult> {
  const { onProgress, signal } = options;
  throwIfCancelled(signal);
  const reader = await openNifti(bold);
  try {
    const h = reader.header;
    checkDataDimensions(h);
    const labels = labelsOnGrid(atlas, { file: bold, shape: h.shape.slice(0, 3), affine: h.affine });
    const index = buildRegionIndex(labels, atlas.regions);
    if (index.start.length === 0) throw noOverlap(atlas, h);

    const total = h.volumes;
    const means = atlas.regions.map(() => new Float64Array(total));
    const sums = new Float64Array(atlas.regions.length);
    const skipped = new Int32Array(atlas.regions.length);
    const skippedPerVolume: (Int32Array | undefined)[] = [];
    // zlib inflates ahead on its own thread while a volume is summed, so one buffer suffices.
    const data = new Float64Array(h.voxelsPerVolume);
    onProgress?.(0, total);
    for (let t = 0; t < total; t++) {
      throwIfCancelled(signal);
      await reader.readVolume(data);
      sums.fill(0);
      sumRegions(index, data, sums);
      // A NaN or ±Inf voxel makes its region's sum non-finite; only such volumes are summed
      // again without them, so a clean run costs one check per region and volume.
      skipped.fill(0);
      if (!sums.every((s) => s - s === 0)) {
        sums.fill(0);
        sumRegionsFinite(index, data, sums, skipped);
      }
      for (let r = 0; r < sums.length; r++) {
        const finite = index.voxels[r] - skipped[r];
        means[r][t] = finite > 0 ? sums[r] / finite : NaN;
        if (skipped[r] > 0) (skippedPerVolume[r] ??= new Int32Array(total))[t] = skipped[r];
      }
      onProgress?.(t + 1, total);
    }

    const regions = atlas.regions.map((r, i) => ({ ...r, voxels: index.voxels[i] }));
    const nonFinite = regions.flatMap((r, i) => {
      const perVolume = skippedPerVolume[i];
      if (!perVolume) return [];
      const emptyVolumes = [...perVolume.keys()].filter((t) => perVolume[t] === r.voxels);
      return [{ ...r, perVolume, emptyVolumes }];
    });
    return {
      bold,
      atlas: atlas.file,
      regions,
      vanished: atlas.regions.filter((_, i) => index.voxels[i] === 0),
      absent: atlas.regions.filter((_, i) => atlas.regionVoxels[i] === 0),
      volumes: total,
      tr: h.tr,
      means,
      nonFinite,
      warnings: nonFiniteWarnings(bold, nonFinite, total),
    };
  } finally {
    reader.close();
  }
}

/** Which regions lost voxels to NaN/±Inf, and where a region had none left (a few of each). */
function nonFiniteWarnings(bold: string, regions: NonFiniteRegion[], volumes: number): string[] {
  if (regions.length === 0) return [];
  const lost = regions.map((r) => {
    const most = r.perVolume.reduce((m, v) => Math.max(m, v), 0);
    const at = r.perVolume.reduce((n, v) => n + (v > 0 ? 1 : 0), 0);
    return `${r.name} (${most === r.voxels ? 'all' : `up to ${most}`} of ${r.voxels} voxels, in ${at} of ${volumes} volumes)`;
  });
  const warnings = [`${bold}: non-finite voxels (NaN or ±Inf) left out of the means of ${plural(regions.length, 'region')}: ${listSome(lost)}`];
  const empty = regions.filter((r) => r.emptyVolumes.length > 0);
  if (empty.length > 0) {
    const where = empty.map((r) => `${r.name} (${listSome(r.emptyVolumes.map((t) => `t${t}`), 3)})`);
    warnings.push(`${bold}: ${plural(empty.length, 'region')} with no finite voxel at some volumes, so nan there: ${listSome(where)}`);
  }
  return warnings;
}

function checkDataDimensions(h: NiftiHeader): void {
  if (h.shape.length < 3 || h.shape.slice(4).some((n) => n !== 1)) {
    throw new AtlasError('ATLAS_DATA_DIMENSIONS', h.file, 'shape', h.shape, 'a 3-D or 4-D image (x, y, z[, time]) to parcellate');
  }
}

function noOverlap(atlas: Atlas, h: NiftiHeader): AtlasError {
  const corner = (a: number[][]) => a.map((row) => row[3]).slice(0, 3);
  return new AtlasError(
    'ATLAS_NO_OVERLAP', atlas.file, 'labelled voxels on the data grid', 0,
    `an atlas in the same space as ${h.file} (no labelled atlas voxel falls on its grid; atlas origin ${JSON.stringify(corner(atlas.header.affine))} mm, data origin ${JSON.stringify(corner(h.affine))} mm)`,
  );
}
