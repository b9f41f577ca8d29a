import { StudyError } from '../errors.js';
import { clean, type Standardize } from './clean/index.js';
import { loadConfoundsStrategy, requireConfounds, type CensorReason, type PresetName, type PresetOverrides } from './confounds/index.js';
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
  warnings: string[];
}

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
}

/**
 * Cleans one run as nilearn would (`load_confounds_strategy` then `signal.clean` with the
 * run's TR, confounds and sample mask). A preset needs the run's fMRIPrep confounds table
 * (CONFOUNDS_NOT_FOUND names the run otherwise); its volume count must match the run's.
 */
export async function cleanRun(run: RunSpec, series: Float64Array[], volumes: number, tr: number, settings: CleanSettings): Promise<CleanedRun> {
  const name = runName(run);
  let confounds: Float64Array[] | null = null;
  let sampleMask: number[] | null = null;
  let censored: CleanedRun['censored'] = [];
  let confoundsFile: CleanedRun['confoundsFile'] = null;
  let confoundColumns: string[] = [];
  let warnings: string[] = [];
  if (settings.preset) {
    const file = await requireConfounds(run.file, name);
    const overrides = { ...settings.confounds, fd_threshold: settings.scrub?.fd, std_dvars_threshold: settings.scrub?.dvars };
    const loaded = await loadConfoundsStrategy(file, settings.preset, overrides);
    const rows = loaded.values[0]?.length;
    if (rows !== undefined && rows !== volumes) {
      throw new StudyError('CONFOUNDS_VOLUMES', file, 'rows', rows, `${volumes} rows, one per volume of ${name}`);
    }
    confounds = loaded.values;
    sampleMask = loaded.sampleMask;
    censored = loaded.censored;
    confoundColumns = loaded.columns;
    confoundsFile = { path: file, sha256: await sha256File(file) };
    warnings = loaded.warnings.map((w) => `${name}: ${w}`);
  }
  const result = clean(series, {
    detrend: settings.detrend, standardize: settings.standardize, lowPass: settings.lowPass, highPass: settings.highPass,
    tR: tr, confounds, sampleMask, source: run.file,
  });
  return { series: result.series, kept: result.volumes, censored, confoundsFile, confoundColumns, warnings };
}
