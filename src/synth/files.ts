import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { StudyError } from '../errors.js';
import { DATASET_JSON, readDatasetCache, writeDatasetCache } from '../study/cache.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { readOptionalVersionedJson, readVersionedJson } from '../util/check.js';
import { SYNTH_KINDS } from './boxes.js';
import type { SynthDataset, SynthInfo } from './generate.js';

export const SYNTH_JSON = 'synth.json';
export const SYNTH_MASK = 'mask.u8';
const FORMAT = 'saliency-studio-synth';

/** `synth.json`: the dataset's description, how to find and check the mask, and which values it belongs to. */
interface SynthFile extends SynthInfo {
  format: typeof FORMAT;
  version: 1;
  mask: { file: string; dtype: 'uint8'; shape: [number, number, number]; bytes: number; sha256: string };
  /** SHA-256 of `dataset.f32`, as `dataset.json` records it: ties the mask to these values. */
  datasetSha256: string;
}

/**
 * Writes a synthetic dataset to `dir`: the dataset cache (`dataset.json` + `dataset.f32`, which
 * `train --data` reads), the masks (`mask.u8`, samples × steps × features, 1 inside the boxes)
 * and `synth.json`, each atomically; `synth.json` is last and checks the other two.
 */
export async function writeSynth(dir: string, synth: SynthDataset): Promise<void> {
  await writeDatasetCache(dir, synth.dataset);
  const datasetSha256 = JSON.parse(await readFile(path.join(dir, DATASET_JSON), 'utf8')).data.sha256;
  const { mask, info, dataset } = synth;
  const file: SynthFile = {
    format: FORMAT, version: 1, ...info,
    mask: {
      file: SYNTH_MASK, dtype: 'uint8', shape: [dataset.samples.length, info.steps, info.features],
      bytes: mask.byteLength, sha256: sha256(mask),
    },
    datasetSha256,
  };
  await writeFileAtomic(path.join(dir, SYNTH_MASK), mask);
  await writeFileAtomic(path.join(dir, SYNTH_JSON), JSON.stringify(file) + '\n');
}

/**
 * What a stored synthetic dataset was generated from (name, seed, sample counts), from its
 * `synth.json` alone, or null where there is none: enough to tell whether it can be reused.
 */
export async function readSynthSettings(dir: string, hint: string): Promise<Pick<SynthInfo, 'name' | 'seed' | 'train' | 'test'> | null> {
  const jsonFile = path.join(dir, SYNTH_JSON);
  const fail = (field: string, value: unknown, expected: string): never => {
    throw new StudyError('SYNTH_FIELD', jsonFile, field, value, `${expected} (${hint})`);
  };
  const meta = await readOptionalVersionedJson(jsonFile, FORMAT, fail);
  if (meta === null) return null;
  return { name: meta.name as SynthInfo['name'], seed: meta.seed as number, train: meta.train as number, test: meta.test as number };
}

/** Reads back what `writeSynth` wrote, checking that the description, mask and values belong together. */
export async function readSynth(dir: string): Promise<SynthDataset> {
  const jsonFile = path.join(dir, SYNTH_JSON);
  const fail = (field: string, value: unknown, expected: string): never => {
    throw new StudyError('SYNTH_FIELD', jsonFile, field, value, expected);
  };
  const meta = (await readVersionedJson(jsonFile, FORMAT, `an existing ${SYNTH_JSON} (run the synth command first)`, fail)) as unknown as SynthFile;
  const dataset = await readDatasetCache(dir);
  if (!SYNTH_KINDS.includes(meta.name)) fail('name', meta.name, `one of ${SYNTH_KINDS.join(', ')}`);
  if (meta.datasetSha256 !== (await datasetSha(dir))) {
    fail('datasetSha256', meta.datasetSha256, `the SHA-256 in ${DATASET_JSON} (the dataset was rewritten without its mask)`);
  }
  const shape = [dataset.samples.length, dataset.window, dataset.regions.length];
  if (meta.steps !== shape[1] || meta.features !== shape[2]) fail('steps/features', `${meta.steps}/${meta.features}`, `${shape[1]}/${shape[2]} as in ${DATASET_JSON}`);
  if (!Array.isArray(meta.boxSets)) fail('boxSets', typeof meta.boxSets, 'an array of box sets');
  if (!Array.isArray(meta.sampleBoxSet) || meta.sampleBoxSet.length !== shape[0]
    || !meta.sampleBoxSet.every((i) => Number.isInteger(i) && i >= 0 && i < meta.boxSets.length)) {
    fail('sampleBoxSet', typeof meta.sampleBoxSet, `${shape[0]} indices into boxSets`);
  }
  if (meta.mask?.shape?.join() !== shape.join() || path.basename(meta.mask.file) !== meta.mask.file) {
    fail('mask', JSON.stringify(meta.mask), `{file beside ${SYNTH_JSON}, shape [${shape.join(', ')}]}`);
  }
  const maskFile = path.join(dir, meta.mask.file);
  const bytes = await readFile(maskFile);
  if (bytes.length !== shape[0] * shape[1] * shape[2]) {
    throw new StudyError('SYNTH_MASK_SIZE', maskFile, 'size', bytes.length, `${shape[0] * shape[1] * shape[2]} bytes (samples × steps × features)`);
  }
  const sha = sha256(bytes);
  if (sha !== meta.mask.sha256) throw new StudyError('SYNTH_MASK_CHECKSUM', maskFile, 'sha256', sha, `${meta.mask.sha256} as ${SYNTH_JSON} says`);
  const { format: _f, version: _v, mask: _m, datasetSha256: _d, ...info } = meta;
  return { dataset, mask: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), info };
}

async function datasetSha(dir: string): Promise<string> {
  return JSON.parse(await readFile(path.join(dir, DATASET_JSON), 'utf8')).data.sha256;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
