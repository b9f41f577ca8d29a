/** Summaries of saliency maps across samples: per class, per region, per time step. */
export { regionImportance, type RegionImportance } from './region-importance.js';
export { temporalProfile, type TemporalProfile } from './temporal-profile.js';
export { topRegionsPerStep, type TopRegions } from './top-regions.js';
export { topCellShare, type TopCellShare } from './top-cell-share.js';
export { lastStepsShare, type LastStepsShare } from './last-steps-share.js';
