import path from 'node:path';
import type { Region } from '../atlas/index.js';
import { resolveAtlas, type AtlasChoice } from './atlas.js';

/** An atlas as the Study screen shows it (src/api/schemas/study.ts atlasInfo). */
export interface AtlasInfo {
  /** `AAL` for the bundled atlas, else the label image's file name. */
  name: string;
  bundled: boolean;
  /** Every region, sorted by label: each label in the image and each one the names file names. */
  regions: Region[];
  /** Where the names file and the image disagree; [] when they match. */
  warnings: string[];
}

/**
 * Loads the chosen atlas (the bundled AAL when no label image is chosen) and lists its regions
 * by name, so a user can check the names before parcellating and pick regions for QC plots.
 * A label image or names file that cannot be used fails with its AtlasError.
 */
export async function describeAtlas(choice: AtlasChoice = {}): Promise<AtlasInfo> {
  const atlas = await resolveAtlas(choice);
  const bundled = !choice.labels;
  return {
    name: bundled ? 'AAL' : path.basename(atlas.file),
    bundled,
    regions: atlas.regions.map((r) => ({ label: r.label, name: r.name })),
    warnings: atlas.warnings,
  };
}
