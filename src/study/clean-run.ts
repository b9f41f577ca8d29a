import { StudyError } from '../errors.js';
import { clean, type Standardize } from './clean/index.js';
import {
  findConfounds, loadConfoundsStrategy, requireConfounds, type CensorReason, type LoadedConfounds, type PresetName, type PresetOverrides,
} from './confounds/index.js';
import { sha256File } from './dataset-atlas.js';
import { runName, type RunSpec } from './runs.js';

export const CLEAN_PRESETS: readonly PresetName[] = ['simple', 'scrubbing', 'compcor'];

/**
 * How each run is denoised before windowing, named as nilearn names `signal.clean`'s options
 * (camelCase). `preset` adds an fMRIPrep confound strategy (`load_confounds_strategy`), whose
 * keys `confounds` overrides and whose scrubbing thresholds `scrub` sets; without a preset no
 * confounds are read. Absent options take `clean()`'s (nilearn's) defaults.
 */
export interface CleanSettings {
  preset?: PresetName;
  detrend?: boolean;
  standardize?: Standardize;
  lowPass?: number | null;
  highPass?: number | null;
  confounds?: PresetOverrides;
  /** Framewise displacement (mm) and std DVARS thresholds of the scrubbing preset. */
  scrub?: { fd?: number; dvars?: number };
  /**
   * With a preset, clean a run without a confounds table by the filters alone (with a warning)
   * instead of refusing it; the runs so left are named in the summary.
   */
  whereAvailable?: boolean;
}

/** One run after cleaning: its kept volumes only, and what was regressed out and censored. */
export interface CleanedRun {
  /** One series per region, `kept.length` long. */
  series: Float64Array[];
  /** Input volume of each row of `series`, ascending. */
  kept: number[];
  censored: { volume: number; reason: CensorReason }[];
  /** The confounds table used and its SHA-256; null without a preset. */
  confoundsFile: { path: string; sha256: string } | null;
  confoundColumns: string[];
  /** Why the preset's confounds were not applied to this run (whereAvailable, no table); null when they were or none was asked. */
  notCleaned: string | null;
  warnings: string[];
}

/** A run's confounds under a preset: the table and what it gives, or why there is none. */
export type RunConfounds =
  | { file: string; loaded: LoadedConfounds & { warnings: string[] } }
  | { file: null; notCleaned: string | null };

/** Why a run is left out of confound cleaning in `whereAvailable` mode. */
export const NO_CONFOUNDS_TABLE = 'no fMRIPrep confounds table beside the run';

/** Refuses settings no run could be cleaned with, before anything is loaded. */
export function checkCleanSettings(s: CleanSettings): void {
  const fail = (field: string, value: unknown, expected: string): never => {
    throw new StudyError('STUDY_OPTION', '<options>', `clean.${field}`, value, expected);
  };
  if (s.preset !== undefined && !CLEAN_PRESETS.includes(s.preset)) fail('preset', s.preset, `one of ${CLEAN_PRESETS.join(', ')}`);
  if (s.detrend !== undefined && typeof s.detrend !== 'boolean') fail('detrend', s.detrend, 'true or false');
  if (s.standardize !== undefined && s.standardize !== null && s.standardize !== 'zscore_sample' && s.standardize !== 'psc') {
    fail('standardize', s.standardize, '"zscore_sample", "psc" or null (none)');
  }
  for (const key of ['lowPass', 'highPass'] as const) {
    const v = s[key];
    if (v !== undefined && v !== null && !(typeof v === 'number' && v > 0)) fail(key, v, 'a frequency in Hz > 0');
  }
  for (const key of ['fd', 'dvars'] as const) {
    const v = s.scrub?.[key];
    if (v !== undefined && !(typeof v === 'number' && v > 0)) fail(`scrub.${key}`, v, 'a threshold > 0');
  }
  if (s.scrub && s.preset === undefined) fail('scrub', s.scrub, 'a preset to scrub with (scrubbing)');
  if (s.confounds && s.preset === undefined) fail('confounds', s.confounds, 'a preset whose confounds they change');
  if (s.whereAvailable !== undefined && typeof s.whereAvailable !== 'boolean') fail('whereAvailable', s.whereAvailable, 'true or false');
}

/**
 * The confounds `settings` give one run (`load_confounds_strategy` on its fMRIPrep table), read
 * without touching its signals: the build cleans with them, the preview counts the windows
 * their censoring costs. Without a preset, none. A preset needs the run's table
 * (CONFOUNDS_NOT_FOUND names the run), unless `whereAvailable` leaves the run out with a
 * reason; the table's row count must match the run's volumes.
 */
export async function loadRunConfounds(runFile: string, name: string, volumes: number, settings: CleanSettings): Promise<RunConfounds> {
  if (!settings.preset) return { file: null, notCleaned: null };
  const file = settings.whereAvailable ? await findConfounds(runFile) : await requireConfounds(runFile, name);
  if (file === null) return { file: null, notCleaned: NO_CONFOUNDS_TABLE };
  const overrides = { ...settings.confounds, fd_threshold: settings.scrub?.fd, std_dvars_threshold: settings.scrub?.dvars };
  const loaded = await loadConfoundsStrategy(file, settings.preset, overrides);
  const rows = loaded.values[0]?.length;
  if (rows !== undefined && rows !== volumes) {
    throw new StudyError('CONFOUNDS_VOLUMES', file, 'rows', rows, `${volumes} rows, one per volume of ${name}`);
  }
  return { file, loaded };
}

/**
 * Cleans one run as nilearn would (`load_confounds_strategy` then `signal.clean` with the
 * run's TR, confounds and sample mask); see `loadRunConfounds` for when a run has no table.
 */
export async function cleanRun(run: RunSpec, series: Float64Array[], volumes: number, tr: number, settings: CleanSettings): Promise<CleanedRun> {
  const name = runName(run);
  const found = await loadRunConfounds(run.file, name, volumes, settings);
  const loaded = found.file === null ? null : found.loaded;
  const notCleaned = found.file === null ? found.notCleaned : null;
  const warnings = loaded ? loaded.warnings.map((w) => `${name}: ${w}`) : [];
  if (notCleaned) warnings.push(`${name}: not cleaned by the ${settings.preset} confounds (${notCleaned}); detrending, filters and standardisation still applied`);
  const result = clean(series, {
    detrend: settings.detrend, standardize: settings.standardize, lowPass: settings.lowPass, highPass: settings.highPass,
    tR: tr, confounds: loaded?.values ?? null, sampleMask: loaded?.sampleMask ?? null, source: run.file,
  });
  return {
    series: result.series, kept: result.volumes, censored: loaded?.censored ?? [],
    confoundsFile: found.file === null ? null : { path: found.file, sha256: await sha256File(found.file) },
    confoundColumns: loaded?.columns ?? [], notCleaned, warnings,
  };
}
