import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BackendReport } from '../model/backend/types.js';
import { throwIfCancelled } from '../util/cancel.js';
import { LOCK_FILE, withFolderLock } from '../util/folder-lock.js';
import { diffSettings } from '../util/settings-diff.js';
import { runTraining } from './engine.js';
import { TrainingError } from './errors.js';
import { RUN_FILES, type RunConfig } from './run-dir.js';
import { readRunConfig } from './run-setup.js';
import type { ModelSpec, TrainOptions, TrainSummary } from './types.js';

/** A run's settings: what a new run starts with, and what a stored run must have been made with. */
export interface RunPlan {
  runDir: string;
  dataDir: string;
  model: ModelSpec;
  training: TrainOptions;
}

/**
 * Trains `plan` in this thread, or continues the run already in its folder when it was made
 * with the same settings: a finished run returns its summary at once, an interrupted one
 * resumes from its last checkpoint. A stored run of other settings is refused, naming each
 * that differs; `force` removes the run folder (all of it, saliency results too) and trains
 * anew. Progress goes to `onProgress` as batches done of all planned; aborting `signal` stops
 * at the next batch with TrainingCancelled (a Cancelled), the run resumable from its last checkpoint.
 */
export async function ensureTrained(
  plan: RunPlan, backend: BackendReport,
  hooks: { onProgress(done: number, total: number): void; signal?: AbortSignal },
  options: { force?: boolean } = {},
): Promise<TrainSummary> {
  const runDir = path.resolve(plan.runDir);
  // Cancelled before anything started: a --force must not empty the run folder for nothing.
  throwIfCancelled(hooks.signal);
  if (options.force) await removeRun(runDir);
  const resume = await stat(path.join(runDir, RUN_FILES.config)).then(() => true, () => false);
  if (resume) refuseOtherSettings(runDir, await readRunConfig(runDir), plan);
  let total = 0;
  return runTraining(
    resume ? { runDir, resume: true } : { runDir, dataDir: plan.dataDir, backend: backend.backend, model: plan.model, training: plan.training },
    {
      signal: hooks.signal,
      onEvent: (e) => {
        if (e.kind === 'started') total = e.payload.epochs * e.payload.batchesPerEpoch;
        if (e.kind === 'batch') hooks.onProgress((e.payload.epoch - 1) * e.payload.batches + e.payload.batch, total);
      },
    },
    { selectBackend: async () => backend },
  );
}

/** Empties the run folder under its lock, so a run another process is training is refused, not pulled from under it. */
async function removeRun(runDir: string): Promise<void> {
  await withFolderLock(runDir, 'train --force', async () => {
    const names = await readdir(runDir);
    await Promise.all(names.filter((n) => n !== LOCK_FILE).map((n) => rm(path.join(runDir, n), { recursive: true, force: true })));
  });
}

/** A stored run is reused only for the plan it was made with; the dataset's contents are checked on resume. */
function refuseOtherSettings(runDir: string, stored: RunConfig, plan: RunPlan): void {
  // inputSize and classes come from the dataset, not from the plan.
  const { inputSize: _i, classes: _c, ...model } = stored.model;
  const diffs = diffSettings(
    { dataset: path.resolve(stored.dataset), model, training: stored.training },
    { dataset: path.resolve(plan.dataDir), model: plan.model, training: plan.training },
  );
  if (diffs.length > 0) {
    throw new TrainingError('RUN_SETTINGS', runDir, 'settings', diffs.join('; '), 'the same settings, or --force to start this run over, or another --out');
  }
}
