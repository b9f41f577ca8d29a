import { inspectImage, type ImageSummary } from '../../app/inspect.js';
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

export async function inspectCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('inspect', argv, { json: { type: 'boolean' } });
  if (values.help) {
    io.out(inspectHelp);
    return 0;
  }
  const file = onePositional('inspect', positionals, '<file>');
  const progress = values.json ? null : createProgress('reading', io.err);
  const summary = await inspectImage(file, {
    onProgress: ({ done, total }) => {
      if (total > 1) progress?.update(done, total, 'volumes');
    },
  });
  progress?.done();
  io.out(values.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
  return 0;
}

function formatSummary(s: ImageSummary): string {
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
