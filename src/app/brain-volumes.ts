import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { defaultAtlasPaths, packageRoot } from '../assets.js';
import { InputError, OutputError } from '../errors.js';
import { encodeNifti1, openNifti, type NiftiHeader } from '../nifti/index.js';
import { readRunConfig } from '../jobs/run-setup.js';
import { readDatasetInfo } from '../study/cache.js';
import type { DatasetSource } from '../study/dataset.js';
import { writeFileAtomic } from '../util/atomic-write.js';

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

export interface BrainVolumesOptions {
  /**
   * Where functional templates (temporal means) are kept once computed, keyed by the source
   * run's path, size and mtime, so a second open reads one small file instead of a 4-D run
   * (a workspace's `cache/templates`); none: computed every time.
   */
  templateCacheDir?: string;
}

/**
 * What the brain view of run `runDir` loads: a background image and the atlas label image its
 * dataset was parcellated with (checked against the SHA-256 recorded when the dataset was
 * built), both as their files' bytes, and the atlas label of every region in map order.
 */
export async function brainVolumes(runDir: string, template: TemplateSource = { kind: 'ch2bet' }, options: BrainVolumesOptions = {}): Promise<BrainVolumes> {
  return datasetBrainVolumes(path.resolve((await readRunConfig(runDir)).dataset), template, options);
}

/** brainVolumes of the dataset in `datasetDir` (what a run's volumes come from). */
export async function datasetBrainVolumes(datasetDir: string, template: TemplateSource = { kind: 'ch2bet' }, options: BrainVolumesOptions = {}): Promise<BrainVolumes> {
  const dataset = await readDatasetInfo(datasetDir);
  const labels = dataset.regions.map((r) => r.label);
  if (labels.some((l) => l === null)) {
    throw new BrainViewError('BRAIN_NO_ATLAS', datasetDir, 'regions', `${labels.filter((l) => l === null).length} regions without an atlas label`,
      'a dataset parcellated with an atlas (imported tables and synthetic data have no brain to show)');
  }
  const atlas = await atlasFile(dataset.atlas ?? null, datasetDir);
  const background = await templateFile(template, datasetDir, dataset.sources ?? [], options);
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

async function templateFile(template: TemplateSource, datasetDir: string, sources: readonly DatasetSource[], options: BrainVolumesOptions): Promise<{ bytes: NiftiBytes; name: string }> {
  switch (template.kind) {
    case 'ch2bet':
      return { bytes: await bytesOf(ch2betPath(), 'template'), name: 'ch2bet (MNI, bundled)' };
    case 'functional':
      return functionalTemplate(datasetDir, sources, options.templateCacheDir);
    case 'file': {
      await checkNifti(template.file);
      return { bytes: await bytesOf(template.file, 'template.file'), name: path.basename(template.file) };
    }
  }
}

/**
 * The temporal mean of the first source run still on disk, as a float32 .nii on the run's
 * grid (its affine and voxel sizes), read from the template cache when there.
 */
async function functionalTemplate(datasetDir: string, sources: readonly DatasetSource[], cacheDir: string | undefined): Promise<{ bytes: NiftiBytes; name: string }> {
  if (sources.length === 0) {
    throw new BrainViewError('BRAIN_NO_FUNCTIONAL', datasetDir, 'template', 'functional',
      'a dataset that records the NIfTI runs it was built from (this one does not: imported tables, or built by an older version); choose the ch2bet template or a NIfTI file');
  }
  const found = await firstExisting(sources);
  if (!found) {
    const first = sources[0].file;
    throw new BrainViewError('BRAIN_FUNCTIONAL_MISSING', first, 'sources[0].file', first,
      `an existing NIfTI run of the dataset ${path.basename(datasetDir)} (none of its ${sources.length} source runs is there any more; moved or deleted?)`);
  }
  const { source, size, mtimeMs } = found;
  const name = `${meanName(source.file)}.nii`;
  const key = createHash('sha256').update(`${path.resolve(source.file)}\0${size}\0${mtimeMs}`).digest('hex');
  const cached = cacheDir ? path.join(cacheDir, `${key}.nii`) : null;
  let bytes = cached ? await readFile(cached).catch(() => null) : null;
  if (!bytes) {
    bytes = Buffer.from(await temporalMeanNifti(source.file));
    // The cache only saves time: a workspace that cannot hold it still shows the view.
    if (cached) await writeFileAtomic(cached, bytes).catch((err) => { if (!(err instanceof OutputError)) throw err; });
  }
  return { bytes: { name, base64: bytes.toString('base64') }, name: `mean of ${source.run}` };
}

async function firstExisting(sources: readonly DatasetSource[]): Promise<{ source: DatasetSource; size: number; mtimeMs: number } | null> {
  for (const source of sources) {
    const s = await stat(source.file).catch(() => null);
    if (s?.isFile()) return { source, size: s.size, mtimeMs: s.mtimeMs };
  }
  return null;
}

const meanName = (file: string) => `${path.basename(file).replace(/\.(nii|hdr|img)(\.gz)?$/i, '')}_mean`;

const SPACE_NAMES = { 1: 'scanner', 2: 'aligned', 3: 'talairach', 4: 'mni' } as const;

/** The voxelwise mean over time of a NIfTI run, streamed one volume at a time, encoded as a float32 .nii. */
export async function temporalMeanNifti(file: string): Promise<Uint8Array> {
  const reader = await openNifti(file);
  const { header } = reader;
  const sum = new Float64Array(header.voxelsPerVolume);
  try {
    for await (const { data } of reader.volumes()) for (let i = 0; i < sum.length; i++) sum[i] += data[i];
  } finally {
    reader.close();
  }
  const mean = new Float32Array(sum.length);
  for (let i = 0; i < sum.length; i++) mean[i] = sum[i] / header.volumes;
  return encodeNifti1({
    shape: [...header.shape.slice(0, 3), 1, 1].slice(0, 3), datatype: 'float32', affine: header.affine, data: mean,
    space: spaceOf(header), description: `temporal mean of ${header.volumes} volumes`,
  }, file);
}

/** The writer's space for the source's own code (sform first, as its affine); unknown as scanner. */
function spaceOf(header: NiftiHeader): 'scanner' | 'aligned' | 'talairach' | 'mni' {
  const code = header.sformCode > 0 ? header.sformCode : header.qformCode;
  return SPACE_NAMES[code as keyof typeof SPACE_NAMES] ?? 'scanner';
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
