import path from 'node:path';
import { openNifti } from '../nifti/index.js';
import { resolveRuns, type StudyInput } from '../study/assemble.js';
import { readEvents } from '../study/events.js';
import { runName, type RunSpec } from '../study/runs.js';
import { importTimeSeries } from '../study/timeseries-import.js';
import { throwIfCancelled } from '../util/cancel.js';
import { phaseReporter, type OperationContext } from './context.js';

/** A study to look at before any parcellation: a BIDS/fMRIPrep folder or a run manifest. */
export type OpenStudyOptions = { dir: string; space?: string } | { manifest: string };

/** Something the user should fix or know, pointing at the file it is about. */
export interface StudyProblem {
  /** `error`: building a dataset from this study would fail; `warning`: it would work, maybe not as meant. */
  severity: 'error' | 'warning';
  file: string;
  message: string;
}

/** Where a run's TR came from: a JSON sidecar, the manifest, the NIfTI header, or nowhere. */
export type TrOrigin = 'sidecar' | 'manifest' | 'header' | null;

/** A NIfTI run's voxel grid, from its header only. */
export interface RunGrid {
  /** Spatial shape (the first three dimensions). */
  shape: number[];
  /** Voxel size per spatial axis (pixdim), in `unit`. */
  voxelSize: number[];
  unit: string;
  volumes: number;
}

export interface StudyRunEvents {
  file: string;
  /** Events with a trial_type (rows with `n/a` or none are `skipped`). */
  count: number;
  skipped: number;
  trialTypes: string[];
}

export interface StudyRunListing extends Pick<RunSpec, 'file' | 'format' | 'subject' | 'session' | 'task' | 'run'> {
  /** e.g. `sub-01_ses-1_task-rest_run-1`. */
  name: string;
  /** The TR used (sidecar or manifest first, else the header); null when known nowhere. */
  tr: number | null;
  trOrigin: TrOrigin;
  /** The sidecar or manifest file the TR came from; the run's own file for `header`; null when none. */
  trFile: string | null;
  /** pixdim[4] of a NIfTI run; null for tables or when the header has none. */
  headerTr: number | null;
  /** NIfTI runs whose header could be read; null otherwise. */
  grid: RunGrid | null;
  /** Volumes (NIfTI header, or table rows); null when the file could not be read. */
  volumes: number | null;
  /** Region columns of a table run; null for NIfTI runs. */
  regions: number | null;
  /** null when the run has no events file or it could not be read. */
  events: StudyRunEvents | null;
}

/** What the Study screen shows before any parcellation. */
export interface StudyListing {
  /** The folder or manifest opened, absolute. */
  source: string;
  subjects: string[];
  /** Session labels met in any subject, sorted. */
  sessions: string[];
  tasks: string[];
  runs: StudyRunListing[];
  /** Every problem found, in run order, discovery notes first. */
  problems: StudyProblem[];
}

/** TRs closer than this (relative) are equal, as src/study/load-runs.ts decides. */
const TR_TOLERANCE = 1e-4;

/**
 * Lists a study's subjects, sessions, tasks and runs with their TR (and its origin), grid and
 * events, reading NIfTI headers only, and collects every problem as data: missing TR, header vs
 * sidecar TR, TRs or grids differing between runs, events past a run's end, unreadable files and
 * `sub-*` entries discovery skipped. Throws (a StudyError) only when discovery itself fails:
 * the folder or manifest cannot be opened or holds no runs. Progress: phase `runs`, one step per
 * run; cancelled through `ctx.signal` between runs.
 */
export async function openStudy(options: OpenStudyOptions, ctx: OperationContext = {}): Promise<StudyListing> {
  throwIfCancelled(ctx.signal);
  const input: StudyInput = 'dir' in options ? { dir: options.dir, ...(options.space === undefined ? {} : { space: options.space }) } : { manifest: options.manifest };
  const source = path.resolve('dir' in options ? options.dir : options.manifest);
  const { runs, notes } = await resolveRuns(input);
  const problems: StudyProblem[] = notes.map((note) => ({ severity: 'warning', file: noteFile(source, note), message: note }));
  const report = phaseReporter(ctx, 'runs');
  const listed: StudyRunListing[] = [];
  report(0, runs.length);
  for (const [i, run] of runs.entries()) {
    throwIfCancelled(ctx.signal);
    listed.push(await describeRun(run, 'manifest' in options ? options.manifest : null, problems));
    report(i + 1, runs.length);
  }
  problems.push(...mixedTrs(listed), ...mixedGrids(listed));
  return {
    source,
    subjects: unique(listed.map((r) => r.subject)),
    sessions: unique(listed.flatMap((r) => (r.session === null ? [] : [r.session]))),
    tasks: unique(listed.map((r) => r.task)),
    runs: listed,
    problems,
  };
}

async function describeRun(run: RunSpec, manifest: string | null, problems: StudyProblem[]): Promise<StudyRunListing> {
  const name = runName(run);
  const problem = (severity: StudyProblem['severity'], file: string, message: string) => problems.push({ severity, file, message });
  let grid: RunGrid | null = null;
  let headerTr: number | null = null;
  let volumes: number | null = null;
  let regions: number | null = null;
  try {
    if (run.format === 'nifti') {
      const reader = await openNifti(run.file);
      reader.close();
      const h = reader.header;
      grid = { shape: [0, 1, 2].map((k) => h.shape[k] ?? 1), voxelSize: [0, 1, 2].map((k) => h.zooms[k] ?? 1), unit: h.spatialUnit, volumes: h.volumes };
      volumes = h.volumes;
      headerTr = h.tr !== null && h.tr > 0 ? h.tr : null;
      for (const w of h.warnings) problem('warning', run.file, w);
    } else {
      const table = await importTimeSeries(run.file);
      volumes = table.volumes;
      regions = table.names.length;
    }
  } catch (err) {
    problem('error', run.file, `${name}: the ${run.format === 'nifti' ? 'NIfTI image' : 'time-series table'} cannot be read: ${message(err)}`);
  }

  let tr = run.tr;
  let trOrigin: TrOrigin = null;
  let trFile: string | null = run.trSource;
  if (tr !== null) trOrigin = manifest !== null && run.trSource === manifest ? 'manifest' : 'sidecar';
  else if (headerTr !== null) {
    tr = headerTr;
    trOrigin = 'header';
    trFile = run.file;
  }
  if (tr === null && volumes !== null) {
    const where = run.format === 'nifti'
      ? 'no RepetitionTime in a *_bold.json sidecar (beside the run or inherited) and no pixdim[4] in the NIfTI header'
      : 'no "tr" column in the manifest and no RepetitionTime in a JSON sidecar beside the table';
    problem('error', run.file, `${name}: the repetition time is known nowhere (${where})`);
  }
  if (run.tr !== null && headerTr !== null && Math.abs(headerTr - run.tr) > TR_TOLERANCE * run.tr) {
    problem('warning', run.file, `${name}: TR ${run.tr} s from ${run.trSource} differs from the NIfTI header's ${headerTr} s; ${run.tr} s will be used`);
  }

  let events: StudyRunEvents | null = null;
  if (run.events) {
    try {
      const e = await readEvents(run.events);
      events = { file: run.events, count: e.events.length, skipped: e.skipped, trialTypes: unique(e.events.map((x) => x.trialType)) };
      if (tr !== null && volumes !== null) {
        const end = volumes * tr;
        const late = e.events.filter((x) => x.onset >= end).length;
        if (late > 0) {
          problem('warning', run.events, `${late} of ${e.events.length} events start at or after the end of ${name} (${volumes} volumes × ${tr} s = ${round(end)} s) and label nothing; onsets in milliseconds, or another run's events file?`);
        }
      }
    } catch (err) {
      problem('error', run.events, `${name}: the events file cannot be read: ${message(err)}`);
    }
  }
  return {
    name, file: run.file, format: run.format, subject: run.subject, session: run.session, task: run.task, run: run.run,
    tr, trOrigin, trFile, headerTr, grid, volumes, regions, events,
  };
}

/** Runs whose TR differs from the one most runs share (a dataset needs one TR). */
function mixedTrs(runs: readonly StudyRunListing[]): StudyProblem[] {
  const known = runs.filter((r) => r.tr !== null);
  const groups: { tr: number; runs: StudyRunListing[] }[] = [];
  for (const r of known) {
    const g = groups.find((x) => Math.abs(r.tr! - x.tr) <= TR_TOLERANCE * x.tr);
    if (g) g.runs.push(r);
    else groups.push({ tr: r.tr!, runs: [r] });
  }
  if (groups.length < 2) return [];
  const common = groups.reduce((best, g) => (g.runs.length > best.runs.length ? g : best));
  return groups.filter((g) => g !== common).flatMap((g) => g.runs).map((r) => ({
    severity: 'error' as const, file: r.file,
    message: `${r.name}: TR ${r.tr} s (from ${r.trFile ?? 'the NIfTI header'}) differs from the ${common.tr} s of ${common.runs.length} of the ${known.length} runs; every run of a study needs the same TR`,
  }));
}

/** NIfTI runs whose grid (shape and voxel size) differs from the one most runs share. */
function mixedGrids(runs: readonly StudyRunListing[]): StudyProblem[] {
  const key = (g: RunGrid) => `${g.shape.join('×')} voxels of ${g.voxelSize.map((v) => round(v)).join('×')} ${g.unit}`;
  const groups = new Map<string, StudyRunListing[]>();
  for (const r of runs) if (r.grid) groups.set(key(r.grid), [...(groups.get(key(r.grid)) ?? []), r]);
  if (groups.size < 2) return [];
  const [commonKey, common] = [...groups].reduce((best, g) => (g[1].length > best[1].length ? g : best));
  const total = [...groups.values()].reduce((n, g) => n + g.length, 0);
  return [...groups].filter(([k]) => k !== commonKey).flatMap(([k, list]) => list.map((r) => ({
    severity: 'warning' as const, file: r.file,
    message: `${r.name}: grid ${k} differs from the ${commonKey} of ${common.length} of the ${total} NIfTI runs; the atlas is resampled to each grid, so regions may cover different voxels`,
  })));
}

/** The file a discovery note is about: `skipped <rel>: …` and `sub-X has no runs…` name one under the root. */
function noteFile(root: string, note: string): string {
  const skipped = /^skipped (.+?): /.exec(note);
  if (skipped) return path.join(root, skipped[1]);
  const subject = /^(sub-[a-zA-Z0-9]+) has no runs/.exec(note);
  if (subject) return path.join(root, subject[1]);
  return root;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
