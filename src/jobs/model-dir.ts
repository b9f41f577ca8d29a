import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelConfig, NamedWeights, SequenceClassifier } from '../model/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { num, record, strings, type Fail } from '../util/check.js';
import { TrainingError } from './errors.js';
import { checkModelConfig } from '../model/config.js';
import { checkWeightsInfo, readWeightsFile, writeWeightsFile, type WeightsFileInfo } from './weights-file.js';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';
const FORMAT = 'saliency-studio-model';

/** A trained model as saved: enough to rebuild it and to name its inputs and outputs. */
export interface SavedModel {
  config: ModelConfig;
  weights: NamedWeights;
  classes: string[];
  /** Region names, the model's input features in order. */
  regions: string[];
  /** The training epoch these weights are from. */
  epoch: number;
}

/** A file as it was checked when the model was read: where it is, its size and SHA-256. */
export interface FileDigest {
  path: string;
  bytes: number;
  sha256: string;
}

/**
 * Which saved model a result was computed from: the SHA-256 of its model.json (which pins the
 * config, the names and the weights' size and SHA-256) and of its weights.
 */
export interface ModelIdentity {
  sha256: string;
  weightsSha256: string;
}

/** A model read back with its files verified: model.json as read, and the weights its manifest records. */
export interface VerifiedModel {
  saved: SavedModel;
  files: { manifest: FileDigest; weights: FileDigest };
  identity: ModelIdentity;
}

interface ModelManifest extends Omit<SavedModel, 'weights'> {
  format: typeof FORMAT;
  version: 1;
  weights: WeightsFileInfo;
}

/**
 * Writes `weights.bin` (little-endian float32) and then `model.json` (config, names, and each
 * tensor's name, shape and offset, plus the file's size and SHA-256), each atomically; a pair
 * left mismatched by a crash between the two writes is caught when reading.
 */
export async function writeModelDir(dir: string, model: SavedModel): Promise<void> {
  const weights = await writeWeightsFile(dir, WEIGHTS_BIN, model.weights);
  const manifest: ModelManifest = { format: FORMAT, version: 1, ...model, weights };
  await writeFileAtomic(path.join(dir, MODEL_JSON), JSON.stringify(manifest, null, 1) + '\n');
}

/** Reads a model saved by writeModelDir, checking every field and the weights' size and checksum. */
export async function readModelDir(dir: string): Promise<SavedModel> {
  return (await readVerifiedModel(dir)).saved;
}

/**
 * As readModelDir, also giving the files as verified and the model's identity. model.json is
 * read once, so its hash is of the very bytes parsed; the weights are checked against its
 * manifest (a truncated or replaced weights.bin is a WeightsFileError naming it).
 */
export async function readVerifiedModel(dir: string): Promise<VerifiedModel> {
  const file = path.join(dir, MODEL_JSON);
  const fail: Fail = (field, value, expected) => {
    throw new TrainingError('MODEL_FILE', file, field, value, expected);
  };
  const bytes = await readFile(file).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? fail('path', file, `an existing ${MODEL_JSON} (a run's best/, final/ or checkpoint folder)`) : Promise.reject(err)));
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    fail('contents', (err as Error).message, 'valid JSON');
  }
  const o = record(parsed, 'contents', fail);
  if (o.format !== FORMAT || o.version !== 1) fail('format/version', `${o.format}/${o.version}`, `${FORMAT}/1`);
  const config = checkModelConfig(o.config, 'config', fail);
  const info = checkWeightsInfo(o.weights, fail);
  const saved: SavedModel = {
    config,
    classes: strings(o, 'classes', fail),
    regions: strings(o, 'regions', fail),
    epoch: num(o, 'epoch', fail, { integer: true, min: 0 }),
    weights: await readWeightsFile(dir, info, fail, MODEL_JSON),
  };
  const manifest = { path: file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  const weights = { path: path.join(dir, info.file), bytes: info.bytes, sha256: info.sha256 };
  return { saved, files: { manifest, weights }, identity: { sha256: manifest.sha256, weightsSha256: weights.sha256 } };
}

/** Rebuilds a saved model: a classifier of its config with its weights, and the model's identity. */
export async function loadClassifier(dir: string, create: (config: ModelConfig, seed: number) => SequenceClassifier): Promise<{ model: SequenceClassifier; saved: SavedModel; identity: ModelIdentity }> {
  const { saved, identity } = await readVerifiedModel(dir);
  const model = create(saved.config, 0);
  try {
    model.setWeights(saved.weights);
  } catch (err) {
    model.dispose();
    throw new TrainingError('MODEL_WEIGHTS', path.join(dir, MODEL_JSON), 'weights', (err as Error).message, `the weights of a ${saved.config.cell} model of this config`);
  }
  return { model, saved, identity };
}
