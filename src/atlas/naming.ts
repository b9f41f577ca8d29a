import { AtlasError } from '../errors.js';
import type { Region, RegionNames } from './names.js';
import { listLabels, listSome, plural } from './notes.js';

/**
 * Share of the image's labels a names file must name to be taken for this atlas's names. The
 * right file names every label; one that leaves more than a tenth unnamed was written for
 * another atlas (AAL's 116 names on AICHA's 192 labels leave 40% unnamed and misname the rest).
 */
export const MIN_NAMED_SHARE = 0.9;

/** How the names file matched the label image; every list is sorted by label. */
export interface NamingReport {
  /** Image labels with no name, named by their value (all of them when there is no names file). */
  unnamed: number[];
  /** Labels the names file names that have no voxel in the image (kept as empty regions). */
  unused: number[];
  /** Names the file gives to several labels; each such region is named `<name> (label <n>)`. */
  duplicates: { name: string; labels: number[] }[];
}

export interface NamingOptions {
  /** Accept a names file that leaves most labels unnamed, naming those by label value. */
  allowUnnamed?: boolean;
}

/**
 * Names the regions of a label image (`imageLabels`, sorted, background excluded) from a
 * names file, reporting every mismatch as a warning. A names file that names too few of the
 * labels is refused unless `allowUnnamed`: it is the wrong file, and its names would be wrong.
 */
export function nameRegions(
  imageLabels: readonly number[],
  names: RegionNames | null,
  files: { labels: string; names: string | null },
  options: NamingOptions = {},
): { regions: Region[]; naming: NamingReport; warnings: string[] } {
  const byLabel = new Map<number, string>(names?.regions.map((r) => [r.label, r.name]));
  const inImage = new Set(imageLabels);
  const unnamed = imageLabels.filter((l) => !byLabel.has(l));
  const unused = names ? names.regions.filter((r) => !inImage.has(r.label)).map((r) => r.label) : [];
  const warnings: string[] = [];

  if (names === null) {
    warnings.push(`${files.labels}: no names file (none given, no <atlas>.txt beside it); its ${imageLabels.length} regions are named by label value`);
  } else if (unnamed.length > 0) {
    const named = imageLabels.length - unnamed.length;
    if (named < MIN_NAMED_SHARE * imageLabels.length && !options.allowUnnamed) {
      throw new AtlasError(
        'NAMES_MISMATCH', files.names as string, `labels of ${files.labels} named`,
        `${named} of ${imageLabels.length} (unnamed: ${listLabels(unnamed)})`,
        'the names file of this atlas, or --allow-unnamed to name regions by label number',
      );
    }
    warnings.push(`${files.names}: ${unnamed.length} of the ${imageLabels.length} labels of ${files.labels} not named there, so named by label value: ${listLabels(unnamed)}`);
  }
  if (unused.length > 0) {
    warnings.push(`${files.names}: ${plural(unused.length, 'named label')} with no voxel in ${files.labels}, kept as regions without voxels: ${listSome(unused.map((l) => `${l} ${byLabel.get(l)}`))}`);
  }

  for (const label of unnamed) byLabel.set(label, String(label));
  const regions = [...byLabel].map(([label, name]) => ({ label, name })).sort((a, b) => a.label - b.label);
  const duplicates = disambiguate(regions);
  if (duplicates.length > 0) {
    const list = listSome(duplicates.map((d) => `"${d.name}" (labels ${listLabels(d.labels)})`));
    warnings.push(`${files.names ?? files.labels}: ${plural(duplicates.length, 'name')} given to several labels, so those regions are named "<name> (label <n>)": ${list}`);
  }
  return { regions, naming: { unnamed, unused, duplicates }, warnings };
}

/**
 * Renames, in place, every region whose name another region shares. Regions are told apart
 * by name in tables and reports, so two called the same would be merged or confused there;
 * the label keeps them distinct and says which is which, where an error would refuse an atlas
 * whose names are otherwise right (e.g. left and right halves named alike).
 */
function disambiguate(regions: Region[]): { name: string; labels: number[] }[] {
  const labelsByName = new Map<string, number[]>();
  for (const r of regions) {
    const labels = labelsByName.get(r.name);
    if (labels) labels.push(r.label);
    else labelsByName.set(r.name, [r.label]);
  }
  const duplicates = [...labelsByName].filter(([, labels]) => labels.length > 1).map(([name, labels]) => ({ name, labels }));
  const shared = new Set(duplicates.map((d) => d.name));
  for (const r of regions) if (shared.has(r.name)) r.name = `${r.name} (label ${r.label})`;
  return duplicates.sort((a, b) => a.labels[0] - b.labels[0]);
}
