import { imageStats, type NiftiHeader } from '../../nifti/index.js';
import type { ImageStats } from '../../nifti/stats.js';
import { onePositional, parseCommand } from '../args.js';
import type { CliIO } from '../io.js';
import { createProgress } from '../progress.js';

export const inspectHelp = `Usage: saliency-studio inspect <file> [--json]

Prints a NIfTI header summary and statistics of the scaled data.
Reads .nii, .nii.gz and .hdr/.img pairs (NIfTI-1 and NIfTI-2, either byte order).

Options:
  --json    machine-readable output (keys: shape, datatype, endianness, zooms, affine,
            sformCode, qformCode, sclSlope, sclInter, tr, spatialUnit, timeUnit, voxels,
            nonFinite, nan, min, max, sum, mean)

NaN and ±Inf voxels are counted (nonFinite, of which nan are NaN) and left out of min, max,
sum and mean (with NaN alone: numpy's nanmin, nanmax, nansum, nanmean); null when none is left.
`;

/** The JSON summary `inspect --json` prints; non-finite numbers become null. */
export function inspectSummary(header: NiftiHeader, stats: ImageStats) {
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

export async function inspectCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('inspect', argv, { json: { type: 'boolean' } });
  if (values.help) {
    io.out(inspectHelp);
    return 0;
  }
  const file = onePositional('inspect', positionals, '<file>');
  const progress = values.json ? null : createProgress('reading', io.err);
  const { header, stats } = await imageStats(file, (done, total) => {
    if (total > 1) progress?.update(done, total, 'volumes');
  });
  progress?.done();
  const summary = inspectSummary(header, stats);
  io.out(values.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
  return 0;
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function formatSummary(s: ReturnType<typeof inspectSummary>): string {
  const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(6));
  const stat = (x: number | null) => (x === null ? 'none (no finite voxel)' : num(x));
  const lines = [
    `file        ${s.file}`,
    `format      ${s.format}, ${s.endianness}-endian`,
    `shape       ${s.shape.join(' × ')}`,
    `datatype    ${s.datatype}`,
    `zooms       ${s.zooms.map(num).join(' × ')} (${s.spatialUnit}${s.shape.length > 3 ? `, ${s.timeUnit}` : ''})`,
    `TR          ${s.tr === null ? 'none' : `${num(s.tr)} s`}`,
    `scaling     ${s.scalingApplied ? `slope ${num(s.sclSlope ?? NaN)}, intercept ${num(s.sclInter ?? NaN)}` : 'none'}`,
    `sform/qform ${s.sformCode} / ${s.qformCode}`,
    'affine',
    ...s.affine.map((row) => `  ${row.map((v) => num(v).padStart(11)).join(' ')}`),
    `min / max   ${s.min === null ? stat(null) : `${num(s.min)} / ${stat(s.max)}`}`,
    `sum         ${stat(s.sum)}`,
    `mean        ${stat(s.mean)}`,
    `non-finite  ${s.nonFinite === 0 ? 'none' : `${s.nonFinite} of ${s.voxels} voxels (${s.nan} NaN, ${s.nonFinite - s.nan} ±Inf), left out of min, max, sum and mean`}`,
    ...s.warnings.map((w) => `warning     ${w}`),
  ];
  return `${lines.join('\n')}\n`;
}
