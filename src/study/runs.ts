import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudyError } from '../errors.js';
import { refuseDuplicateRuns } from './duplicates.js';
import { realFile } from './fs-entries.js';

/** How a run's region time series are obtained: parcellating a NIfTI image, or read from a table. */
export type RunFormat = 'nifti' | 'table';

/** One acquisition of one subject doing one task, ready to be parcellated or imported. */
export interface RunSpec {
  /** Absolute path of the bold image or time-series table. */
  file: string;
  format: RunFormat;
  subject: string;
  session: string | null;
  task: string;
  run: string | null;
  /** Absolute path of the events table, or null. */
  events: string | null;
  /** Repetition time in seconds from a sidecar or manifest; null → the NIfTI header decides. */
  tr: number | null;
  /** Where `tr` came from (a file path, or "manifest"), for messages. */
  trSource: string | null;
}

/** A run as a caller lists it (paths may be relative to `baseDir`). */
export interface RunInput {
  file: string;
  subject: string;
  task: string;
  session?: string | null;
  run?: string | null;
  events?: string | null;
  tr?: number | null;
}

const NIFTI = /\.(nii|nii\.gz|hdr|hdr\.gz|img|img\.gz)$/i;
const TABLE = /\.(tsv|csv|txt)$/i;

/** The format implied by a file name, or null when it is neither NIfTI nor a table. */
export function runFormat(file: string): RunFormat | null {
  if (NIFTI.test(file)) return 'nifti';
  if (TABLE.test(file)) return 'table';
  return null;
}

/**
 * Validates an explicit run list: files exist (links followed), formats are known, subject
 * and task are given, no file or run is listed twice (see `refuseDuplicateRuns`), and TR
 * comes from `tr`, else a JSON sidecar beside the file.
 */
export async function normalizeRuns(list: readonly RunInput[], baseDir: string, source: string): Promise<RunSpec[]> {
  if (list.length === 0) throw new StudyError('STUDY_NO_RUNS', source, 'runs', 0, 'at least one run');
  const runs: RunSpec[] = [];
  for (const [i, item] of list.entries()) {
    const where = `run ${i + 1}`;
    const file = path.resolve(baseDir, item.file);
    const format = runFormat(file);
    if (!format) throw new StudyError('STUDY_RUN_FORMAT', source, `${where} file`, item.file, 'a NIfTI image (.nii, .nii.gz) or a time-series table (.tsv, .csv)');
    await realFile(file, source, `${where} file`);
    for (const key of ['subject', 'task'] as const) {
      if (typeof item[key] !== 'string' || item[key].trim() === '') throw new StudyError('STUDY_RUN_FIELD', source, `${where} ${key}`, item[key], `a non-empty ${key} label`);
    }
    const events = item.events ? path.resolve(baseDir, item.events) : null;
    if (events) await realFile(events, source, `${where} events`);
    let tr = item.tr ?? null;
    let trSource: string | null = tr === null ? null : source;
    if (tr !== null && !(Number.isFinite(tr) && tr > 0)) throw new StudyError('STUDY_RUN_FIELD', source, `${where} tr`, tr, 'a repetition time in seconds > 0');
    if (tr === null) {
      const sidecar = file.replace(/\.(nii(\.gz)?|hdr(\.gz)?|img(\.gz)?|tsv|csv|txt)$/i, '.json');
      tr = (await fileExists(sidecar)) ? await readRepetitionTime(sidecar) : null;
      if (tr !== null) trSource = sidecar;
    }
    runs.push({
      file, format, subject: item.subject.trim(), task: item.task.trim(),
      session: blankToNull(item.session), run: blankToNull(item.run), events, tr, trSource,
    });
  }
  await refuseDuplicateRuns(runs, source);
  return runs;
}

/** RepetitionTime (seconds) from a BIDS JSON sidecar; null when the key is absent. */
export async function readRepetitionTime(jsonFile: string): Promise<number | null> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(jsonFile, 'utf8'));
  } catch (err) {
    throw new StudyError('STUDY_SIDECAR_JSON', jsonFile, 'contents', err instanceof Error ? err.message : String(err), 'a valid JSON object');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new StudyError('STUDY_SIDECAR_JSON', jsonFile, 'contents', Array.isArray(json) ? 'an array' : String(json), 'a JSON object');
  }
  const tr = (json as Record<string, unknown>).RepetitionTime;
  if (tr === undefined) return null;
  if (typeof tr !== 'number' || !Number.isFinite(tr) || tr <= 0) {
    throw new StudyError('STUDY_SIDECAR_TR', jsonFile, 'RepetitionTime', tr, 'a number of seconds > 0');
  }
  return tr;
}

/** The error for a run whose repetition time is known nowhere. */
export function noTrError(run: RunSpec): StudyError {
  const where = run.format === 'nifti'
    ? 'RepetitionTime in a *_bold.json sidecar (beside the run or inherited) or pixdim[4] in the NIfTI header'
    : 'a "tr" column in the manifest or RepetitionTime in a JSON sidecar beside the table';
  return new StudyError('STUDY_NO_TR', run.file, 'repetition time', 'none found', where);
}

export { runName } from './run-name.js';

export async function fileExists(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}

function blankToNull(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v && v !== 'n/a' ? v : null;
}
