import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { REPORT_DEFAULTS } from '../../app/export-report.js';
import { saliencyResultPath, SALIENCY_JSON } from '../../app/layout.js';
import { runWorkerOperation } from '../../app/worker-operation.js';
import { REPORT_HTML, REPORT_PDF } from '../../report/html/index.js';
import type { ReportFormat } from '../../report/index.js';
import { throwIfCancelled } from '../../util/cancel.js';
import type { Handlers } from '../context.js';
import { ServiceInputError } from '../errors.js';
import { workspaceEntry } from '../sources.js';

/** The desktop printer failed: the export wrote nothing (what it had written was removed). */
function pdfPrintError(out: string, cause: unknown): ServiceInputError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new ServiceInputError('REPORT_PDF', path.join(out, REPORT_PDF), 'formats', 'pdf',
    `a PDF the desktop printer could write (it failed: ${why}; nothing was exported; try again, or export without pdf)`);
}

/**
 * `report.export`: a result's report written by the worker into the picked folder (or the
 * workspace's reports/), all or nothing. In the desktop app its printer makes the PDF from
 * the report's HTML; elsewhere the worker prints it with Chromium (src/report/html).
 */
export const reportHandlers: Handlers<'report.export'> = {
  'report.export': async (request, ctx) => {
    const run = workspaceEntry(ctx, 'runs', request.run, 'run');
    const saliencyDir = saliencyResultPath(run.path, request.result);
    if (!(await stat(path.join(saliencyDir, SALIENCY_JSON)).then((s) => s.isFile(), () => false))) {
      throw new ServiceInputError('RESULT_MISSING', saliencyDir, 'result', request.result, `a saliency result of run ${request.run} (compute one on the Saliency screen)`);
    }
    const target = request.folder
      ? { name: request.name, path: path.join(await ctx.files.resolve(request.folder, { field: 'folder', kind: 'folder' }), request.name), field: 'name' }
      : workspaceEntry(ctx, 'reports', request.name);
    const out = target.path;
    const formats: ReportFormat[] = [...new Set(request.formats ?? REPORT_DEFAULTS.formats)];
    const printPdf = formats.includes('pdf') ? ctx.options.printPdf : undefined;
    // The desktop printer prints the report's HTML, so the worker writes that (kept only when asked for).
    const workerFormats: ReportFormat[] = printPdf ? [...formats.filter((f) => f !== 'pdf' && f !== 'html'), 'html'] : formats;
    const keepHtml = formats.includes('html');

    const jobId = ctx.jobs.start({
      kind: 'exportReport', title: `Report ${request.result} of ${request.run}`, target,
      run: async ({ signal, onProgress }) => {
        const existed = await stat(out).then(() => true, () => false);
        const written = await runWorkerOperation('exportReport', {
          runDir: run.path, out, formats: workerFormats, saliencyDir,
          ...(request.formats === undefined ? { niftiOnlyWithAtlas: true } : {}),
        }, { signal, onProgress, launch: ctx.options.launcher });
        if (!printPdf) return { out: written.out, files: written.files, handle: ctx.files.issue(written.out) };
        try {
          throwIfCancelled(signal);
          await printPdf(path.join(written.out, REPORT_HTML), path.join(written.out, REPORT_PDF), signal);
        } catch (err) {
          // All or nothing: what this export wrote goes again.
          await removeExport(written.out, [...written.files, REPORT_PDF], existed);
          if (signal.aborted) throw err;
          throw pdfPrintError(written.out, err);
        }
        if (!keepHtml) await rm(path.join(written.out, REPORT_HTML), { force: true });
        const files = [...written.files.filter((f) => keepHtml || f !== REPORT_HTML), REPORT_PDF];
        return { out: written.out, files, handle: ctx.files.issue(written.out) };
      },
    });
    return { jobId };
  },
};

/** Removes an export's files, and its folder when the export made it. */
async function removeExport(out: string, files: readonly string[], existed: boolean): Promise<void> {
  if (!existed) return rm(out, { recursive: true, force: true });
  for (const name of files) await rm(path.join(out, name), { recursive: true, force: true });
}
