import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureTrained, type RunPlan } from '../../src/jobs/ensure-trained.js';
import { TrainingCancelled, TrainingError } from '../../src/jobs/errors.js';
import { DEFAULT_TRAIN_OPTIONS } from '../../src/jobs/types.js';
import { selectBackend } from '../../src/model/backend/select.js';
import { DEFAULT_MODEL_CONFIG } from '../../src/model/types.js';
import { Cancelled, isCancelled } from '../../src/util/cancel.js';
import { tempDir } from '../helpers/temp-tree.js';
import { writeToyDataset } from './helpers/toy-dataset.js';

async function setup(): Promise<RunPlan> {
  const root = await tempDir();
  const dataDir = await writeToyDataset(path.join(root, 'data'), { counts: { train: [8, 8], test: [3, 3] } });
  return {
    runDir: path.join(root, 'run'), dataDir,
    model: { ...DEFAULT_MODEL_CONFIG, hidden: 3 },
    training: { ...DEFAULT_TRAIN_OPTIONS, epochs: 2, batchSize: 8, seed: 1 },
  };
}

/** Runs ensureTrained, counting the training batches it ran (0 when it reused a finished run). */
async function ensure(plan: RunPlan, force = false) {
  let batches = 0;
  const summary = await ensureTrained(plan, await selectBackend('cpu'), { onProgress: () => batches++ }, { force });
  return { summary, batches };
}

describe('ensureTrained, cancelled', () => {
  it('stops at the next batch with TrainingCancelled once the signal is aborted; running again resumes and finishes', async () => {
    const base = await setup();
    const plan = { ...base, training: { ...base.training, epochs: 3, batchSize: 4 } };
    const backend = await selectBackend('cpu');
    const controller = new AbortController();
    let batches = 0;
    const onProgress = (done: number) => {
      batches++;
      // 16 samples → 14 training, 2 validation: 4 batches of 4 per epoch; abort in epoch 2.
      if (done === 6) controller.abort();
    };
    const error = await ensureTrained(plan, backend, { onProgress, signal: controller.signal }).catch((err: unknown) => err);
    expect(isCancelled(error)).toBe(true);
    expect((error as TrainingCancelled).lastCheckpointEpoch).toBe(1);
    expect(batches).toBe(6);
    expect(await stat(path.join(plan.runDir, 'summary.json')).catch(() => null)).toBeNull();

    const resumed = await ensure(plan);
    expect(resumed.summary).toMatchObject({ epochs: 3, resumes: 1 });
  }, 60_000);

  it('an already aborted signal stops before anything: a --force does not empty the run folder', async () => {
    const plan = await setup();
    await ensure(plan);
    const error = await ensureTrained(plan, await selectBackend('cpu'), { onProgress: () => {}, signal: AbortSignal.abort() }, { force: true }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Cancelled);
    expect(await stat(path.join(plan.runDir, 'summary.json')).then(() => true)).toBe(true);
  }, 60_000);
});

describe('ensureTrained reuses a stored run only for the settings it was made with', () => {
  it('reuses a finished run of the same settings without training again', async () => {
    const plan = await setup();
    const first = await ensure(plan);
    expect(first.batches).toBeGreaterThan(0);
    const again = await ensure(plan);
    expect(again).toEqual({ summary: first.summary, batches: 0 });
  }, 60_000);

  it('refuses a run of other settings, naming the run folder and each setting that differs', async () => {
    const plan = await setup();
    await ensure(plan);
    const config = await readFile(path.join(plan.runDir, 'config.json'), 'utf8');
    const asked = { ...plan, model: { ...plan.model, attention: 'input-cell' as const }, training: { ...plan.training, epochs: 30 } };
    const e = await ensure(asked).then(() => null, (err) => err);
    expect(e).toBeInstanceOf(TrainingError);
    expect([e.code, e.file, e.field]).toEqual(['RUN_SETTINGS', plan.runDir, 'settings']);
    expect(e.message).toBe(`${plan.runDir}: settings = "model.attention: none → input-cell; training.epochs: 2 → 30"; expected the same settings, or --force to start this run over, or another --out`);
    expect(await readFile(path.join(plan.runDir, 'config.json'), 'utf8')).toBe(config);
  }, 60_000);

  it('with force, removes the whole run folder and trains the asked settings anew', async () => {
    const plan = await setup();
    await ensure(plan);
    const stale = path.join(plan.runDir, 'saliency', 'grad', 'saliency.json');
    await mkdir(path.dirname(stale), { recursive: true });
    await writeFile(stale, '{}');
    const asked = { ...plan, training: { ...plan.training, epochs: 3 } };
    const forced = await ensure(asked, true);
    expect(forced.batches).toBeGreaterThan(0);
    expect(forced.summary).toMatchObject({ maxEpochs: 3, resumes: 0 });
    expect(JSON.parse(await readFile(path.join(plan.runDir, 'config.json'), 'utf8')).training.epochs).toBe(3);
    await expect(stat(stale)).rejects.toThrow(/ENOENT/);
  }, 60_000);
});
