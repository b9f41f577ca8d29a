import { imageStats, type NiftiHeader } from '../nifti/index.js';
import type { ImageStats } from '../nifti/stats.js';
import { throwIfCancelled } from '../util/cancel.js';
import { phaseReporter, type OperationContext } from './context.js';

/** A NIfTI image's header and statistics of its scaled data; non-finite numbers become null. */
export interface ImageSummary {
  file: string;
  /** `NIfTI-1`, `NIfTI-2`, with ` pair` for .hdr/.img. */
  format: string;
  shape: number[];
  datatype: string;
  endianness: 'little' | 'big';
  zooms: number[];
  affine: number[][];
  sformCode: number;
  qformCode: number;
  sclSlope: number | null;
  sclInter: number | null;
  scalingApplied: boolean;
  tr: number | null;
  spatialUnit: string;
  timeUnit: string;
  voxels: number;
  /** NaN and ±Inf voxels (of which `nan` are NaN), left out of min, max, sum and mean. */
  nonFinite: number;
  nan: number;
  /** null when no finite voxel is left. */
  min: number | null;
  max: number | null;
  sum: number | null;
  mean: number | null;
  warnings: string[];
}

/**
 * Reads `file` (.nii, .nii.gz, .hdr/.img) through once and summarises it. Progress: phase
 * `volumes`, one step per volume. The read is one pass that cannot stop midway; a signal
 * aborted before it starts (or by the time it ends) throws Cancelled.
 */
export async function inspectImage(file: string, ctx: OperationContext = {}): Promise<ImageSummary> {
  throwIfCancelled(ctx.signal);
  const report = phaseReporter(ctx, 'volumes');
  const { header, stats } = await imageStats(file, report);
  throwIfCancelled(ctx.signal);
  return imageSummary(header, stats);
}

/** The summary of a header and statistics already read. */
export function imageSummary(header: NiftiHeader, stats: ImageStats): ImageSummary {
  return {
    file: header.file,
    format: `NIfTI-${header.version}${header.pair ? ' pair' : ''}`,
    shape: header.shape,
    datatype: header.datatype.name,
    endianness: header.littleEndian ? 'little' : 'big',
    zooms: header.zooms,
    affine: header.affine,
    sformCode: header.sformCode,
    qformCode: header.qformCode,
    sclSlope: finiteOrNull(header.sclSlope),
    sclInter: finiteOrNull(header.sclInter),
    scalingApplied: header.scaling !== null,
    tr: header.tr,
    spatialUnit: header.spatialUnit,
    timeUnit: header.timeUnit,
    voxels: stats.voxels,
    nonFinite: stats.nonFinite,
    nan: stats.nan,
    min: finiteOrNull(stats.min),
    max: finiteOrNull(stats.max),
    sum: finiteOrNull(stats.sum),
    mean: finiteOrNull(stats.mean),
    warnings: header.warnings,
  };
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
