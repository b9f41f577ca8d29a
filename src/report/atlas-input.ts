import path from 'node:path';
import { loadAtlas } from '../atlas/load.js';
import { defaultAtlasPaths } from '../assets.js';
import { DATASET_JSON } from '../study/cache.js';
import type { Dataset } from '../study/dataset.js';
import type { ReportAtlas } from './context.js';
import { ReportError } from './errors.js';

/** An atlas named by the user: label image and, optionally, its names file. */
export interface AtlasChoice {
  labels: string;
  names?: string;
}

const MNI = 4;

/**
 * The atlas the report's maps are drawn on: the one given, else the bundled AAL when every
 * dataset region carries an atlas label (a parcellated study), else none (imported tables).
 * Each dataset region's label must be in the atlas under the same name, so maps are never
 * painted onto the regions of a different atlas.
 */
export async function openReportAtlas(dataset: Dataset, datasetDir: string, choice?: AtlasChoice): Promise<ReportAtlas | null> {
  const labelled = dataset.regions.length > 0 && dataset.regions.every((r) => r.label !== null);
  if (!choice && !labelled) return null;
  const file = path.join(datasetDir, DATASET_JSON);
  const unlabelled = dataset.regions.findIndex((r) => r.label === null);
  if (unlabelled >= 0) {
    throw new ReportError('REPORT_ATLAS_UNLABELLED', file, `regions[${unlabelled}].label`, null, `atlas label values to place "${dataset.regions[unlabelled].name}" on the atlas (this dataset was imported from a table; leave out the atlas)`);
  }
  const bundled = !choice;
  const paths = choice ? { labels: path.resolve(choice.labels), names: choice.names ? path.resolve(choice.names) : undefined } : defaultAtlasPaths();
  // The dataset's region names are checked against this atlas below, so labels a names file
  // leaves unnamed (a study built with --allow-unnamed) must be named by number here too.
  const atlas = await loadAtlas(paths.labels, paths.names, { allowUnnamed: true });
  const byLabel = new Map(atlas.regions.map((r) => [r.label, r.name]));
  const hint = bundled ? 'pass the atlas the study was parcellated with (--atlas)' : 'is this the atlas the study was parcellated with?';
  dataset.regions.forEach((r, i) => {
    const name = byLabel.get(r.label as number);
    if (name === undefined) {
      throw new ReportError('REPORT_ATLAS_MISMATCH', atlas.file, `label ${r.label}`, 'absent', `the label of dataset region ${i} "${r.name}" (${hint})`);
    }
    if (atlas.namesFile !== null && name !== r.name) {
      throw new ReportError('REPORT_ATLAS_MISMATCH', atlas.namesFile, `label ${r.label}`, name, `"${r.name}", the dataset's name for it (${hint})`);
    }
  });
  const h = atlas.header;
  return {
    atlas, labelsFile: atlas.file, namesFile: atlas.namesFile, bundled,
    space: bundled || h.sformCode === MNI || (h.sformCode === 0 && h.qformCode === MNI) ? 'mni' : 'aligned',
    labelOfRegion: dataset.regions.map((r) => r.label),
  };
}
