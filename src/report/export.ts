import { mkdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DATASET_JSON } from '../study/cache.js';
import { throwIfCancelled } from '../util/cancel.js';
import { acquireFolderLock } from '../util/folder-lock.js';
import { outputError } from '../util/fs-errors.js';
import { removeStaleSiblings, tempSibling } from '../util/temp-siblings.js';
import { REPORT_FORMATS, type ReportContext, type ReportFormat } from './context.js';
import { ReportError, ReportExportError } from './errors.js';
import { FORMAT_WRITERS, type FormatWriter } from './format-writers.js';
import type { ReportInputOptions } from './inputs.js';
import { openReportContext } from './open-context.js';

/** What to export, from which run, to where. */
export interface ExportRequest extends ReportInputOptions {
  formats: ReportFormat[];
  /** Output folder: created if absent; files of the same names in it are replaced. */
  out: string;
  /** The report's date (provenance), for reproducible outputs in tests. */
  now?: Date;
  /** Leave NIfTI maps out, instead of failing, when the regions carry no atlas labels (default formats). */
  niftiOnlyWithAtlas?: boolean;
}

export interface ExportResult {
  out: string;
  /** Names of the files written into `out`. */
  files: string[];
  context: ReportContext;
}

/** Replaceable parts, for tests that inject a failure. */
export interface ExportHooks {
  writers?: Partial<Record<ReportFormat, FormatWriter>>;
  rename?: (from: string, to: string) => Promise<void>;
}

/** Progress (formats written so far) and cancel: aborting stops before the next format, leaving `out` as it was. */
export interface ExportControl {
  signal?: AbortSignal;
  onProgress?(done: number, total: number, format: ReportFormat): void;
}

/**
 * Writes a report in the chosen formats, all or nothing: every file is written into a temp
 * folder beside `out` (same file system), then moved in by rename. On any failure the moved
 * files are taken out again, replaced files restored, the temp folder removed, and a
 * ReportExportError says which stage failed and why. Bad inputs fail before anything is written.
 */
export async function exportReport(request: ExportRequest, hooks: ExportHooks = {}, control: ExportControl = {}): Promise<ExportResult> {
  let formats = checkFormats(request.formats);
  const out = path.resolve(request.out);
  const context = await openReportContext(request, request.now);
  if (!context.atlas && request.niftiOnlyWithAtlas) formats = formats.filter((f) => f !== 'nifti');
  if (formats.includes('nifti') && !context.atlas) {
    throw new ReportError('REPORT_NO_ATLAS', path.join(context.datasetDir, DATASET_JSON), 'regions[].label', null, 'atlas label values for NIfTI maps (these regions come from a table or synthetic data, not an atlas; leave out nifti)');
  }
  const parent = path.dirname(out);
  await mkdir(parent, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
    const why = err.code === 'EEXIST' ? new Error(`${err.path} exists and is not a folder`, { cause: err }) : err;
    throw new ReportExportError(out, 'creating its parent folder', why);
  });
  // Before anything is written beside or into out: a second export to the same folder is refused.
  const lock = await acquireFolderLock(out, { operation: 'report' });
  // An export killed midway (Ctrl-C twice, a crash) could not remove its temp folder: do it now.
  await removeStaleSiblings(out, 'partial');
  const temp = tempSibling(out, 'partial');
  await mkdir(temp).catch(async (err) => {
    await lock.release();
    throw new ReportExportError(out, 'creating a temp folder beside it', outputError(err, parent, 'creating a temp folder in it'));
  });
  try {
    const files: string[] = [];
    for (const [i, format] of formats.entries()) {
      throwIfCancelled(control.signal);
      control.onProgress?.(i, formats.length, format);
      const write = hooks.writers?.[format] ?? FORMAT_WRITERS[format];
      const names = await write(context, temp).catch((err) => {
        throw new ReportExportError(out, `writing ${format}`, err);
      });
      files.push(...names);
    }
    throwIfCancelled(control.signal);
    control.onProgress?.(formats.length, formats.length, formats[formats.length - 1]);
    await commit(temp, out, files, hooks.rename ?? rename);
    return { out, files, context };
  } finally {
    await rm(temp, { recursive: true, force: true });
    await lock.release();
  }
}

function checkFormats(formats: ReportFormat[]): ReportFormat[] {
  const bad = formats.find((f) => !REPORT_FORMATS.includes(f));
  if (bad !== undefined || formats.length === 0) {
    throw new ReportError('REPORT_FORMAT', 'report options', 'formats', formats, `one or more of ${REPORT_FORMATS.join(', ')}`);
  }
  return [...new Set(formats)];
}

/** Moves `files` from `temp` into `out`, keeping replaced files aside until all are in; undoes everything on failure. */
async function commit(temp: string, out: string, files: string[], move: (from: string, to: string) => Promise<void>): Promise<void> {
  const created = !(await stat(out).then(() => true, () => false));
  const aside = path.join(temp, '.replaced');
  const moved: string[] = [];
  const setAside: string[] = [];
  try {
    await mkdir(out, { recursive: true });
    await mkdir(aside);
    for (const name of files) {
      if (await stat(path.join(out, name)).then(() => true, () => false)) {
        await move(path.join(out, name), path.join(aside, name));
        setAside.push(name);
      }
      await mkdir(path.dirname(path.join(out, name)), { recursive: true });
      await move(path.join(temp, name), path.join(out, name));
      moved.push(name);
    }
  } catch (err) {
    for (const name of moved) await rm(path.join(out, name), { recursive: true, force: true });
    for (const name of setAside) await rename(path.join(aside, name), path.join(out, name));
    if (created) await rmdir(out).catch(() => undefined);
    throw new ReportExportError(out, 'moving the files into place', err);
  }
}
