export { loadAtlas, findSidecar, type Atlas, type LoadAtlasOptions } from './load.js';
export { MIN_NAMED_SHARE, type NamingReport } from './naming.js';
export { parseRegionNames, readRegionNames, type Region, type RegionNames, type NamesFormat } from './names.js';
export { labelsOnGrid, type Grid } from './resample.js';
export { parcellate, type NonFiniteRegion, type ParcellationResult, type ParcellateOptions } from './parcellate.js';
export { parcellationTsv } from './tsv.js';
