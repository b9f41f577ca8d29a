import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../../assets.js';
import { readNifti } from '../../../nifti/index.js';
import type { VolumeGrid } from './volume.js';

/** The bundled MNI background: Colin27 ("ch2bet", skull-stripped, 1 mm; see assets/ATTRIBUTION.md). */
export function defaultTemplatePath(): string {
  return path.join(packageRoot(), 'assets', 'templates', 'ch2bet.nii.gz');
}

/** Reads a 3-D background image; null when the file is absent (the figure says so). */
export async function loadTemplate(file = defaultTemplatePath()): Promise<VolumeGrid | null> {
  if (!existsSync(file)) return null;
  const { header, data } = await readNifti(file);
  return { shape: header.shape.slice(0, 3), affine: header.affine, data };
}
