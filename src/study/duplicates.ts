import { createHash } from 'node:crypto';
import { StudyError } from '../errors.js';
import { realFile } from './fs-entries.js';
import { runName } from './run-name.js';
import type { RunSpec } from './runs.js';

/**
 * Refuses runs that would put one acquisition into the dataset twice, where it could land on
 * both sides of the split: two runs whose files resolve to one real path (a symbolic link, a
 * path spelled two ways, two subjects pointing at one file), or two files for one run
 * (`run-1` and `run-01` of the same subject, session and task). Resolving also turns a
 * dangling or looping link, as a run or events file, into an error naming it.
 */
export async function refuseDuplicateRuns(runs: readonly RunSpec[], source: string): Promise<void> {
  const byReal = new Map<string, RunSpec>();
  const byRun = new Map<string, RunSpec>();
  for (const run of runs) {
    const real = await realFile(run.file, source, `${runName(run)} file`);
    const first = byReal.get(real);
    if (first) {
      throw new StudyError('STUDY_DUPLICATE_RUN', run.file, 'real path', real,
        `a file of its own (${runName(first)} reads the same file, as ${first.file})`);
    }
    byReal.set(real, run);
    if (run.events) await realFile(run.events, source, `${runName(run)} events`);
    // Runs without an index cannot be told apart here; BIDS names already make them unique.
    if (run.run === null) continue;
    const key = JSON.stringify([run.subject, run.session, run.task, runIndex(run.run)]);
    const same = byRun.get(key);
    if (same) {
      throw new StudyError('STUDY_DUPLICATE_RUN', run.file, 'run', run.run,
        `one file per run (${same.file} is run ${same.run} of the same subject, session and task; run indices are numbers, so ${same.run} and ${run.run} are one run)`);
    }
    byRun.set(key, run);
  }
}

/**
 * Refuses two runs with identical region time series: a copied file (or the same run exported
 * twice) is one acquisition however it is named. The values are hashed once each, after
 * loading, so large images are not read a second time.
 */
export function refuseDuplicateData(loaded: readonly { run: RunSpec; series: readonly Float64Array[] }[]): void {
  const byDigest = new Map<string, RunSpec>();
  for (const { run, series } of loaded) {
    const hash = createHash('sha256');
    for (const s of series) hash.update(new Uint8Array(s.buffer, s.byteOffset, s.byteLength));
    const digest = `${series.length}:${series[0]?.length ?? 0}:${hash.digest('hex')}`;
    const first = byDigest.get(digest);
    if (first) {
      throw new StudyError('STUDY_DUPLICATE_DATA', run.file, 'region time series', `identical to ${first.file}`,
        `data of its own (${runName(run)} and ${runName(first)} hold the same values: a copy of one run; remove one)`);
    }
    byDigest.set(digest, run);
  }
}

/** A run label as a number when it is one (`01` → `1`), so differently padded indices compare equal. */
function runIndex(label: string): string {
  return /^\d+$/.test(label) ? label.replace(/^0+(?=\d)/, '') : label;
}
