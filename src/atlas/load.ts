import { stat } from 'node:fs/promises';
import { AtlasError } from '../errors.js';
import { readNifti, type NiftiHeader } from '../nifti/index.js';
import { readRegionNames, type NamesFormat, type Region } from './names.js';
import { nameRegions, type NamingOptions, type NamingReport } from './naming.js';

/** A label image with its region names. */
export interface Atlas {
  file: string;
  /** The names file used (given, or the MRIcron sidecar found beside the atlas); null if none. */
  namesFile: string | null;
  namesFormat: NamesFormat | null;
  header: NiftiHeader;
  /** Label per voxel, x fastest; 0 is background. */
  labels: Int32Array;
  /**
   * Sorted by label, background excluded: every label in the image plus every named label
   * (a named label absent from the image is kept, with no voxels).
   */
  regions: Region[];
  /** Voxels of each region (in `regions` order) on the atlas's own grid. */
  regionVoxels: number[];
  /** Where the names file and the image disagree (labels unnamed, names unused, names shared). */
  naming: NamingReport;
  /** One line per disagreement in `naming`, for the user; [] when names and image match. */
  warnings: string[];
}

export type LoadAtlasOptions = NamingOptions;

/**
 * Loads a 3-D label image and names its regions from `namesFile`, else from the MRIcron
 * sidecar `<atlas>.txt`, else by label value. A names file that names too few of the image's
 * labels is refused unless `allowUnnamed` (see `nameRegions`).
 */
export async function loadAtlas(labelsFile: string, namesFile?: string, options: LoadAtlasOptions = {}): Promise<Atlas> {
  const { header, data } = await readNifti(labelsFile);
  checkDimensions(header);
  const labels = toLabels(data, labelsFile);
  const counts = countLabels(labels);
  if (counts.size === 0) {
    throw new AtlasError('ATLAS_EMPTY', labelsFile, 'labels', 'only 0 (background)', 'at least one voxel with a label > 0');
  }
  const usedNames = namesFile ?? (await findSidecar(labelsFile));
  const names = usedNames ? await readRegionNames(usedNames) : null;
  const imageLabels = [...counts.keys()].sort((a, b) => a - b);
  const { regions, naming, warnings } = nameRegions(imageLabels, names, { labels: labelsFile, names: usedNames }, options);
  return {
    file: labelsFile,
    namesFile: usedNames,
    namesFormat: names?.format ?? null,
    header,
    labels,
    regions,
    regionVoxels: regions.map((r) => counts.get(r.label) ?? 0),
    naming,
    warnings,
  };
}

/** MRIcron names `aal.nii.gz` → `aal.nii.txt`; `aal.nii.gz.txt` is accepted too. */
export async function findSidecar(labelsFile: string): Promise<string | null> {
  const candidates = [`${labelsFile.replace(/\.gz$/i, '')}.txt`, `${labelsFile}.txt`];
  for (const c of candidates) {
    const s = await stat(c).catch(() => null);
    if (s?.isFile()) return c;
  }
  return null;
}

function checkDimensions(h: NiftiHeader): void {
  const extra = h.shape.slice(3);
  if (h.shape.length < 3 || extra.some((n) => n !== 1)) {
    const why = h.volumes > 1 ? ` (${h.volumes} volumes: a probabilistic or 4-D atlas is not a label image)` : '';
    throw new AtlasError('ATLAS_DIMENSIONS', h.file, 'shape', h.shape, `a 3-D label image (or 4-D with one volume)${why}`);
  }
}

/** Labels must be whole numbers ≥ 0: anything else is not a label image (e.g. a probability map). */
function toLabels(data: Float64Array, file: string): Int32Array {
  const labels = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    const label = v | 0;
    if (label !== v || label < 0) {
      if (Number.isInteger(v) && v > 0) {
        throw new AtlasError('ATLAS_LABEL_RANGE', file, `voxel ${i}`, v, `labels up to ${0x7fffffff}`);
      }
      if (v < 0) throw new AtlasError('ATLAS_NEGATIVE_LABEL', file, `voxel ${i}`, v, 'labels ≥ 0 (0 is background)');
      throw new AtlasError(
        'ATLAS_NOT_INTEGRAL', file, `voxel ${i}`, v,
        'whole-number labels (this looks like a continuous image, e.g. a probability map, not a label atlas)',
      );
    }
    labels[i] = label;
  }
  return labels;
}

/** Voxels per non-zero label; a typed histogram when labels are small, as they nearly always are. */
function countLabels(labels: Int32Array): Map<number, number> {
  let max = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] > max) max = labels[i];
  const counts = new Map<number, number>();
  if (max < 1 << 20) {
    const histogram = new Int32Array(max + 1);
    for (let i = 0; i < labels.length; i++) histogram[labels[i]]++;
    histogram.forEach((n, label) => {
      if (label !== 0 && n > 0) counts.set(label, n);
    });
    return counts;
  }
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l !== 0) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  return counts;
}
