import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputError } from '../../src/errors.js';
import { checkpointsDir, readLatestCheckpoint, writeCheckpoint, type Checkpoint } from '../../src/jobs/checkpoint.js';
import { DEFAULT_MODEL_CONFIG } from '../../src/model/types.js';
import { mountTmpfs, tmpfsSkipReason } from '../helpers/tmpfs.js';

/** A checkpoint after `epoch` whose weights and moments hold `values` floats each. */
function checkpoint(epoch: number, values: number): Checkpoint {
  const weights = () => ({ w: { shape: [values], values: Float32Array.from({ length: values }, (_, i) => epoch + i / values) } });
  return {
    state: { epoch, stopping: { bestEpoch: epoch, bestScore: 1 / epoch, sinceBest: 0 }, stopped: false, elapsedSeconds: epoch, resumes: 0 },
    model: { config: { ...DEFAULT_MODEL_CONFIG, inputSize: 3, classes: 2 }, classes: ['a', 'b'], regions: ['r1', 'r2', 'r3'], epoch, weights: weights() },
    optimizer: { step: epoch, moments: weights() },
  };
}

const disk = mountTmpfs('256k');
afterAll(() => disk?.unmount());

describe('writeCheckpoint on a full disk', () => {
  it.skipIf(!disk)(`fails with ENOSPC, commits nothing and leaves no partial folder; the previous checkpoint stays current${tmpfsSkipReason(disk)}`, async () => {
    const runDir = path.join(disk!.dir, 'run');
    // What a session killed while writing a checkpoint leaves.
    await mkdir(path.join(checkpointsDir(runDir), 'epoch-0007.partial'), { recursive: true });
    await writeCheckpoint(runDir, checkpoint(1, 100));
    expect((await readdir(checkpointsDir(runDir))).sort()).toEqual(['epoch-0001', 'latest.json']);

    // 2 × 400 KB of weights and moments on a 256 KB disk.
    const error = await writeCheckpoint(runDir, checkpoint(2, 100_000)).then(() => 'resolved', (err) => err);
    expect(error).toBeInstanceOf(OutputError);
    expect(error.message).toBe(`${path.join(checkpointsDir(runDir), 'epoch-0002.partial', 'weights.bin')}: writing = "ENOSPC"; expected free space on that disk or choose another --out`);
    expect((await readdir(checkpointsDir(runDir))).sort()).toEqual(['epoch-0001', 'latest.json']);
    const latest = await readLatestCheckpoint(runDir);
    expect(latest?.state.epoch).toBe(1);
    expect(latest?.model.weights.w.values[99]).toBeCloseTo(1.99, 5);
  });
});
