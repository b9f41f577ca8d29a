import { StudyError } from '../../errors.js';
import { butterworthSections, filterSeries, minimumSamples } from './butterworth.js';
import { cosineDrift, cosinesToAdd } from './cosine-drift.js';
import { detrendInPlace } from './detrend.js';
import { pivotedQr } from './qr.js';
import { cubicSplineAt } from './spline.js';
import { columnMean, percentSignalChange, scaleByMaxAbs, zscoreSample, type Standardize } from './standardize.js';

/**
 * Options of `clean`, named and defaulted as nilearn's `signal.clean` (camelCase), except
 * that `tR` has no default: nilearn silently assumes 2.5 s, here filtering without a TR is an
 * error.
 */
export interface CleanOptions {
  /** Remove the mean and linear trend of signals and confounds (default true). */
  detrend?: boolean;
  /** Standardisation of the result (default 'zscore_sample'). */
  standardize?: Standardize;
  /** z-score the confounds before the projection (default true); false only scales them by max |value|. */
  standardizeConfounds?: boolean;
  /** Temporal filter (default 'butterworth'); null for none. */
  filter?: 'butterworth' | 'cosine' | null;
  /** Low-pass cut-off in Hz (Butterworth only). */
  lowPass?: number | null;
  /** High-pass cut-off in Hz. */
  highPass?: number | null;
  /** Repetition time in seconds; needed for any filtering. */
  tR?: number | null;
  /** Confound columns (each of length = volumes), regressed out of the signals. */
  confounds?: Float64Array[] | null;
  /** 0-based indices of the volumes to keep, strictly increasing (nilearn's index-form sample_mask). */
  sampleMask?: number[] | null;
  /** With Butterworth and a sample mask: extrapolate censored volumes before the first / after the last kept one instead of dropping them (default false). */
  extrapolate?: boolean;
  /** Names the input in error messages (e.g. the time-series file); default "signal cleaning". */
  source?: string;
}

/** Cleaned signals, one Float64Array per region, and the input volume each row comes from. */
export interface CleanResult {
  series: Float64Array[];
  volumes: number[];
}

type FilterPlan = { kind: 'none' } | { kind: 'cosine'; highPass: number; tR: number } | { kind: 'butterworth'; lowPass: number | null; highPass: number | null; tR: number };

/**
 * Cleans region time series the way nilearn 0.14's `signal.clean` does, in its order:
 * cosine regressors on the full run; censored volumes spline-interpolated (Butterworth) or
 * removed; detrending of signals and confounds; Butterworth filtering of both, then
 * censoring; projection of the signals off the standardised confounds (pivoted QR);
 * standardisation. `signals` holds one series per region, all of length = volumes; the
 * inputs are not modified. Interpolation follows the documented algorithm (replace the
 * censored rows), not nilearn's `~sample_mask` index bug.
 */
export function clean(signals: Float64Array[], options: CleanOptions = {}): CleanResult {
  const source = options.source ?? 'signal cleaning';
  const bad = (field: string, value: unknown, expected: string) => new StudyError('CLEAN_INPUT', source, field, value, expected);
  const detrend = options.detrend ?? true;
  const standardize = options.standardize === undefined ? 'zscore_sample' : options.standardize;
  const standardizeConfounds = options.standardizeConfounds ?? true;
  const extrapolate = options.extrapolate ?? false;
  if (typeof detrend !== 'boolean') throw bad('detrend', detrend, 'true or false');
  if (typeof standardizeConfounds !== 'boolean') throw bad('standardize_confounds', standardizeConfounds, 'true or false');
  if (typeof extrapolate !== 'boolean') throw bad('extrapolate', extrapolate, 'true or false');
  if (standardize !== null && standardize !== 'zscore_sample' && standardize !== 'psc') {
    throw bad('standardize', standardize, '"zscore_sample", "psc" or null');
  }

  const volumes = checkSignals(signals, bad);
  const confounds = options.confounds && options.confounds.length > 0 ? options.confounds : null;
  if (confounds) checkColumns(confounds, volumes, 'confounds', bad);
  const mask = options.sampleMask ?? null;
  if (mask) checkMask(mask, volumes, bad);
  const plan = filterPlan(options, bad);
  if (mask && plan.kind === 'butterworth' && mask.length < 2) throw bad('sample_mask', mask, 'at least 2 kept volumes to interpolate through before Butterworth filtering');

  let sig: Float64Array[] = signals.map((s) => Float64Array.from(s));
  let conf: Float64Array[] | null = confounds ? confounds.map((c) => Float64Array.from(c)) : null;

  if (plan.kind === 'cosine') {
    const cosines = cosineDrift(plan.highPass, volumes, plan.tR);
    const added = conf ? cosinesToAdd(cosines, conf) : cosines;
    if (added.length > 0) conf = [...(conf ?? []), ...added];
  }

  const kept = mask ? [...mask] : Array.from({ length: volumes }, (_, i) => i);
  let censorAfterFilter: number[] | null = null;
  if (mask && plan.kind === 'butterworth') {
    const first = extrapolate ? 0 : mask[0];
    const last = extrapolate ? volumes - 1 : mask[mask.length - 1];
    const interpolate = (x: Float64Array) => interpolateCensored(x, mask, first, last, extrapolate);
    sig = sig.map(interpolate);
    if (conf) conf = conf.map(interpolate);
    censorAfterFilter = mask.map((v) => v - first);
  } else if (mask) {
    const censor = (x: Float64Array) => Float64Array.from(mask, (v) => x[v]);
    sig = sig.map(censor);
    if (conf) conf = conf.map(censor);
  }

  const originalMean = sig.map(columnMean);
  if (detrend) {
    sig.forEach(detrendInPlace);
    conf?.forEach(detrendInPlace);
  }

  if (plan.kind === 'butterworth') {
    const sections = butterworthSections(plan.lowPass, plan.highPass, plan.tR);
    if (sections) {
      const rows = sig[0].length;
      if (rows < minimumSamples(sections)) {
        throw bad('volumes', rows, `at least ${minimumSamples(sections)} volumes${mask ? ' between the first and last kept one' : ''} for Butterworth filtering (scipy's sosfiltfilt pad length + 1)`);
      }
      sig = filterSeries(sections, sig);
      if (conf) conf = filterSeries(sections, conf);
    }
    if (censorAfterFilter) {
      const rowsKept = censorAfterFilter;
      const censor = (x: Float64Array) => Float64Array.from(rowsKept, (r) => x[r]);
      sig = sig.map(censor);
      if (conf) conf = conf.map(censor);
    }
  }

  if (conf) sig = projectOut(sig, conf.map(standardizeConfounds ? zscoreSample : scaleByMaxAbs));

  return { series: standardizeSignals(sig, originalMean, standardize), volumes: kept };
}

function checkSignals(signals: Float64Array[], bad: (f: string, v: unknown, e: string) => StudyError): number {
  if (!Array.isArray(signals) || signals.length === 0) throw bad('signals', Array.isArray(signals) ? 0 : typeof signals, 'at least one region series');
  const volumes = signals[0].length;
  if (volumes === 0) throw bad('signals volumes', 0, 'at least one volume');
  checkColumns(signals, volumes, 'signals', bad);
  return volumes;
}

function checkColumns(columns: Float64Array[], volumes: number, name: string, bad: (f: string, v: unknown, e: string) => StudyError): void {
  columns.forEach((c, j) => {
    if (!(c instanceof Float64Array)) throw bad(`${name}[${j}]`, typeof c, 'a Float64Array');
    if (c.length !== volumes) throw bad(`${name}[${j}] length`, c.length, `${volumes} (one value per volume, as the signals)`);
    const at = c.findIndex((v) => !Number.isFinite(v));
    if (at >= 0) throw bad(`${name}[${j}] volume ${at}`, c[at], 'a finite number');
  });
}

function checkMask(mask: number[], volumes: number, bad: (f: string, v: unknown, e: string) => StudyError): void {
  if (mask.length === 0) throw bad('sample_mask', '[]', 'at least one kept volume');
  mask.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0 || v >= volumes) throw bad(`sample_mask[${i}]`, v, `a volume index in 0..${volumes - 1}`);
    if (i > 0 && v <= mask[i - 1]) throw bad(`sample_mask[${i}]`, v, `strictly increasing indices (after ${mask[i - 1]})`);
  });
}

function filterPlan(options: CleanOptions, bad: (f: string, v: unknown, e: string) => StudyError): FilterPlan {
  const filter = options.filter === undefined ? 'butterworth' : options.filter;
  const lowPass = options.lowPass ?? null;
  const highPass = options.highPass ?? null;
  const tR = options.tR ?? null;
  const positive = (name: string, v: number | null) => {
    if (v !== null && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw bad(name, v, 'a positive number or null');
  };
  positive('low_pass', lowPass);
  positive('high_pass', highPass);
  positive('t_r', tR);
  if (filter === null) {
    if (lowPass !== null || highPass !== null) throw bad('filter', null, '"butterworth" or "cosine" when low_pass or high_pass is given');
    return { kind: 'none' };
  }
  if (filter === 'cosine') {
    if (highPass === null) throw bad('high_pass', null, 'a cut-off in Hz for filter "cosine"');
    if (tR === null) throw bad('t_r', null, 'the repetition time in seconds for filter "cosine"');
    if (lowPass !== null) throw bad('low_pass', lowPass, 'null: the cosine filter is high-pass only');
    return { kind: 'cosine', highPass, tR };
  }
  if (filter !== 'butterworth') throw bad('filter', filter, '"butterworth", "cosine" or null');
  if (lowPass === null && highPass === null) return { kind: 'none' };
  if (tR === null) throw bad('t_r', null, 'the repetition time in seconds for Butterworth filtering');
  if (lowPass !== null && highPass !== null && highPass >= lowPass) {
    throw bad('high_pass', highPass, `below low_pass (${lowPass} Hz) for a band-pass`);
  }
  return { kind: 'butterworth', lowPass, highPass, tR };
}

/** Rows first..last of x, with the censored ones replaced by the spline through the kept ones. */
function interpolateCensored(x: Float64Array, mask: number[], first: number, last: number, extrapolate: boolean): Float64Array {
  const keptValues = Float64Array.from(mask, (v) => x[v]);
  const isKept = new Uint8Array(x.length);
  mask.forEach((v) => (isKept[v] = 1));
  const censored: number[] = [];
  for (let t = first; t <= last; t++) if (!isKept[t]) censored.push(t);
  const out = x.slice(first, last + 1);
  if (censored.length > 0) {
    const filled = cubicSplineAt(mask, keptValues, censored, extrapolate);
    censored.forEach((t, j) => (out[t - first] = filled[j]));
  }
  return out;
}

/** signals − Q·Qᵀ·signals, Q the pivoted-QR basis of the confounds with |R_jj| > 100·eps. */
function projectOut(signals: Float64Array[], confounds: Float64Array[]): Float64Array[] {
  const n = signals[0].length;
  const { q, rDiag } = pivotedQr(confounds, n);
  const basis = q.filter((_, j) => Math.abs(rDiag[j]) > 100 * Number.EPSILON);
  return signals.map((s) => {
    const out = Float64Array.from(s);
    for (const col of basis) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += col[i] * s[i];
      for (let i = 0; i < n; i++) out[i] -= dot * col[i];
    }
    return out;
  });
}

function standardizeSignals(signals: Float64Array[], originalMean: number[], standardize: Standardize): Float64Array[] {
  if (standardize === null) return signals;
  if (standardize === 'zscore_sample') return signals.map(zscoreSample);
  // psc of a series whose mean was removed (detrending, high-pass) is computed on it plus the
  // pre-cleaning mean, as nilearn does when the mean shrank below a tenth.
  const meanAbs = (values: number[]) => values.reduce((s, v) => s + Math.abs(v), 0) / values.length;
  const shrunk = meanAbs(signals.map(columnMean)) / meanAbs(originalMean) < 0.1;
  if (!shrunk) return signals.map(percentSignalChange);
  return signals.map((s, j) => percentSignalChange(s.map((v) => v + originalMean[j])));
}
