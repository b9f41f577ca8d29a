import { stat } from 'node:fs/promises';
import path from 'node:path';
import { findSidecar, type Atlas } from '../atlas/index.js';
import { defaultAtlasPaths } from '../assets.js';
import { StudyError } from '../errors.js';
import { resolveRuns } from '../study/assemble.js';
import { checkCleanSettings, cleanRun, type CleanSettings } from '../study/clean-run.js';
import type { CensorReason } from '../study/confounds/index.js';
import { readEvents, type StudyEvent } from '../study/events.js';
import { lookupParcellation } from '../study/parcellation-cache.js';
import { runName, type RunSpec } from '../study/runs.js';
import { importTimeSeries } from '../study/timeseries-import.js';
import { resolveAtlas, type AtlasChoice } from './atlas.js';
import type { StudySource } from './build-dataset.js';

export interface StudyQcOptions {
  input: StudySource;
  /** The atlas the study was parcellated with (absent: the bundled AAL). */
  atlas?: AtlasChoice;
  /** The cache `parcellateStudy` filled. */
  cacheDir: string;
  /** The run, by its listing name (`sub-01_task-rest`). */
  run: string;
  /** Region names to plot. */
  regions: string[];
  /** Also clean the regions so, as a build would (absent: raw means only). */
  clean?: CleanSettings;
}

/** A run's region mean time series and its events: what the QC plot draws. */
export interface QcSeries {
  run: string;
  /** Sidecar or manifest TR, else the header's; null when known nowhere. */
  tr: number | null;
  volumes: number;
  /** The regions asked for, in that order; null where a mean is not finite (a region with no voxel). */
  regions: { name: string; label: number | null; values: (number | null)[] }[];
  /** Every event of the run with a trial_type, for shading its blocks. */
  events: StudyEvent[];
  /** Every region name the run has, for the region picker. */
  available: string[];
  /** With `clean`: the same regions cleaned, one value per volume (null where censored), and what was censored. */
  cleaned?: QcCleaned;
}

export interface QcCleaned {
  regions: { name: string; values: (number | null)[] }[];
  censored: { volume: number; reason: CensorReason }[];
  notCleaned: string | null;
  warnings: string[];
}

/** How many valid names an error lists. */
const SHOWN = 10;

/**
 * The mean time series of a few regions of one run, with its events. It reads only the
 * parcellation cache (or the run's own table), never an image: it answers on the thread that
 * serves the UI. A NIfTI run not in the cache is a StudyError `STUDY_NOT_PARCELLATED`; an
 * unknown run or region name is a StudyError listing valid ones.
 */
export async function studyQc(options: StudyQcOptions): Promise<QcSeries> {
  const { runs } = await resolveRuns(options.input);
  const run = runs.find((r) => runName(r) === options.run);
  if (!run) {
    const source = path.resolve('dir' in options.input ? options.input.dir : options.input.manifest);
    throw new StudyError('STUDY_UNKNOWN_RUN', source, 'run', options.run, `a run of the study: ${shown(runs.map(runName))}`);
  }
  const series = await runSeries(run, options);
  const regions = options.regions.map((name) => {
    const k = series.names.indexOf(name);
    if (k < 0) throw new StudyError('STUDY_UNKNOWN_REGION', run.file, 'regions', name, `a region of ${options.run}, e.g. ${shown(series.names)}`);
    return { name, label: series.labels[k], values: Array.from(series.means[k], (v) => (Number.isFinite(v) ? v : null)) };
  });
  const events = run.events ? (await readEvents(run.events)).events : [];
  const cleaned = options.clean ? await cleanedSeries(run, series, regions, options.clean) : null;
  return { run: options.run, tr: series.tr, volumes: series.volumes, regions, events, available: series.names, ...(cleaned ? { cleaned } : {}) };
}

/**
 * The plotted regions cleaned as the build cleans a run (`cleanRun`: nilearn cleans each
 * region on its own, so cleaning only these gives the build's values), set back on the
 * run's volume grid. A region with a non-finite mean stays all null.
 */
async function cleanedSeries(run: RunSpec, series: RunSeries, regions: QcSeries['regions'], settings: CleanSettings): Promise<QcCleaned> {
  checkCleanSettings(settings);
  if (series.tr === null) {
    throw new StudyError('STUDY_NO_TR', run.file, 'repetition time', 'unknown', 'a TR (sidecar, manifest or header): filters and cosines need it');
  }
  const finite = regions.filter((r) => r.values.every((v) => v !== null));
  if (finite.length === 0) {
    throw new StudyError('STUDY_QC_REGIONS', run.file, 'regions', regions.map((r) => r.name), 'at least one region with a finite mean at every volume, to clean');
  }
  const result = await cleanRun(run, finite.map((r) => Float64Array.from(r.values as number[])), series.volumes, series.tr, settings);
  const byName = new Map(finite.map((r, k) => [r.name, result.series[k]]));
  return {
    regions: regions.map((r) => {
      const values = new Array<number | null>(series.volumes).fill(null);
      const x = byName.get(r.name);
      if (x) result.kept.forEach((v, i) => { values[v] = Number.isFinite(x[i]) ? x[i] : null; });
      return { name: r.name, values };
    }),
    censored: result.censored, notCleaned: result.notCleaned, warnings: result.warnings,
  };
}

interface RunSeries {
  names: string[];
  labels: (number | null)[];
  means: ArrayLike<number>[];
  volumes: number;
  tr: number | null;
}

async function runSeries(run: RunSpec, options: StudyQcOptions): Promise<RunSeries> {
  if (run.format === 'table') {
    const table = await importTimeSeries(run.file);
    return { names: table.names, labels: table.names.map(() => null), means: table.series, volumes: table.volumes, tr: run.tr };
  }
  const cached = await lookupParcellation(run.file, await rememberedAtlas(options.atlas), options.cacheDir);
  if (!cached) throw new StudyError('STUDY_NOT_PARCELLATED', run.file, 'parcellation', 'none in the cache', 'a parcellated run (parcellate the study first)');
  return {
    names: cached.regions.map((r) => r.name), labels: cached.regions.map((r) => r.label), means: cached.means, volumes: cached.volumes,
    tr: run.tr ?? (cached.tr !== null && cached.tr > 0 ? cached.tr : null),
  };
}

let remembered: { key: string; atlas: Promise<Atlas> } | null = null;

/**
 * The atlas of `choice`, loaded once while its files stay as they are: loading AAL takes about
 * half a second, too long to repeat on the UI's thread for every run or region picked.
 */
async function rememberedAtlas(choice: AtlasChoice = {}): Promise<Atlas> {
  const labels = choice.labels ?? defaultAtlasPaths().labels;
  const names = choice.names ?? (choice.labels ? await findSidecar(labels) : defaultAtlasPaths().names);
  const id = async (file: string | null) => {
    const s = file === null ? null : await stat(file).catch(() => null);
    return [file, s?.size, s?.mtimeMs];
  };
  const key = JSON.stringify([await id(labels), await id(names), choice.names ?? null, choice.allowUnnamed ?? false]);
  if (remembered?.key !== key) {
    const atlas = resolveAtlas(choice);
    remembered = { key, atlas };
    // A failed load is not remembered: the next call tries again (and fails with its own error).
    atlas.catch(() => {
      if (remembered?.atlas === atlas) remembered = null;
    });
  }
  return remembered.atlas;
}

function shown(names: readonly string[]): string {
  return names.slice(0, SHOWN).join(', ') + (names.length > SHOWN ? `, and ${names.length - SHOWN} more` : '');
}
