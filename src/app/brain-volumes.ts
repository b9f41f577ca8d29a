import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultAtlasPaths, packageRoot } from '../assets.js';
import { InputError } from '../errors.js';
import { openNifti } from '../nifti/index.js';
import { readRunConfig } from '../jobs/run-setup.js';
import { readDatasetInfo } from '../study/cache.js';

/** The bundled MNI template the brain view paints on by default (assets/ATTRIBUTION.md). */
export const CH2BET_TEMPLATE = 'ch2bet.nii.gz';

export const ch2betPath = () => path.join(packageRoot(), 'assets', 'templates', CH2BET_TEMPLATE);

/** The background a brain view asks for: the bundled template, the dataset's first functional run, or a NIfTI file. */
export type TemplateSource = { kind: 'ch2bet' } | { kind: 'functional' } | { kind: 'file'; file: string };

/** A NIfTI file's bytes as on disk, in base64 (NiiVue reads .nii and .nii.gz). */
export interface NiftiBytes {
  name: string;
  base64: string;
}

export interface BrainVolumes {
  template: NiftiBytes;
  atlas: NiftiBytes;
  /** Per map column (region), its label in the atlas image. */
  labels: number[];
  templateName: string;
  atlasName: string;
}

/** A brain view that cannot be drawn for this run (no atlas labels, a changed atlas file, a bad template). */
export class BrainViewError extends InputError {}

/**
 * What the brain view of run `runDir` loads: a background image and the atlas label image its
 * dataset was parcellated with (checked against the SHA-256 recorded when the dataset was
 * built), both as their files' bytes, and the atlas label of every region in map order.
 */
export async function brainVolumes(runDir: string, template: TemplateSource = { kind: 'ch2bet' }): Promise<BrainVolumes> {
  return datasetBrainVolumes(path.resolve((await readRunConfig(runDir)).dataset), template);
}

/** brainVolumes of the dataset in `datasetDir` (what a run's volumes come from). */
export async function datasetBrainVolumes(datasetDir: string, template: TemplateSource = { kind: 'ch2bet' }): Promise<BrainVolumes> {
  const dataset = await readDatasetInfo(datasetDir);
  const labels = dataset.regions.map((r) => r.label);
  if (labels.some((l) => l === null)) {
    throw new BrainViewError('BRAIN_NO_ATLAS', datasetDir, 'regions', `${labels.filter((l) => l === null).length} regions without an atlas label`,
      'a dataset parcellated with an atlas (imported tables and synthetic data have no brain to show)');
  }
  const atlas = await atlasFile(dataset.atlas ?? null, datasetDir);
  const background = await templateFile(template, datasetDir);
  return {
    template: background.bytes, atlas: atlas.bytes, labels: labels as number[],
    templateName: background.name, atlasName: atlas.name,
  };
}

async function atlasFile(record: Awaited<ReturnType<typeof readDatasetInfo>>['atlas'] | null, datasetDir: string): Promise<{ bytes: NiftiBytes; name: string }> {
  if (!record) {
    // Older datasets record no atlas; their labelled regions come from the bundled AAL (as the report assumes).
    const file = defaultAtlasPaths().labels;
    return { bytes: await bytesOf(file, 'atlas'), name: 'AAL (bundled)' };
  }
  const file = record.labels.path;
  const bytes = await readFile(file).catch(() => {
    throw new BrainViewError('BRAIN_ATLAS_MISSING', file, 'atlas.labels', file, `the atlas label image the dataset ${path.basename(datasetDir)} was parcellated with`);
  });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== record.labels.sha256) {
    throw new BrainViewError('BRAIN_ATLAS_CHANGED', file, 'atlas.labels.sha256', sha256,
      `${record.labels.sha256}, the atlas the dataset was built with (the file changed since; its labels may no longer match the regions)`);
  }
  return { bytes: { name: path.basename(file), base64: bytes.toString('base64') }, name: record.labels.bundled ? 'AAL (bundled)' : path.basename(file) };
}

async function templateFile(template: TemplateSource, datasetDir: string): Promise<{ bytes: NiftiBytes; name: string }> {
  switch (template.kind) {
    case 'ch2bet':
      return { bytes: await bytesOf(ch2betPath(), 'template'), name: 'ch2bet (MNI, bundled)' };
    case 'functional':
      // SampleMeta names subjects and runs, not image files: which image to average is not on record.
      throw new BrainViewError('BRAIN_NO_FUNCTIONAL', datasetDir, 'template', 'functional',
        'a dataset that records the NIfTI runs it was built from (this one does not); choose the ch2bet template or a NIfTI file');
    case 'file': {
      await checkNifti(template.file);
      return { bytes: await bytesOf(template.file, 'template.file'), name: path.basename(template.file) };
    }
  }
}

/** Refuses a file that is not a readable 3D or 4D NIfTI image, before its bytes go out. */
async function checkNifti(file: string): Promise<void> {
  if (!/\.nii(\.gz)?$/i.test(file)) throw new BrainViewError('BRAIN_TEMPLATE', file, 'template.file', path.basename(file), 'a .nii or .nii.gz image');
  const reader = await openNifti(file);
  reader.close();
}

async function bytesOf(file: string, field: string): Promise<NiftiBytes> {
  const bytes = await readFile(file).catch(() => {
    throw new BrainViewError('BRAIN_FILE_MISSING', file, field, file, 'a readable NIfTI file');
  });
  return { name: path.basename(file), base64: bytes.toString('base64') };
}
