import path from 'node:path';
import { writeNifti } from '../nifti/write.js';
import type { ReportContext } from './context.js';
import { atlasGrid, gridFor4d, paintRegions, referenceGrid, type LabelGrid } from './map-grid.js';

/**
 * NIFTI_INTENT_ESTIMATE (1001 in nifti1.h; 2005 is NIFTI_INTENT_SHAPE): each voxel holds an
 * estimate of some parameter, here a region's importance.
 */
export const INTENT = { code: 1001, name: 'importance' };

/** Names of the maps; `_func` ones are on the functional reference's grid. */
export const NIFTI_FILES = {
  importance: 'region_importance.nii.gz',
  byTime: 'region_by_time.nii.gz',
  importanceFunc: 'region_importance_func.nii.gz',
  byTimeFunc: 'region_by_time_func.nii.gz',
} as const;

/**
 * Writes the importance maps into `dir`: a 3-D map (each voxel of region r holds r's mean
 * importance, 0 outside the regions) and a 4-D map (volume t holds each region's mean
 * |saliency| at step t, TR from the dataset), on the atlas grid (the 4-D one coarsened when
 * it would be too large: see gridFor4d), and on the functional reference's grid when one is
 * given. Returns the file names written.
 */
export async function writeNiftiMaps(ctx: ReportContext, dir: string): Promise<string[]> {
  if (!ctx.atlas) throw new Error('NIfTI maps need an atlas (the dataset regions carry no atlas labels and none was given)');
  const atlas = ctx.atlas.atlas;
  const written: string[] = [];
  const grids: [LabelGrid, string, string][] = [[atlasGrid(atlas), NIFTI_FILES.importance, NIFTI_FILES.byTime]];
  if (ctx.functionalReference) grids.push([await referenceGrid(atlas, ctx.functionalReference), NIFTI_FILES.importanceFunc, NIFTI_FILES.byTimeFunc]);
  for (const [lg, file3d, file4d] of grids) {
    await writeImportanceMap(ctx, lg, path.join(dir, file3d));
    await writeTimeMap(ctx, gridFor4d(atlas, lg, ctx.time.volumes.length), path.join(dir, file4d));
    written.push(file3d, file4d);
  }
  return written;
}

async function writeImportanceMap(ctx: ReportContext, lg: LabelGrid, file: string): Promise<void> {
  const mean = ctx.aggregates.importance.mean;
  const data = paintRegions(lg.labels, ctx.atlas!.labelOfRegion, (r) => (Number.isFinite(mean[r]) ? mean[r] : 0));
  await writeNifti(file, {
    shape: lg.grid.shape, datatype: 'float32', affine: lg.grid.affine, data, space: ctx.atlas!.space, intent: INTENT,
    description: describe(`${ctx.saliency.index.method} importance: mean share per region`), calRange: [0, max(mean)],
  });
}

async function writeTimeMap(ctx: ReportContext, lg: LabelGrid, file: string): Promise<void> {
  const steps = ctx.time.volumes.length;
  const m = ctx.aggregates.regionByTime;
  const data = paintRegions(lg.labels, ctx.atlas!.labelOfRegion, (r, t) => m[r * steps + t], steps);
  await writeNifti(file, {
    shape: [...lg.grid.shape, steps], datatype: 'float32', affine: lg.grid.affine, data, space: ctx.atlas!.space,
    tr: ctx.time.tr, intent: INTENT, description: describe(`${ctx.saliency.index.method} mean |saliency| per region and step`), calRange: [0, max(m)],
  });
}

/** descrip holds 79 bytes: longer method names are cut, never rejected. */
function describe(text: string): string {
  const full = `saliency-studio ${text}`;
  let out = full;
  while (Buffer.byteLength(out, 'utf8') > 79) out = out.slice(0, -1);
  return out;
}

function max(values: Float64Array): number {
  return values.reduce((a, v) => (Number.isFinite(v) && v > a ? v : a), 0);
}
