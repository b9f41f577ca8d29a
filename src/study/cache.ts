import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { StudyError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { fromLittleEndian, toLittleEndian } from '../util/f32-bytes.js';
import { withFolderLock } from '../util/folder-lock.js';
import { describe, type Fail } from '../util/check.js';
import { resolveStoredPath, storedPath } from '../util/stored-path.js';
import { checkCleanSettings } from './clean-run.js';
import { readStoredAtlas, storeAtlas, type StoredDatasetAtlas } from './dataset-atlas.js';
import { SPLITS, type Dataset, type DatasetCleaning, type SampleMeta } from './dataset.js';

export const DATASET_JSON = 'dataset.json';
export const DATASET_DATA = 'dataset.f32';
const FORMAT = 'saliency-studio-dataset';

/** What `dataset.json` holds: the dataset without its values, plus how to find and check them. */
interface DatasetFile extends Omit<Dataset, 'data' | 'atlas'> {
  format: typeof FORMAT;
  atlas?: StoredDatasetAtlas | null;
  data: { file: string; dtype: 'float32'; byteOrder: 'little'; shape: [number, number, number]; bytes: number; sha256: string };
}

/**
 * Writes `dataset.f32` (values, little-endian float32, samples × window × regions) and then
 * `dataset.json` (everything else), each atomically. The JSON records the values' size and
 * SHA-256, so a pair left mismatched by a crash between the two writes is caught on reading.
 */
export async function writeDatasetCache(dir: string, dataset: Dataset, options: DatasetWriteOptions = {}): Promise<void> {
  // Two writers of one folder could otherwise leave one's values beside the other's dataset.json.
  return withFolderLock(dir, 'dataset', () => writeDatasetFiles(dir, dataset, options.root ?? path.dirname(path.resolve(dir))));
}

export interface DatasetWriteOptions {
  /**
   * Atlas files inside this folder are recorded relative to the dataset, so they move with it
   * (the workspace; default: the dataset folder's parent).
   */
  root?: string;
}

async function writeDatasetFiles(dir: string, dataset: Dataset, root: string): Promise<void> {
  const { data, atlas, ...meta } = dataset;
  const expected = dataset.samples.length * dataset.window * dataset.regions.length;
  if (data.length !== expected) {
    throw new StudyError('CACHE_SHAPE', path.join(dir, DATASET_DATA), 'values', data.length, `${expected} (samples × window × regions)`);
  }
  const bytes = toLittleEndian(data);
  const file: DatasetFile = {
    format: FORMAT, ...meta,
    atlas: atlas ? storeAtlas(atlas, path.resolve(dir), root) : null,
    ...(meta.cleaning ? { cleaning: storeCleaning(meta.cleaning, path.resolve(dir), root) } : {}),
    ...(meta.sources ? { sources: meta.sources.map((s) => ({ ...s, file: storeFilePath(s.file, path.resolve(dir), root) })) } : {}),
    data: {
      file: DATASET_DATA, dtype: 'float32', byteOrder: 'little',
      shape: [dataset.samples.length, dataset.window, dataset.regions.length],
      bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex'),
    },
  };
  await writeFileAtomic(path.join(dir, DATASET_DATA), bytes);
  await writeFileAtomic(path.join(dir, DATASET_JSON), JSON.stringify(file) + '\n');
}

/**
 * Reads a dataset written by `writeDatasetCache`, checking the format version, every field,
 * that the value count matches samples × window × regions, and the values' size and checksum.
 */
export async function readDatasetCache(dir: string): Promise<Dataset> {
  const { meta, jsonFile, dataFile } = await readDatasetFile(dir);
  const bytes = await readFile(dataFile).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new StudyError('CACHE_MISSING', dataFile, 'path', dataFile, `the values file named in ${DATASET_JSON}`);
    throw err;
  });
  if (bytes.length !== meta.data.bytes) {
    throw new StudyError('CACHE_SIZE', dataFile, 'size', bytes.length, `${meta.data.bytes} bytes as ${DATASET_JSON} says (truncated or from another dataset)`);
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== meta.data.sha256) {
    throw new StudyError('CACHE_CHECKSUM', dataFile, 'sha256', sha, `${meta.data.sha256} as ${DATASET_JSON} says (corrupted or from another dataset)`);
  }
  return { ...datasetInfo(meta, jsonFile, dir), data: fromLittleEndian(bytes) };
}

/** dataset.json alone, checked field by field (the values are not read): what a listing shows. */
export async function readDatasetInfo(dir: string): Promise<Omit<Dataset, 'data'>> {
  const { meta, jsonFile } = await readDatasetFile(dir);
  return datasetInfo(meta, jsonFile, dir);
}

function datasetInfo(meta: DatasetFile, jsonFile: string, dir: string): Omit<Dataset, 'data'> {
  const { format: _format, data: _data, atlas: _atlas, cleaning, sources, ...rest } = meta;
  const datasetDir = path.resolve(dir);
  const info: Omit<Dataset, 'data'> = { ...rest, atlas: readStoredAtlas(meta.atlas, datasetDir, (field, value, expected) => {
    throw new StudyError('CACHE_FIELD', jsonFile, field, value, expected);
  }) };
  if (cleaning) {
    info.cleaning = { ...cleaning, confounds: cleaning.confounds.map((c) => ({ ...c, path: resolveStoredPath(datasetDir, c.path) })) };
  }
  if (sources) info.sources = sources.map((s) => ({ run: s.run, file: resolveStoredPath(datasetDir, s.file) }));
  return info;
}

/**
 * The cleaning record as dataset.json stores it: a confounds table inside `root` (the
 * workspace, or the dataset's parent) by a path relative to the dataset folder, so the
 * record stays valid when the two move together; one outside by its absolute path.
 */
function storeCleaning(cleaning: DatasetCleaning, datasetDir: string, root: string): DatasetCleaning {
  return { ...cleaning, confounds: cleaning.confounds.map((c) => ({ ...c, path: storeFilePath(c.path, datasetDir, root) })) };
}

/** A file as dataset.json records it: relative to the dataset folder when inside `root`, else absolute. */
function storeFilePath(file: string, datasetDir: string, root: string): string {
  const rel = path.relative(path.resolve(root), path.resolve(file));
  const inside = rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
  return inside ? storedPath(datasetDir, file) : path.resolve(file);
}

/** dataset.json's `sources`: each a run name and its NIfTI image's path. */
function validateSources(value: unknown, fail: Fail): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) fail('sources', describe(value), 'an array of {run, file} (the NIfTI runs the dataset was built from)');
  (value as unknown[]).forEach((e, i) => {
    if (typeof e !== 'object' || e === null || Array.isArray(e)) fail(`sources[${i}]`, describe(e), 'an object {run, file}');
    const o = e as Record<string, unknown>;
    if (typeof o.run !== 'string' || o.run === '') fail(`sources[${i}].run`, describe(o.run), 'a run name');
    if (typeof o.file !== 'string' || !/\.(nii|hdr|img)(\.gz)?$/i.test(o.file)) {
      fail(`sources[${i}].file`, describe(o.file), 'the path of a NIfTI run (.nii, .nii.gz, .hdr/.img)');
    }
  });
}

/** dataset.json's `cleaning`: settings valid for `checkCleanSettings`, and each confounds table's run, path and SHA-256. */
function validateCleaning(value: unknown, fail: Fail): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('cleaning', describe(value), 'an object {settings, confounds}');
  const c = value as Record<string, unknown>;
  const settings = c.settings;
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) fail('cleaning.settings', describe(settings), 'an object (the cleaning settings)');
  try {
    checkCleanSettings(settings as Parameters<typeof checkCleanSettings>[0]);
  } catch (err) {
    if (!(err instanceof StudyError)) throw err;
    fail(`cleaning.settings.${err.field.replace(/^clean\./, '')}`, err.value, err.expected);
  }
  if (!Array.isArray(c.confounds)) fail('cleaning.confounds', describe(c.confounds), 'an array of {run, path, sha256}');
  (c.confounds as unknown[]).forEach((e, i) => {
    const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    if (typeof e !== 'object' || e === null) fail(`cleaning.confounds[${i}]`, describe(e), 'an object {run, path, sha256}');
    if (typeof o.run !== 'string') fail(`cleaning.confounds[${i}].run`, describe(o.run), 'a run name');
    if (typeof o.path !== 'string' || o.path === '') fail(`cleaning.confounds[${i}].path`, describe(o.path), 'the confounds table\'s path');
    if (typeof o.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(o.sha256)) fail(`cleaning.confounds[${i}].sha256`, describe(o.sha256), 'a SHA-256 in hex');
  });
}

async function readDatasetFile(dir: string): Promise<{ meta: DatasetFile; jsonFile: string; dataFile: string }> {
  const jsonFile = path.join(dir, DATASET_JSON);
  const text = await readFile(jsonFile, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new StudyError('CACHE_MISSING', jsonFile, 'path', jsonFile, `an existing ${DATASET_JSON} (run the study command first)`);
    throw err;
  });
  let meta: DatasetFile;
  try {
    meta = JSON.parse(text);
  } catch (err) {
    throw new StudyError('CACHE_JSON', jsonFile, 'contents', err instanceof Error ? err.message : String(err), 'valid JSON');
  }
  validateMeta(meta, jsonFile);
  return { meta, jsonFile, dataFile: path.join(dir, meta.data.file) };
}

function validateMeta(m: DatasetFile, file: string): void {
  const fail = (field: string, value: unknown, expected: string): never => {
    throw new StudyError('CACHE_FIELD', file, field, value, expected);
  };
  if (typeof m !== 'object' || m === null) fail('contents', String(m), 'a JSON object');
  if (m.format !== FORMAT || m.version !== 1) {
    throw new StudyError('CACHE_VERSION', file, 'format/version', `${m.format}/${m.version}`, `${FORMAT}/1 (rebuild the dataset with this version)`);
  }
  const posInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
  if (!posInt(m.window)) fail('window', m.window, 'an integer > 0');
  if (!posInt(m.stride)) fail('stride', m.stride, 'an integer > 0');
  if (!(typeof m.tr === 'number' && m.tr > 0)) fail('tr', m.tr, 'seconds > 0');
  if (!Number.isFinite(m.shiftSeconds)) fail('shiftSeconds', m.shiftSeconds, 'a number');
  if (m.labelBy !== 'task' && m.labelBy !== 'trial_type') fail('labelBy', m.labelBy, '"task" or "trial_type"');
  if (typeof m.zscored !== 'boolean') fail('zscored', m.zscored, 'true or false');
  if (!Number.isInteger(m.seed)) fail('seed', m.seed, 'an integer');
  if (!Array.isArray(m.regions) || !m.regions.every((r) => typeof r?.name === 'string' && (r.label === null || Number.isInteger(r.label)))) {
    fail('regions', typeof m.regions, 'an array of {label: integer | null, name: string}');
  }
  if (!Array.isArray(m.classes) || !m.classes.every((c) => typeof c === 'string')) fail('classes', typeof m.classes, 'an array of class names');
  if (!Array.isArray(m.samples)) fail('samples', typeof m.samples, 'an array');
  m.samples.forEach((s, i) => {
    const problem = sampleProblem(s, m.classes.length);
    if (problem) fail(`samples[${i}].${problem}`, (s as unknown as Record<string, unknown>)?.[problem], 'a valid sample (see SampleMeta)');
    const on = (s as { on?: unknown }).on;
    if (on !== undefined && !(typeof on === 'string' && on.length === m.window && /^[01]*$/.test(on))) {
      fail(`samples[${i}].on`, describe(on), `a string of ${m.window} characters 0 or 1 (the window's task-ON steps)`);
    }
  });
  validateCleaning(m.cleaning, fail);
  validateSources(m.sources, fail);
  const d = m.data;
  const shape = [m.samples.length, m.window, m.regions.length];
  if (typeof d !== 'object' || d === null || d.dtype !== 'float32' || d.byteOrder !== 'little' || typeof d.file !== 'string' || typeof d.sha256 !== 'string') {
    fail('data', JSON.stringify(d), '{file, dtype: "float32", byteOrder: "little", shape, bytes, sha256}');
  }
  if (path.basename(d.file) !== d.file) fail('data.file', d.file, 'a file name beside dataset.json');
  if (!Array.isArray(d.shape) || d.shape.join() !== shape.join()) fail('data.shape', d.shape, `[${shape.join(', ')}] (samples, window, regions)`);
  if (d.bytes !== shape[0] * shape[1] * shape[2] * 4) fail('data.bytes', d.bytes, `${shape[0] * shape[1] * shape[2] * 4} (4 bytes per value)`);
}

/** The first invalid field of a sample, or null. */
function sampleProblem(s: SampleMeta, classes: number): keyof SampleMeta | 'sample' | null {
  if (typeof s !== 'object' || s === null) return 'sample';
  if (typeof s.subject !== 'string') return 'subject';
  if (typeof s.task !== 'string') return 'task';
  if (s.session !== null && typeof s.session !== 'string') return 'session';
  if (s.run !== null && typeof s.run !== 'string') return 'run';
  if (!Number.isFinite(s.onsetSeconds)) return 'onsetSeconds';
  if (!Number.isInteger(s.label) || s.label < 0 || s.label >= classes) return 'label';
  if (!SPLITS.includes(s.split)) return 'split';
  return null;
}
