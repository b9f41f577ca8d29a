/**
 * Study assembly: runs (BIDS/fMRIPrep folder, manifest or list) → region time series
 * (parcellated through a cache, or imported tables) → labelled, z-scored windows split by
 * subject → a dataset cache the training engine reads. Rules, where the data leave a choice:
 * - volume v is acquired at v·TR; windows start at 0, stride, … while they fit;
 * - trial_type label: the type covering > half the window's volumes after the shift (a volume
 *   covered by two types counts for neither), else the window is dropped and counted;
 * - z-score per region per run over the whole run, population std; constant → zeros;
 * - a region with no voxels or a missing value in any run is dropped, by name;
 * - every run must share one TR; runs with no events (trial_type labels) give no windows;
 * - one acquisition enters once: runs sharing a real file, a run index given twice (run-1,
 *   run-01) or identical region time series (a copy) are refused;
 * - skipped `sub-*` entries, subjects without runs, events past a run's end and dropped
 *   time/index columns are reported in the summary's warnings.
 */
export { assembleStudy, resolveRuns, type AssembleOptions, type StudyInput } from './assemble.js';
export { discoverBids, type BidsDiscovery, type DiscoverOptions } from './bids.js';
export { readDatasetCache, readDatasetInfo, writeDatasetCache, DATASET_DATA, DATASET_JSON, type DatasetWriteOptions } from './cache.js';
export { recordAtlas, type AtlasFileRecord, type DatasetAtlas } from './dataset-atlas.js';
export { dataIndex, SPLITS, type Dataset, type DatasetRegion, type LabelBy, type SampleMeta, type Split } from './dataset.js';
export { parseEvents, readEvents, type EventsFile, type StudyEvent } from './events.js';
export { readRunManifest } from './manifest.js';
export { lookupParcellation, parcellateCached, type ParcellationSeries } from './parcellation-cache.js';
export type { DroppedRegion } from './regions.js';
export { normalizeRuns, readRepetitionTime, runFormat, type RunFormat, type RunInput, type RunSpec } from './runs.js';
export { checkSplitFractions, DEFAULT_SPLIT, splitSubjects, type SplitFractions } from './split.js';
export type { SplitCounts, StudySummary } from './summary.js';
export { importTimeSeries, parseTimeSeries, type ImportedTimeSeries } from './timeseries-import.js';
export { labelWindow, volumeConditions, windowStarts, type DropReason } from './windows.js';
export { zscoreInPlace } from './zscore.js';
