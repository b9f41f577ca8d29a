import { loadConfounds, type LoadedConfounds } from './load-confounds.js';
import type { ConfoundComponent, ConfoundStrategy, ExpansionModel } from './strategies.js';

/** nilearn's `load_confounds_strategy` presets (ica_aroma needs images, not only the table). */
export type PresetName = 'simple' | 'scrubbing' | 'compcor';

/**
 * A preset's parameters that a user may change; `global_signal` given adds global-signal
 * regression; `high_pass: false` leaves out fMRIPrep's cosine regressors (not a nilearn
 * parameter: nilearn's presets always include them; compcor refuses it, CompCor needs them).
 */
export type PresetOverrides = Omit<ConfoundStrategy, 'strategy' | 'global_signal'> & { global_signal?: ExpansionModel | null; high_pass?: boolean };

/** nilearn 0.14.0's presets (load_confounds_strategy.py:16-48); every one sets demean and no global signal. */
export const PRESETS: Record<PresetName, ConfoundStrategy & { strategy: readonly ConfoundComponent[] }> = {
  simple: { strategy: ['high_pass', 'motion', 'wm_csf'], motion: 'full', wm_csf: 'basic', demean: true },
  scrubbing: {
    strategy: ['high_pass', 'motion', 'wm_csf', 'scrub'], motion: 'full', wm_csf: 'full',
    scrub: 5, fd_threshold: 0.5, std_dvars_threshold: 1.5, demean: true,
  },
  compcor: { strategy: ['high_pass', 'motion', 'compcor'], motion: 'full', n_compcor: 'all', compcor: 'anat_combined', demean: true },
};

/**
 * A preset with the user's overrides, as `load_confounds_strategy` resolves it: an override
 * replaces only a key the preset has; `global_signal` as a model joins the strategy; any other
 * key (and `strategy`) is ignored with a warning, as nilearn does.
 */
export function resolvePreset(preset: PresetName, overrides: Record<string, unknown> = {}): { strategy: ConfoundStrategy; warnings: string[] } {
  const base = PRESETS[preset];
  const strategy: Record<string, unknown> = { ...base, strategy: [...base.strategy] };
  const ignored: string[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (key === 'global_signal') {
      if (typeof value === 'string') {
        strategy.global_signal = value;
        (strategy.strategy as ConfoundComponent[]).push('global_signal');
      }
    } else if (key === 'high_pass') {
      if (value === false) strategy.strategy = (strategy.strategy as ConfoundComponent[]).filter((c) => c !== 'high_pass');
    } else if (key !== 'strategy' && key in base) {
      strategy[key] = value;
    } else {
      ignored.push(key);
    }
  }
  const warnings = ignored.length === 0 ? [] : [`the "${preset}" preset does not use ${ignored.join(', ')}; ignored`];
  return { strategy: strategy as ConfoundStrategy, warnings };
}

/** nilearn's `load_confounds_strategy`: a preset's confounds and sample mask for one table. */
export async function loadConfoundsStrategy(
  file: string,
  preset: PresetName,
  overrides: PresetOverrides & Record<string, unknown> = {},
): Promise<LoadedConfounds & { warnings: string[] }> {
  const { strategy, warnings } = resolvePreset(preset, overrides);
  return { ...(await loadConfounds(file, strategy)), warnings };
}
