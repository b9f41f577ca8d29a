import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadClassifier, readModelDir, readVerifiedModel, writeModelDir } from '../../src/jobs/model-dir.js';
import { WeightsFileError } from '../../src/jobs/weights-file.js';
import { selectBackend } from '../../src/model/backend/select.js';
import { createClassifier } from '../../src/model/classifier.js';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../src/model/types.js';
import { tempDir } from '../helpers/temp-tree.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

const CONFIG: ModelConfig = { ...DEFAULT_MODEL_CONFIG, cell: 'gru', inputSize: 4, classes: 2, hidden: 3 };

/** A real classifier's weights saved as training saves them; returns the folder and weights.bin's original bytes. */
async function savedModel(): Promise<{ dir: string; weightsFile: string; original: Buffer }> {
  const dir = await tempDir();
  const model = createClassifier(CONFIG, 1);
  await writeModelDir(dir, { config: CONFIG, weights: model.getWeights(), classes: ['a', 'b'], regions: ['R1', 'R2', 'R3', 'R4'], epoch: 3 });
  model.dispose();
  const weightsFile = path.join(dir, 'weights.bin');
  return { dir, weightsFile, original: await readFile(weightsFile) };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function rejection(p: Promise<unknown>): Promise<WeightsFileError> {
  const e = await p.then(() => null, (err) => err);
  expect(e).toBeInstanceOf(WeightsFileError);
  return e;
}

describe('loading a saved model checks its weights against model.json', () => {
  it('refuses a truncated weights.bin, naming the file, the size found and the size recorded', async () => {
    const { dir, weightsFile, original } = await savedModel();
    await writeFile(weightsFile, original.subarray(0, original.length - 8));
    // Each load starts only when awaited: a second promise rejecting unobserved would be an unhandled rejection.
    for (const load of [() => readModelDir(dir), () => loadClassifier(dir, createClassifier)]) {
      const e = await rejection(load());
      expect([e.code, e.file, e.field, e.value]).toEqual(['WEIGHTS_SIZE', weightsFile, 'size', original.length - 8]);
      expect(e.message).toBe(`${weightsFile}: size = ${original.length - 8}; expected ${original.length} bytes, the weights this model.json was saved with (the file was truncated or replaced; retrain or restore it)`);
    }
  });

  it('refuses a weights.bin swapped for other weights of the same size, naming both SHA-256s', async () => {
    const { dir, weightsFile, original } = await savedModel();
    const other = Buffer.from(original);
    other.writeFloatLE(other.readFloatLE(0) + 0.5, 0);
    await writeFile(weightsFile, other);
    // Each load starts only when awaited: a second promise rejecting unobserved would be an unhandled rejection.
    for (const load of [() => readModelDir(dir), () => loadClassifier(dir, createClassifier)]) {
      const e = await rejection(load());
      expect([e.code, e.file, e.field, e.value]).toEqual(['WEIGHTS_SHA256', weightsFile, 'sha256', sha256(other)]);
      expect(e.expected).toBe(`${sha256(original)}, the weights this model.json was saved with (the file was truncated or replaced; retrain or restore it)`);
    }
  });

  it('gives the identity of an intact model: the SHA-256 of model.json and of its weights', async () => {
    const { dir, weightsFile, original } = await savedModel();
    const manifest = await readFile(path.join(dir, 'model.json'));
    const { identity, files } = await readVerifiedModel(dir);
    expect(identity).toEqual({ sha256: sha256(manifest), weightsSha256: sha256(original) });
    expect(files.weights).toEqual({ path: weightsFile, bytes: original.length, sha256: sha256(original) });
    const { model, identity: loaded } = await loadClassifier(dir, createClassifier);
    expect(loaded).toEqual(identity);
    model.dispose();
  });
});
