import { StudyError } from '../../errors.js';
import { confoundsJsonPath, readConfoundsJson, readConfoundsTable, type ConfoundsTable } from './read-confounds.js';
import { applySegmentRule, flaggedVolumes, motionOutliers, type CensorReason } from './scrub.js';
import { resolveStrategy, selectComponent, type ConfoundComponent, type ConfoundStrategy, type ResolvedStrategy } from './strategies.js';

/** Confounds ready for `clean()`: the regressors, and which volumes to keep. */
export interface LoadedConfounds {
  /** Regressor names, sorted by code point as nilearn returns them. */
  columns: string[];
  /** One array per column, over all volumes (censored ones included), demeaned if asked. */
  values: Float64Array[];
  /** Kept volumes, ascending; null when the table has no outlier regressor at all (nilearn's None). */
  sampleMask: number[] | null;
  /** Every volume left out, with the first reason that applies (non-steady-state, FD, DVARS, short segment). */
  censored: { volume: number; reason: CensorReason }[];
  /** The parameters used, nilearn's defaults filled in. */
  strategy: ResolvedStrategy;
}

/**
 * nilearn's `load_confounds` for one fMRIPrep confounds table (+ its `.json`): the columns
 * of each component, non-steady-state volumes always censored, scrubbing by FD / std DVARS with
 * the minimum-segment rule, row-0 `n/a` (derivatives, FD, DVARS) replaced by row 1, columns
 * demeaned over the kept volumes.
 */
export async function loadConfounds(file: string, options: ConfoundStrategy = {}): Promise<LoadedConfounds> {
  const strategy = resolveStrategy(file, options);
  const table = await readConfoundsTable(file);
  const metaFile = confoundsJsonPath(file);
  const meta = strategy.strategy.includes('compcor') ? await readConfoundsJson(metaFile) : null;

  const selected = new Set<string>();
  const components: ConfoundComponent[] = ['non_steady_state', ...strategy.strategy];
  for (const component of components) for (const c of selectComponent(component, table, meta, metaFile, strategy)) selected.add(c);
  const isOutlier = (c: string) => c.includes('motion_outlier') || c.includes('non_steady_state');
  const outlierColumns = [...selected].filter(isOutlier);
  const columns = [...selected].filter((c) => !isOutlier(c)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const nss = flaggedVolumes(outlierColumns.map((c) => table.values.get(c)!), table.volumes);
  const scrub = strategy.strategy.includes('scrub') ? scrubbed(table, strategy) : null;
  const hasOutlierRegressors = outlierColumns.length > 0 || (scrub !== null && scrub.censored.size > 0);
  const censored: LoadedConfounds['censored'] = [];
  const sampleMask: number[] = [];
  for (let t = 0; t < table.volumes; t++) {
    if (nss[t]) censored.push({ volume: t, reason: 'non_steady_state' });
    else if (scrub?.censored.has(t)) censored.push({ volume: t, reason: scrub.reason(t) });
    else sampleMask.push(t);
  }
  if (sampleMask.length === 0) {
    throw new StudyError('CONFOUNDS_ALL_CENSORED', file, 'sample mask', `all ${table.volumes} volumes censored`,
      'some volumes left after censoring (raise fd_threshold / std_dvars_threshold, or lower scrub)');
  }
  const mask = hasOutlierRegressors ? sampleMask : null;
  const values = columns.map((c) => regressor(table, c, mask, strategy.demean));
  return { columns, values, sampleMask: mask, censored: mask ? censored : [], strategy };
}

function scrubbed(table: ConfoundsTable, s: ResolvedStrategy) {
  const fd = table.values.get('framewise_displacement')!;
  const dvars = table.values.get('std_dvars')!;
  const outliers = motionOutliers(fd, dvars, s.fd_threshold, s.std_dvars_threshold);
  const censored = new Set(applySegmentRule(outliers, table.volumes, s.scrub));
  const reason = (t: number): CensorReason => (fd[t] > s.fd_threshold ? 'fd' : dvars[t] > s.std_dvars_threshold ? 'dvars' : 'segment');
  return { censored, reason };
}

/** One column: row-0 NaN replaced by row 1 (fMRIPrep leaves derivatives undefined there), then demeaned. */
function regressor(table: ConfoundsTable, name: string, mask: number[] | null, demean: boolean): Float64Array {
  const x = Float64Array.from(table.values.get(name)!);
  if (Number.isNaN(x[0])) x[0] = x[1];
  const bad = x.findIndex((v) => Number.isNaN(v));
  if (bad >= 0) {
    throw new StudyError('CONFOUNDS_NA', table.file, `${name}, volume ${bad}`, 'n/a',
      'a number (n/a is only filled in volume 0, from volume 1, as nilearn does)');
  }
  if (!demean) return x;
  let sum = 0;
  if (mask) for (const t of mask) sum += x[t];
  else for (const v of x) sum += v;
  const mean = sum / (mask ? mask.length : x.length);
  for (let t = 0; t < x.length; t++) x[t] -= mean;
  return x;
}
