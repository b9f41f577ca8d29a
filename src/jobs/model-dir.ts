import path from 'node:path';
import type { ModelConfig, NamedWeights, SequenceClassifier } from '../model/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { num, readManifest, strings, type Fail } from '../util/check.js';
import { TrainingError } from './errors.js';
import { checkModelConfig } from './model-config.js';
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

/** Reads a model saved by writeModelDir, checking every field and the weights' checksum. */
export async function readModelDir(dir: string): Promise<SavedModel> {
  const file = path.join(dir, MODEL_JSON);
  const fail: Fail = (field, value, expected) => {
    throw new TrainingError('MODEL_FILE', file, field, value, expected);
  };
  const o = await readManifest(file, FORMAT, `an existing ${MODEL_JSON} (a run's best/, final/ or checkpoint folder)`, fail);
  const config = checkModelConfig(o.config, 'config', fail);
  const info = checkWeightsInfo(o.weights, fail);
  return {
    config,
    classes: strings(o, 'classes', fail),
    regions: strings(o, 'regions', fail),
    epoch: num(o, 'epoch', fail, { integer: true, min: 0 }),
    weights: await readWeightsFile(dir, info, fail),
  };
}

/** Rebuilds a saved model: a classifier of its config with its weights. */
export async function loadClassifier(dir: string, create: (config: ModelConfig, seed: number) => SequenceClassifier): Promise<{ model: SequenceClassifier; saved: SavedModel }> {
  const saved = await readModelDir(dir);
  const model = create(saved.config, 0);
  try {
    model.setWeights(saved.weights);
  } catch (err) {
    model.dispose();
    throw new TrainingError('MODEL_WEIGHTS', path.join(dir, MODEL_JSON), 'weights', (err as Error).message, `the weights of a ${saved.config.cell} model of this config`);
  }
  return { model, saved };
}
