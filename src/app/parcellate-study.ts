import { resolveRuns } from '../study/assemble.js';
import { parcellateCached } from '../study/parcellation-cache.js';
import { runName } from '../study/runs.js';
import { throwIfCancelled } from '../util/cancel.js';
import { resolveAtlas, type AtlasChoice } from './atlas.js';
import type { StudySource } from './build-dataset.js';
import { phaseReporter, type OperationContext } from './context.js';

export interface ParcellateStudyOptions {
  input: StudySource;
  /** Absent: the bundled AAL with its names. */
  atlas?: AtlasChoice;
  /** The parcellation cache filled (a workspace's `workspaceCacheDir`): what later steps read. */
  cacheDir: string;
}

/** One NIfTI run's parcellation, as the Study screen lists it. */
export interface ParcellatedRun {
  /** e.g. `sub-01_task-rest_run-1`. */
  name: string;
  file: string;
  /** True when the cache already held it (the image was not read). */
  fromCache: boolean;
  volumes: number;
  /** Atlas regions, vanished ones included. */
  regions: number;
  /** Regions with no voxel on the run's grid: their means are NaN, and a dataset drops them. */
  vanished: { label: number; name: string }[];
  /** What parcellating warned about (non-finite voxels left out of means). */
  warnings: string[];
}

export interface ParcellateStudyResult {
  runs: ParcellatedRun[];
  /** Names of the runs that are tables (already region time series): nothing to parcellate. */
  imported: string[];
}

/**
 * Parcellates every NIfTI run of a study into `cacheDir`, so the QC panel and a later dataset
 * build read region means without touching the images again; runs the cache holds are not
 * read. Progress: phase `runs` (one step per run, its name as item) and `volumes` within a
 * run's parcellation. Cancelled, it throws Cancelled before the next run or volume; the runs
 * done stay cached.
 */
export async function parcellateStudy(options: ParcellateStudyOptions, ctx: OperationContext = {}): Promise<ParcellateStudyResult> {
  const { signal } = ctx;
  throwIfCancelled(signal);
  const { runs } = await resolveRuns(options.input);
  // A study of tables needs no atlas: a broken atlas choice must not fail it.
  const atlas = runs.some((r) => r.format === 'nifti') ? await resolveAtlas(options.atlas) : null;
  let item = '';
  const reportRuns = phaseReporter({ onProgress: (p) => ctx.onProgress?.({ ...p, item }) }, 'runs');
  const result: ParcellateStudyResult = { runs: [], imported: [] };
  for (const [i, run] of runs.entries()) {
    throwIfCancelled(signal);
    const name = runName(run);
    item = name;
    reportRuns(i, runs.length);
    if (run.format === 'table') {
      result.imported.push(name);
      continue;
    }
    const { series, fromCache } = await parcellateCached(run.file, atlas!, {
      cacheDir: options.cacheDir, signal, onProgress: phaseReporter(ctx, 'volumes', name),
    });
    result.runs.push({
      name, file: run.file, fromCache, volumes: series.volumes, regions: series.regions.length,
      vanished: series.regions.filter((r) => r.voxels === 0).map(({ label, name: region }) => ({ label, name: region })),
      warnings: series.warnings,
    });
  }
  reportRuns(runs.length, runs.length);
  return result;
}
