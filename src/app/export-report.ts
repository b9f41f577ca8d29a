import { exportReport, type ExportRequest, type ReportFormat } from '../report/index.js';
import { phaseReporter, type OperationContext } from './context.js';
import { defaultReportSaliencyDir } from './layout.js';

/** What a report holds unless asked otherwise; NIfTI maps need an atlas, PDF a Chromium. */
export const REPORT_DEFAULTS: { readonly formats: readonly ReportFormat[] } = {
  formats: ['tsv', 'nifti', 'npy', 'json', 'html'],
};

/** A report of run `runDir` into `out`; everything else has a default. */
export interface ExportReportOptions {
  runDir: string;
  /** Where the files go: created if absent; files of the same names in it are replaced. */
  out: string;
  /** Default REPORT_DEFAULTS.formats. */
  formats?: readonly ReportFormat[];
  /** The saliency result to report; default `<runDir>/saliency/grad` (layout.ts). */
  saliencyDir?: string;
  /** Default: the atlas recorded with the dataset, else the bundled AAL when the regions carry its labels. */
  atlas?: ExportRequest['atlas'];
  /** Also write the NIfTI maps on this image's grid. */
  functionalReference?: string;
  /**
   * Leave NIfTI maps out, instead of failing, when the regions carry no atlas labels.
   * Default: true exactly when `formats` is left to the default (nifti was not asked for by name).
   */
  niftiOnlyWithAtlas?: boolean;
  /** The report's date (provenance), for reproducible outputs. */
  now?: Date;
}

export interface ExportReportResult {
  /** The report folder, absolute. */
  out: string;
  /** Names of the files written into it. */
  files: string[];
}

/**
 * Exports a run's region-importance report, all or nothing (src/report/export.ts). Progress is
 * phase `export`: formats written of all, `item` the one being written. Aborting `ctx.signal`
 * stops before the next format with Cancelled, leaving `out` as it was.
 */
export async function exportReportOp(options: ExportReportOptions, ctx: OperationContext = {}): Promise<ExportReportResult> {
  const { runDir, out, atlas, functionalReference, now } = options;
  let format: ReportFormat | undefined;
  const report = phaseReporter({ onProgress: (p) => ctx.onProgress?.({ ...p, ...(format ? { item: format } : {}) }) }, 'export');
  const { out: written, files } = await exportReport({
    runDir, out,
    formats: [...(options.formats ?? REPORT_DEFAULTS.formats)],
    saliencyDir: options.saliencyDir ?? defaultReportSaliencyDir(runDir),
    niftiOnlyWithAtlas: options.niftiOnlyWithAtlas ?? options.formats === undefined,
    ...(atlas ? { atlas } : {}),
    ...(functionalReference ? { functionalReference } : {}),
    ...(now ? { now } : {}),
  }, {}, {
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onProgress: (done, total, current) => {
      format = current;
      report(done, total);
    },
  });
  // The report's context holds typed arrays and the model: a caller opens what it needs.
  return { out: written, files };
}
