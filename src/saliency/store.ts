import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { array, nested, num, numbers, readVersionedJson, record, str, strings, type Fail } from '../util/check.js';
import { fromLittleEndian, toLittleEndian } from '../util/f32-bytes.js';
import { InputError } from '../errors.js';
import type { ModelIdentity } from '../jobs/model-dir.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { withFolderLock } from '../util/folder-lock.js';
import { resolveStoredPath, storedPath } from '../util/stored-path.js';
import { checkStoredMaskedAccuracy, type StoredMaskedAccuracy } from './faithfulness.js';
import { checkStoredRandomisation, type StoredRandomisation } from './randomisation-result.js';
import type { SaliencyMaps } from './types.js';

export const SALIENCY_JSON = 'saliency.json';
export const SALIENCY_DATA = 'saliency.f32';
const FORMAT = 'saliency-studio-saliency';

/** A saliency result folder that cannot be read back as written. */
export class SaliencyStoreError extends InputError {}

/** One explained sample: where it comes from in the dataset and what the model said. */
export interface ExplainedSample {
  /** Index of the sample in the dataset cache. */
  index: number;
  label: number;
  /** The class whose probability was explained. */
  target: number;
  predicted: number;
  /** Softmax probability of `target`. */
  probability: number;
  /** IG's completeness gap, when the method has one. */
  delta?: number;
}

/** What saliency.json records beside the maps: enough to trace and to aggregate them. */
export interface SaliencyIndex {
  /** The run and its dataset: absolute in memory; in saliency.json relative to the result folder. */
  run: string;
  dataset: string;
  /** The saved model the maps were computed from, so a report can refuse other weights. */
  model: ModelIdentity;
  /** `grad`, `ig`, … with `+tsr` when rescaled. */
  method: string;
  /** Every parameter the method used, TSR's included. */
  params: Record<string, unknown>;
  samplesFrom: 'test' | 'all';
  classes: string[];
  regions: string[];
  /** Time steps per sample (the dataset's window). */
  window: number;
  samples: ExplainedSample[];
  backend: string;
  /** Seconds the maps took (not the masked-accuracy drop, nor the randomisation check). */
  seconds: number;
  createdAt: string;
  /** The masked-accuracy drop of these maps, when asked for (saliency --masked-accuracy). */
  maskedAccuracy?: StoredMaskedAccuracy;
  /** The model-parameter randomisation check of these maps, when asked for (saliency --randomisation). */
  randomisation?: StoredRandomisation;
}

export interface StoredSaliency {
  index: SaliencyIndex;
  maps: SaliencyMaps;
}

/** Writes saliency.f32 (little-endian float32, [samples, time, regions]) then saliency.json, each atomically. */
export async function writeSaliencyResult(dir: string, result: StoredSaliency): Promise<void> {
  // Two writers of one folder could otherwise leave one's maps beside the other's saliency.json.
  return withFolderLock(dir, 'saliency', () => writeResultFiles(dir, result));
}

async function writeResultFiles(dir: string, result: StoredSaliency): Promise<void> {
  const { index, maps } = result;
  if (maps.samples !== index.samples.length || maps.time !== index.window || maps.features !== index.regions.length) {
    throw new Error(`saliency maps [${maps.samples}, ${maps.time}, ${maps.features}] do not match the index (${index.samples.length} samples, window ${index.window}, ${index.regions.length} regions)`);
  }
  const bytes = toLittleEndian(maps.data);
  await writeFileAtomic(path.join(dir, SALIENCY_DATA), bytes);
  const data = { file: SALIENCY_DATA, dtype: 'float32', byteOrder: 'little', shape: [maps.samples, maps.time, maps.features], axes: ['sample', 'time', 'region'], bytes: bytes.byteLength, sha256: sha256(bytes) };
  const paths = { run: storedPath(dir, index.run), dataset: storedPath(dir, index.dataset) };
  await writeFileAtomic(path.join(dir, SALIENCY_JSON), JSON.stringify({ format: FORMAT, version: 1, ...index, ...paths, data }, null, 1) + '\n');
}

/** Reads a result back, checking its description, size and checksum. */
export async function readSaliencyResult(dir: string): Promise<StoredSaliency> {
  const file = path.join(dir, SALIENCY_JSON);
  const fail: Fail = (field, value, expected) => {
    throw new SaliencyStoreError('SALIENCY_FILE', file, field, value, expected);
  };
  const { o, index } = await readIndexFile(dir, fail);
  const d = record(o.data, 'data', fail);
  const df = nested(fail, 'data');
  const shape = numbers(d, 'shape', df);
  const expectedShape = [index.samples.length, index.window, index.regions.length];
  if (shape.join() !== expectedShape.join()) df('shape', `[${shape}]`, `[${expectedShape}] (samples, window, regions)`);
  const bytes = await readFile(path.join(dir, SALIENCY_DATA)).catch(() => fail('data.file', path.join(dir, SALIENCY_DATA), 'the maps file beside saliency.json'));
  if (bytes.length !== num(d, 'bytes', df)) df('bytes', bytes.length, `${d.bytes} bytes (truncated or from another result)`);
  if (sha256(bytes) !== str(d, 'sha256', df)) df('sha256', sha256(bytes), `${d.sha256} (corrupted or from another result)`);
  return { index, maps: { data: fromLittleEndian(bytes), samples: shape[0], time: shape[1], features: shape[2] } };
}

/** saliency.json alone, checked field by field (the maps are not read): what a listing shows. */
export async function readSaliencyIndex(dir: string): Promise<SaliencyIndex> {
  const file = path.join(dir, SALIENCY_JSON);
  return (await readIndexFile(dir, (field, value, expected) => {
    throw new SaliencyStoreError('SALIENCY_FILE', file, field, value, expected);
  })).index;
}

async function readIndexFile(dir: string, fail: Fail): Promise<{ o: Record<string, unknown>; index: SaliencyIndex }> {
  const file = path.join(dir, SALIENCY_JSON);
  const o = await readVersionedJson(file, FORMAT, `a saliency result folder holding ${SALIENCY_JSON} (run \`saliency-studio saliency\` first)`, fail);
  return { o, index: checkIndex(o, path.resolve(dir), fail) };
}

/** The index checked field by field; its run and dataset resolved against `dir` (older results stored them absolute). */
function checkIndex(o: Record<string, unknown>, dir: string, fail: Fail): SaliencyIndex {
  const samples = array(o, 'samples', fail).map((s, i) => {
    const e = record(s, `samples[${i}]`, fail);
    const f = nested(fail, `samples[${i}]`);
    const int = (k: string) => num(e, k, f, { integer: true, min: 0 });
    const out: ExplainedSample = { index: int('index'), label: int('label'), target: int('target'), predicted: int('predicted'), probability: num(e, 'probability', f, { min: 0, max: 1 }) };
    if (e.delta !== undefined) out.delta = num(e, 'delta', f, { finite: false });
    return out;
  });
  const samplesFrom = o.samplesFrom === 'all' ? 'all' : o.samplesFrom === 'test' ? 'test' : fail('samplesFrom', o.samplesFrom, 'test or all');
  const run = resolveStoredPath(dir, str(o, 'run', fail));
  return {
    run, dataset: resolveStoredPath(dir, str(o, 'dataset', fail)), model: checkModelIdentity(o.model, run, fail), method: str(o, 'method', fail),
    params: record(o.params, 'params', fail), samplesFrom, classes: strings(o, 'classes', fail), regions: strings(o, 'regions', fail),
    window: num(o, 'window', fail, { integer: true, min: 1 }), samples, backend: str(o, 'backend', fail),
    seconds: num(o, 'seconds', fail, { min: 0 }), createdAt: str(o, 'createdAt', fail),
    ...(o.maskedAccuracy !== undefined ? { maskedAccuracy: checkStoredMaskedAccuracy(o.maskedAccuracy, fail) } : {}),
    ...(o.randomisation !== undefined ? { randomisation: checkStoredRandomisation(o.randomisation, fail) } : {}),
  };
}

const SHA256 = /^[0-9a-f]{64}$/;

// Results saved before the model was recorded cannot vouch for their weights: recompute them.
function checkModelIdentity(value: unknown, run: string, fail: Fail): ModelIdentity {
  if (value === undefined) fail('model', '(missing)', `the model the maps were computed from (this result predates it: recompute it with \`saliency-studio saliency --run ${run}\` and its options)`);
  const o = record(value, 'model', fail);
  const f = nested(fail, 'model');
  for (const key of ['sha256', 'weightsSha256']) if (!SHA256.test(String(o[key]))) f(key, o[key], 'a SHA-256 in hex');
  return { sha256: o.sha256 as string, weightsSha256: o.weightsSha256 as string };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
