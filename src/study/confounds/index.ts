export { findConfounds, requireConfounds } from './find-confounds.js';
export { loadConfounds, type LoadedConfounds } from './load-confounds.js';
export { loadConfoundsStrategy, PRESETS, resolvePreset, type PresetName, type PresetOverrides } from './presets.js';
export { confoundsJsonPath, readConfoundsJson, readConfoundsTable, type ConfoundsMetadata, type ConfoundsTable } from './read-confounds.js';
export { applySegmentRule, flaggedVolumes, motionOutliers, type CensorReason } from './scrub.js';
export {
  compcorColumns, expandParameters, LOAD_CONFOUNDS_DEFAULTS, resolveStrategy,
  type CompcorMethod, type ConfoundComponent, type ConfoundStrategy, type ExpansionModel, type ResolvedStrategy,
} from './strategies.js';
