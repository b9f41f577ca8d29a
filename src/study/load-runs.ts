import type { Atlas } from '../atlas/index.js';
import { StudyError } from '../errors.js';
import { openNifti } from '../nifti/index.js';
import { throwIfCancelled } from '../util/cancel.js';
import { refuseDuplicateData } from './duplicates.js';
import { lookupParcellation, parcellateCached, type ParcellationSeries } from './parcellation-cache.js';
import { noTrError, runName, type RunSpec } from './runs.js';
import { importTimeSeries } from './timeseries-import.js';

/** A run's region time series, from an atlas or a table. */
export interface LoadedRun {
  run: RunSpec;
  /** Region names in `series` order. */
  names: string[];
  /** Atlas label per region; null for table columns. */
  labels: (number | null)[];
  /** Voxels per region on the run's grid; null for table columns. */
  voxels: (number | null)[];
  volumes: number;
  series: Float64Array[];
}

export interface LoadOptions {
  atlas?: Atlas;
  cacheDir?: string;
  onProgress?: (event: { stage: string; done: number; total: number; item?: string }) => void;
  signal?: AbortSignal;
}

/** TRs closer than this (relative) are equal: sidecars say 2, float32 headers 2.0000000xx. */
const TR_TOLERANCE = 1e-4;

/**
 * Resolves every run's TR first (sidecar or manifest, else the cached parcellation's or the
 * NIfTI header's) so a missing or mixed TR fails before any long parcellation, then loads
 * each run: cached parcellation, fresh parcellation (cached after), or table import. Two runs
 * with identical region time series (a copied file) are refused once loaded.
 */
export async function loadRuns(runs: readonly RunSpec[], options: LoadOptions): Promise<{ loaded: LoadedRun[]; tr: number; warnings: string[]; parcellated: number; fromCache: number; imported: number }> {
  const { atlas, cacheDir, onProgress, signal } = options;
  const niftiRuns = runs.filter((r) => r.format === 'nifti');
  if (niftiRuns.length > 0 && !atlas) {
    throw new StudyError('STUDY_NO_ATLAS', niftiRuns[0].file, 'atlas', 'none', 'an atlas to parcellate NIfTI runs with');
  }
  const cached = new Map<RunSpec, ParcellationSeries>();
  const headerTr = new Map<RunSpec, number | null>();
  for (const run of niftiRuns) {
    throwIfCancelled(signal);
    const hit = cacheDir ? await lookupParcellation(run.file, atlas!, cacheDir) : null;
    if (hit) cached.set(run, hit);
    if (hit) headerTr.set(run, hit.tr);
    else if (run.tr === null) headerTr.set(run, await readHeaderTr(run.file));
  }
  const trs = runs.map((run) => {
    const tr = run.tr ?? headerTr.get(run) ?? null;
    if (tr === null || !(tr > 0)) throw noTrError(run);
    return tr;
  });
  const tr = commonTr(runs, trs);

  const loaded: LoadedRun[] = [];
  const warnings: string[] = [];
  const droppedColumns = new Map<string, string[]>();
  let parcellated = 0;
  let imported = 0;
  for (const [i, run] of runs.entries()) {
    throwIfCancelled(signal);
    const item = runName(run);
    onProgress?.({ stage: 'runs', done: i, total: runs.length, item });
    if (run.format === 'table') {
      const t = await importTimeSeries(run.file);
      for (const name of t.droppedColumns) droppedColumns.set(name, [...(droppedColumns.get(name) ?? []), run.file]);
      loaded.push({ run, names: t.names, labels: t.names.map(() => null), voxels: t.names.map(() => null), volumes: t.volumes, series: t.series });
      imported++;
      continue;
    }
    let series = cached.get(run);
    if (!series) {
      const onVolumes = (done: number, total: number) => onProgress?.({ stage: 'volumes', done, total, item });
      series = (await parcellateCached(run.file, atlas!, { cacheDir, onProgress: onVolumes, signal })).series;
      parcellated++;
    }
    if (run.tr !== null && series.tr !== null && series.tr > 0 && Math.abs(series.tr - run.tr) > TR_TOLERANCE * run.tr) {
      warnings.push(`${item}: TR ${run.tr} s from ${run.trSource} differs from the NIfTI header's ${series.tr} s; using ${run.tr} s`);
    }
    warnings.push(...series.warnings);
    const r = series.regions;
    loaded.push({ run, names: r.map((x) => x.name), labels: r.map((x) => x.label), voxels: r.map((x) => x.voxels), volumes: series.volumes, series: series.means });
  }
  onProgress?.({ stage: 'runs', done: runs.length, total: runs.length });
  refuseDuplicateData(loaded);
  for (const [name, files] of droppedColumns) {
    const shown = files.slice(0, 3).join(', ') + (files.length > 3 ? `, and ${files.length - 3} more` : '');
    warnings.push(`column "${name}" dropped from ${files.length} table${files.length > 1 ? 's' : ''} (a time or index column, not a region): ${shown}`);
  }
  return { loaded, tr, warnings, parcellated, fromCache: cached.size, imported };
}

/**
 * The study's TR: the one most runs share. When runs disagree, the error names the runs whose
 * TR differs from the most common one (the odd ones out), not a reference run that is fine.
 */
function commonTr(runs: readonly RunSpec[], trs: readonly number[]): number {
  const groups: { tr: number; runs: number[] }[] = [];
  trs.forEach((tr, i) => {
    const group = groups.find((g) => Math.abs(tr - g.tr) <= TR_TOLERANCE * g.tr);
    if (group) group.runs.push(i);
    else groups.push({ tr, runs: [i] });
  });
  // Stable: on a tie the TR met first wins.
  const common = groups.reduce((best, g) => (g.runs.length > best.runs.length ? g : best));
  if (groups.length > 1) {
    const odd = groups.filter((g) => g !== common).flatMap((g) => g.runs);
    const shown = odd.slice(0, 5).map((i) => `${runName(runs[i])} (${trs[i]} s from ${runs[i].trSource ?? 'the NIfTI header'})`);
    if (odd.length > 5) shown.push(`and ${odd.length - 5} more`);
    throw new StudyError('STUDY_MIXED_TR', runs[odd[0]].file, 'repetition time', trs[odd[0]],
      `${common.tr} s like ${common.runs.length} of the ${runs.length} runs (every run of a study needs the same TR; resampling is not supported); runs with another TR: ${shown.join(', ')}`);
  }
  return common.tr;
}

async function readHeaderTr(file: string): Promise<number | null> {
  const reader = await openNifti(file);
  reader.close();
  return reader.header.tr;
}
