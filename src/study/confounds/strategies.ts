import { StudyError } from '../../errors.js';
import type { ConfoundsMetadata, ConfoundsTable } from './read-confounds.js';

/** The noise components of nilearn's `load_confounds` (ica_aroma and tedana are not supported). */
export type ConfoundComponent = 'motion' | 'wm_csf' | 'global_signal' | 'compcor' | 'high_pass' | 'scrub' | 'non_steady_state';
/** How a parameter is expanded: the 1, 2 (+ derivative or + square) or 4 columns per parameter. */
export type ExpansionModel = 'basic' | 'power2' | 'derivatives' | 'full';
export type CompcorMethod = 'anat_combined' | 'anat_separated' | 'temporal' | 'temporal_anat_combined' | 'temporal_anat_separated';

/** `load_confounds`'s parameters, as nilearn names them; absent ones take nilearn's defaults. */
export interface ConfoundStrategy {
  strategy?: readonly ConfoundComponent[];
  motion?: ExpansionModel;
  wm_csf?: ExpansionModel;
  global_signal?: ExpansionModel;
  compcor?: CompcorMethod;
  n_compcor?: number | 'all';
  /** Minimum segment length; 0 censors only the outliers themselves. */
  scrub?: number;
  fd_threshold?: number;
  std_dvars_threshold?: number;
  demean?: boolean;
}

export type ResolvedStrategy = Required<ConfoundStrategy>;

/** nilearn 0.14.0's `load_confounds` defaults (fd 0.5 mm / std_dvars 1.5 since 0.13). */
export const LOAD_CONFOUNDS_DEFAULTS: ResolvedStrategy = {
  strategy: ['motion', 'high_pass', 'wm_csf'],
  motion: 'full',
  wm_csf: 'basic',
  global_signal: 'basic',
  compcor: 'anat_combined',
  n_compcor: 'all',
  scrub: 5,
  fd_threshold: 0.5,
  std_dvars_threshold: 1.5,
  demean: true,
};

const COMPONENTS: readonly ConfoundComponent[] = ['motion', 'wm_csf', 'global_signal', 'compcor', 'high_pass', 'scrub', 'non_steady_state'];
const MODELS: readonly ExpansionModel[] = ['basic', 'power2', 'derivatives', 'full'];
const SUFFIXES: Record<ExpansionModel, string[]> = {
  basic: [],
  power2: ['power2'],
  derivatives: ['derivative1'],
  full: ['derivative1', 'power2', 'derivative1_power2'],
};
const COMPCOR_PREFIXES: Record<CompcorMethod, string[]> = {
  anat_combined: ['a'],
  anat_separated: ['a', 'w', 'c'],
  temporal: ['t'],
  temporal_anat_combined: ['t', 'a'],
  temporal_anat_separated: ['t', 'a', 'w', 'c'],
};
const MOTION = ['trans_x', 'trans_y', 'trans_z', 'rot_x', 'rot_y', 'rot_z'];

/** Fills nilearn's defaults and refuses values nilearn would refuse, naming the option. */
export function resolveStrategy(file: string, options: ConfoundStrategy): ResolvedStrategy {
  const s: ResolvedStrategy = { ...LOAD_CONFOUNDS_DEFAULTS, ...stripUndefined(options) };
  const bad = (field: string, value: unknown, expected: string) => new StudyError('CONFOUNDS_OPTION', file, field, value, expected);
  for (const c of s.strategy) if (!COMPONENTS.includes(c)) throw bad('strategy', c, `one of ${COMPONENTS.join(', ')}`);
  for (const key of ['motion', 'wm_csf', 'global_signal'] as const) {
    if (!MODELS.includes(s[key])) throw bad(key, s[key], `one of ${MODELS.join(', ')}`);
  }
  if (!(s.compcor in COMPCOR_PREFIXES)) throw bad('compcor', s.compcor, `one of ${Object.keys(COMPCOR_PREFIXES).join(', ')}`);
  if (s.n_compcor !== 'all' && !(Number.isInteger(s.n_compcor) && s.n_compcor > 0)) throw bad('n_compcor', s.n_compcor, '"all" or a positive integer');
  if (!(Number.isInteger(s.scrub) && s.scrub >= 0)) throw bad('scrub', s.scrub, 'a whole number of volumes ≥ 0');
  for (const key of ['fd_threshold', 'std_dvars_threshold'] as const) {
    if (!Number.isFinite(s[key])) throw bad(key, s[key], 'a finite number');
  }
  if (s.strategy.includes('compcor') && !s.strategy.includes('high_pass')) {
    throw bad('strategy', [...s.strategy], 'high_pass with compcor (fMRIPrep computes CompCor after its cosine high-pass, so both are needed)');
  }
  return s;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `params` with the model's suffixes (`_derivative1`, `_power2`, `_derivative1_power2`). */
export function expandParameters(params: readonly string[], model: ExpansionModel): string[] {
  return [...params, ...params.flatMap((p) => SUFFIXES[model].map((suffix) => `${p}_${suffix}`))];
}

/**
 * The table columns one component selects, as nilearn's `_load_<component>` does. A named
 * column absent from the table is an error naming the component and every missing column.
 */
export function selectComponent(
  component: ConfoundComponent,
  table: ConfoundsTable,
  meta: ConfoundsMetadata | null,
  metaFile: string,
  s: ResolvedStrategy,
): string[] {
  switch (component) {
    case 'motion':
      return requireColumns(table, component, expandParameters(MOTION, s.motion));
    case 'wm_csf':
      return requireColumns(table, component, expandParameters(['csf', 'white_matter'], s.wm_csf));
    case 'global_signal':
      return requireColumns(table, component, expandParameters(['global_signal'], s.global_signal));
    case 'high_pass':
      return requireKeyword(table, component, 'cosine');
    case 'non_steady_state':
      // fMRIPrep writes these only when it found dummy scans, so none is not an error.
      return table.columns.filter((c) => c.includes('non_steady_state'));
    case 'compcor':
      return requireColumns(table, component, compcorColumns(meta, metaFile, s.compcor, s.n_compcor));
    case 'scrub':
      // Scrubbing censors volumes; the FD and DVARS columns it reads are not regressed out.
      requireColumns(table, component, ['framewise_displacement', 'std_dvars']);
      return [];
  }
}

function requireColumns(table: ConfoundsTable, component: string, wanted: string[]): string[] {
  const missing = wanted.filter((c) => !table.values.has(c));
  if (missing.length > 0) {
    throw new StudyError('CONFOUNDS_MISSING_COLUMN', table.file, `columns for ${component}`, missing,
      `the columns ${wanted.join(', ')} (choose another ${component} model or strategy)`);
  }
  return wanted;
}

function requireKeyword(table: ConfoundsTable, component: string, keyword: string): string[] {
  const found = table.columns.filter((c) => c.includes(keyword));
  if (found.length === 0) {
    throw new StudyError('CONFOUNDS_MISSING_COLUMN', table.file, `columns for ${component}`, 'none',
      `columns whose name contains "${keyword}" (fMRIPrep's cosine regressors)`);
  }
  return found;
}

/**
 * CompCor columns chosen through the sidecar, as nilearn 0.14.0 does: for each prefix, the
 * names `<p>_comp_cor_00 …` numbered up to the count of sidecar keys containing
 * `<p>_comp_cor`; for `a`, kept per mask (WM then CSF, or combined) when the key's `Mask` is
 * within the mask name; the first `n_compcor` per mask (per prefix for t/w/c).
 */
export function compcorColumns(meta: ConfoundsMetadata | null, metaFile: string, method: CompcorMethod, nCompcor: number | 'all'): string[] {
  if (meta === null) {
    throw new StudyError('CONFOUNDS_JSON_MISSING', metaFile, 'confounds sidecar', 'not found',
      'the .json beside the confounds table (fMRIPrep ≥ 1.4 writes it; CompCor columns are chosen by its Mask)');
  }
  const take = (cols: string[]) => (nCompcor === 'all' ? cols : cols.slice(0, nCompcor));
  const parts = method.split('_');
  const maskKind = parts.length === 1 ? null : parts[parts.length - 1];
  const masks = maskKind === 'combined' ? ['combined'] : maskKind === 'separated' ? ['WM', 'CSF'] : [];
  const chosen: string[] = [];
  for (const prefix of COMPCOR_PREFIXES[method]) {
    const count = Object.keys(meta).filter((k) => k.includes(`${prefix}_comp_cor`)).length;
    const names = Array.from({ length: count }, (_, i) => `${prefix}_comp_cor_${String(i).padStart(2, '0')}`);
    if (prefix !== 'a') {
      chosen.push(...take(names));
      continue;
    }
    for (const mask of masks) chosen.push(...take(names.filter((n) => mask.includes(maskOf(meta, metaFile, n)))));
  }
  return chosen;
}

function maskOf(meta: ConfoundsMetadata, metaFile: string, name: string): string {
  const mask = meta[name]?.Mask;
  if (typeof mask !== 'string') {
    throw new StudyError('CONFOUNDS_JSON', metaFile, `${name}.Mask`, mask ?? 'missing', '"combined", "WM" or "CSF" (the mask the component was computed in)');
  }
  return mask;
}
