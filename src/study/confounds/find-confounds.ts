import path from 'node:path';
import { StudyError } from '../../errors.js';
import { listFolder } from '../fs-entries.js';
import { parseEntities } from '../inheritance.js';

/** fMRIPrep ≥ 20.2 names the table `_timeseries`; earlier versions `_regressors`. */
const ENDINGS = ['_timeseries.tsv', '_regressors.tsv'];

/**
 * The fMRIPrep confounds table of a run: in the run's folder, `…_desc-confounds_timeseries.tsv`
 * whose other entities are a subset of the run's (BIDS inheritance; `desc` is ignored, the
 * run's image says `desc-preproc`). The one naming most entities wins; two equally specific
 * ones are refused. Null when there is none.
 */
export async function findConfounds(runFile: string): Promise<string | null> {
  const name = path.basename(runFile);
  const cut = name.lastIndexOf('_');
  const run = cut > 0 ? parseEntities(name, name.slice(cut)) : null;
  if (!run) throw new StudyError('CONFOUNDS_RUN_NAME', runFile, 'file name', name, 'BIDS entities joined by _ (sub-<label>_task-<label>…_<suffix>)');
  const folder = path.dirname(runFile);
  const candidates: { file: string; size: number }[] = [];
  for (const entry of await listFolder(folder)) {
    if (!(entry.isFile() || entry.isSymbolicLink())) continue;
    const ending = ENDINGS.find((e) => entry.name.endsWith(e));
    const e = ending ? parseEntities(entry.name, ending) : null;
    if (!e || e.get('desc') !== 'confounds') continue;
    const rest = [...e].filter(([k]) => k !== 'desc');
    if (rest.every(([k, v]) => run.get(k) === v)) candidates.push({ file: path.join(folder, entry.name), size: rest.length });
  }
  if (candidates.length === 0) return null;
  const best = Math.max(...candidates.map((c) => c.size));
  const top = candidates.filter((c) => c.size === best).map((c) => c.file).sort();
  if (top.length > 1) {
    throw new StudyError('CONFOUNDS_AMBIGUOUS', runFile, 'confounds file', top.map((f) => path.basename(f)),
      'one *_desc-confounds_timeseries.tsv for the run (these name equally many of its entities)');
  }
  return top[0];
}

/** The run's confounds table, or an error naming the run: a confound strategy cannot run without one. */
export async function requireConfounds(runFile: string, run: string = path.basename(runFile)): Promise<string> {
  const found = await findConfounds(runFile);
  if (found) return found;
  throw new StudyError('CONFOUNDS_NOT_FOUND', runFile, `confounds of ${run}`, 'none',
    `an fMRIPrep *_desc-confounds_timeseries.tsv beside the run, with the run's entities (the confound strategy needs it; choose no confounds for this run otherwise)`);
}
