import path from 'node:path';
import { exportReportOp, REPORT_DEFAULTS } from '../../app/export-report.js';
import { UsageError } from '../../errors.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/index.js';
import { parseCommand, requiredOption } from '../args.js';
import type { CliIO } from '../io.js';

export const reportHelp = `Usage: saliency-studio report --run <run-dir> --out <dir> [options]

Exports a region-importance report of a trained run and one of its saliency results: every
file is written to a temp folder and moved in only when all succeeded.
  regions.tsv             one row per region: label, name, importance mean/sd, rank, per class
  region_by_time.tsv      regions × time steps (volume and seconds) of mean |saliency|
                          (format csv: regions.csv and region_by_time.csv)
  region_importance.nii.gz  3-D map on the atlas grid, each region's voxels = its importance
  region_by_time.nii.gz   4-D map, one volume per time step (MNI sform/qform, TR, intent)
  region_importance_func.nii.gz, region_by_time_func.nii.gz
                          with --functional: the same two maps on that image's grid
  saliency.npy (+ saliency_index.json)   samples × time × regions, float32
  provenance.json         versions, inputs with SHA-256, design, model, metrics, method
  report.html             self-contained report (figures inline; opens offline)
  report.pdf              the same report, printed by Chromium

Options:
  --saliency <dir>      the saliency result (default <run-dir>/saliency/grad)
  --formats a,b,…       some of ${REPORT_FORMATS.join(', ')} (default ${REPORT_DEFAULTS.formats.join(',')};
                        nifti is left out when the regions carry no atlas labels)
  --atlas <file>        the atlas label image of the dataset's regions (default: the atlas
                        recorded with the dataset by \`study\`, else the bundled AAL)
  --names <file>        its names file
  --functional <file>   also write the NIfTI maps on this image's grid
  --out <dir>           where the files go (created if needed)
`;

export async function reportCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommand('report', argv, {
    run: { type: 'string' }, saliency: { type: 'string' }, formats: { type: 'string' }, atlas: { type: 'string' },
    names: { type: 'string' }, functional: { type: 'string' }, out: { type: 'string' },
  });
  if (values.help) {
    io.out(reportHelp);
    return 0;
  }
  const runDir = requiredOption('report', 'run', values.run);
  const out = requiredOption('report', 'out', values.out);
  if (values.names && !values.atlas) throw new UsageError('CLI_ARGS', 'report', '--names', values.names, 'to come with --atlas (the bundled AAL has its own names)');
  const formats = parseFormats(values.formats);
  const result = await exportReportOp({
    runDir, out,
    ...(formats ? { formats } : {}),
    ...(values.saliency ? { saliencyDir: values.saliency } : {}),
    ...(values.atlas ? { atlas: { labels: values.atlas, ...(values.names ? { names: values.names } : {}) } } : {}),
    ...(values.functional ? { functionalReference: values.functional } : {}),
  });
  io.out(`Report of ${path.resolve(runDir)} written to ${result.out}:\n${result.files.map((f) => `  ${f}`).join('\n')}\n`);
  return 0;
}

/** The formats named by --formats; undefined without it (the operation's defaults). */
function parseFormats(value: string | undefined): ReportFormat[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!(REPORT_FORMATS as readonly string[]).includes(n)) throw new UsageError('CLI_ARGS', 'report', '--formats', n, `names from ${REPORT_FORMATS.join(', ')}`);
  }
  if (names.length === 0) throw new UsageError('CLI_ARGS', 'report', '--formats', value, 'at least one format');
  return names as ReportFormat[];
}
