import { parcellate, parcellationTsv, type Region } from '../atlas/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { throwIfCancelled } from '../util/cancel.js';
import { resolveAtlas, type AtlasChoice } from './atlas.js';
import { phaseReporter, type OperationContext } from './context.js';

export interface ParcellateImageOptions {
  /** The 4-D image. */
  bold: string;
  /** Absent: the bundled AAL with its names. */
  atlas?: AtlasChoice;
  /** The TSV written: label, name, voxels, t0, t1, … (one row per region). */
  out: string;
}

export interface ParcellateImageResult {
  out: string;
  /** Atlas regions in the table, and the volumes of each. */
  regions: number;
  volumes: number;
  /** Regions with no voxel on the image's grid (nan rows in the table). */
  vanished: Region[];
  /** What loading the atlas warned about (unnamed labels, shared names). */
  atlasWarnings: string[];
  /** What parcellating warned about (non-finite voxels left out of means). */
  warnings: string[];
}

/**
 * Mean signal of every atlas region at every volume of `bold`, written to `out` as a TSV
 * (atomically: a cancelled or failed run leaves no partial table). Progress: phase `volumes`.
 */
export async function parcellateImage(options: ParcellateImageOptions, ctx: OperationContext = {}): Promise<ParcellateImageResult> {
  const { signal } = ctx;
  throwIfCancelled(signal);
  const atlas = await resolveAtlas(options.atlas);
  const result = await parcellate(options.bold, atlas, { onProgress: phaseReporter(ctx, 'volumes'), signal });
  throwIfCancelled(signal);
  await writeFileAtomic(options.out, parcellationTsv(result));
  return {
    out: options.out, regions: result.regions.length, volumes: result.volumes, vanished: result.vanished,
    atlasWarnings: atlas.warnings, warnings: result.warnings,
  };
}
