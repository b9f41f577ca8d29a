import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OperationContext } from '../../src/app/context.js';
import { TrainingCancelled } from '../../src/jobs/errors.js';
import { selectBackend } from '../../src/model/backend/select.js';
import { ensurePaperDataset, paperTraining, reproduceCell, type ReproduceSettings } from '../../src/paper/reproduce.js';
import { Cancelled } from '../../src/util/cancel.js';
import { suiteTempDir } from '../helpers/temp-tree.js';

/** A context that aborts its signal the first time phase `phase` reaches `at` done. */
function abortAt(phase: string, at: number): OperationContext {
  const controller = new AbortController();
  return {
    signal: controller.signal,
    onProgress: (p) => {
      if (p.phase === phase && p.done >= at) controller.abort();
    },
  };
}

// The --quick run's settings on the "earlier" dataset, with saliency passes of 10 samples so that
// the gradient of the 40 test samples takes 4 batches; both tests work on the same folder.
let settings: ReproduceSettings;
let dataDir: string;
const runDir = () => path.join(settings.out, 'earlier', 'lstm');
beforeAll(async () => {
  settings = {
    out: await suiteTempDir(), datasets: ['earlier'], seed: 0, training: paperTraining({ epochs: 2, patience: 2, seed: 0, paperRule: false }),
    sampleLimit: { train: 120, test: 40 }, tsrSamples: 8, batchSize: 10, backend: await selectBackend('cpu'), force: false,
  };
  dataDir = await ensurePaperDataset('earlier', settings, abortAt('never', 0));
}, 60_000);

describe('reproduceCell, cancelled', () => {
  it('stops training at the next batch with TrainingCancelled, writing no saliency', async () => {
    const error = await reproduceCell('earlier', dataDir, 'lstm', settings, abortAt('train', 1)).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TrainingCancelled);
    expect((error as TrainingCancelled).lastCheckpointEpoch).toBe(0);
    expect(await readdir(runDir())).not.toContain('saliency');
  }, 60_000);

  it('stops saliency between batches with Cancelled, after training resumed and finished, writing no saliency result', async () => {
    const error = await reproduceCell('earlier', dataDir, 'lstm', settings, abortAt('saliency', 1)).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Cancelled);
    expect(error).not.toBeInstanceOf(TrainingCancelled);
    expect(await readdir(runDir())).toContain('summary.json');
    await expect(stat(path.join(runDir(), 'saliency'))).rejects.toThrow(/ENOENT/);
  }, 120_000);
});
