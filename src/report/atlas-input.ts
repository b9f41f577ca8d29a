import path from 'node:path';
import { loadAtlas } from '../atlas/load.js';
import { defaultAtlasPaths } from '../assets.js';
import { DATASET_JSON } from '../study/cache.js';
import { sha256File, type AtlasFileRecord } from '../study/dataset-atlas.js';
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
 * The atlas the report's maps are drawn on: the one given, else the one recorded with the
 * dataset (its files checked against the recorded SHA-256), else the bundled AAL when every
 * dataset region carries an atlas label (a dataset from before atlases were recorded), else
 * none (imported tables).
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
  const recorded = !choice && dataset.atlas ? dataset.atlas : null;
  if (recorded) for (const f of [recorded.labels, recorded.names]) if (f) await checkRecorded(f, file);
  const bundled = choice ? false : recorded ? recorded.labels.bundled : true;
  const paths = choice ? { labels: path.resolve(choice.labels), names: choice.names ? path.resolve(choice.names) : undefined }
    : recorded ? { labels: recorded.labels.path, names: recorded.names?.path } : defaultAtlasPaths();
  // The dataset's region names are checked against this atlas below, so labels a names file
  // leaves unnamed (a study built with --allow-unnamed) must be named by number here too.
  const atlas = await loadAtlas(paths.labels, paths.names, { allowUnnamed: true });
  const byLabel = new Map(atlas.regions.map((r) => [r.label, r.name]));
  const hint = choice ? 'is this the atlas the study was parcellated with?' : recorded ? `the atlas recorded in ${file}` : 'pass the atlas the study was parcellated with (--atlas)';
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

/** A recorded atlas file must still be there, with the bytes the study was parcellated with. */
async function checkRecorded(f: AtlasFileRecord, datasetFile: string): Promise<void> {
  const now = await sha256File(f.path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') {
      throw new ReportError('REPORT_ATLAS_MISSING', f.path, 'atlas file', 'absent', `the atlas file ${datasetFile} records (SHA-256 ${f.sha256}); put it back, or pass the atlas with --atlas`);
    }
    throw err;
  });
  if (now !== f.sha256) {
    throw new ReportError('REPORT_ATLAS_CHANGED', f.path, 'sha256', now,
      `${f.sha256}, as ${datasetFile} records for the atlas the study was parcellated with (the file changed since; restore it, pass the original with --atlas, or rebuild the dataset)`);
  }
}
