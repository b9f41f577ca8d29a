import type { DatasetDesign } from './design-form.js';

export type CleanDesign = NonNullable<DatasetDesign['clean']>;
export type CleanPreset = 'none' | 'simple' | 'scrubbing' | 'compcor';
export type Expansion = 'basic' | 'power2' | 'derivatives' | 'full';
export type CompcorMethod = 'anat_combined' | 'anat_separated' | 'temporal' | 'temporal_anat_combined' | 'temporal_anat_separated';

/**
 * The Denoising section's fields. `null` (or '' for a choice) keeps nilearn's default, and is
 * left out of the request, so the core decides what the default is.
 */
export interface DenoiseForm {
  preset: CleanPreset;
  detrend: boolean | null;
  standardize: '' | 'zscore_sample' | 'psc' | 'none';
  /** Butterworth cut-offs, Hz. */
  highPass: number | null;
  lowPass: number | null;
  motion: '' | Expansion;
  wmCsf: '' | Expansion;
  /** '' keeps the preset's (no global signal); a model adds it. */
  globalSignal: '' | Expansion;
  compcor: '' | CompcorMethod;
  /** fMRIPrep's cosine (high-pass) regressors, on in every preset; compcor needs them. */
  cosines: boolean;
  /** Scrubbing thresholds: FD in mm, std DVARS. */
  scrubFd: number | null;
  scrubDvars: number | null;
  whereAvailable: boolean;
}

export function initialDenoiseForm(): DenoiseForm {
  return {
    preset: 'none', detrend: null, standardize: '', highPass: null, lowPass: null,
    motion: '', wmCsf: '', globalSignal: '', compcor: '', cosines: true, scrubFd: null, scrubDvars: null, whereAvailable: false,
  };
}

/** A number field's value, or null when empty (an emptied `v-model.number` input gives ''). */
function given(x: number | string | null): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/**
 * The request's `clean`, in nilearn's names; undefined when nothing is asked (no preset and
 * every option at its default), so an unchanged form sends no cleaning at all. Options of a
 * preset (confound models, scrub thresholds, "where available") go only with a preset, and
 * the scrub thresholds only with scrubbing, the one preset that uses them.
 */
export function cleanOf(f: DenoiseForm): CleanDesign | undefined {
  const preset = f.preset === 'none' ? null : f.preset;
  const confounds = preset ? {
    ...(f.motion ? { motion: f.motion } : {}),
    ...(f.wmCsf && preset !== 'compcor' ? { wm_csf: f.wmCsf } : {}),
    ...(f.globalSignal ? { global_signal: f.globalSignal } : {}),
    ...(f.compcor && preset === 'compcor' ? { compcor: f.compcor } : {}),
    ...(!f.cosines && preset !== 'compcor' ? { high_pass: false } : {}),
  } : {};
  const fd = given(f.scrubFd);
  const dvars = given(f.scrubDvars);
  const scrub = preset === 'scrubbing' ? { ...(fd !== null ? { fd } : {}), ...(dvars !== null ? { dvars } : {}) } : {};
  const highPass = given(f.highPass);
  const lowPass = given(f.lowPass);
  const clean: CleanDesign = {
    ...(preset ? { preset } : {}),
    ...(f.detrend !== null ? { detrend: f.detrend } : {}),
    ...(f.standardize ? { standardize: f.standardize === 'none' ? false : f.standardize } : {}),
    ...(highPass !== null ? { high_pass: highPass } : {}),
    ...(lowPass !== null ? { low_pass: lowPass } : {}),
    ...(Object.keys(confounds).length ? { confounds } : {}),
    ...(Object.keys(scrub).length ? { scrub } : {}),
    ...(preset && f.whereAvailable ? { whereAvailable: true } : {}),
  };
  return Object.keys(clean).length ? clean : undefined;
}
