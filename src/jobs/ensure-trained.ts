import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { BackendReport } from '../model/backend/types.js';
import { runTraining } from './engine.js';
import { RUN_FILES } from './run-dir.js';
import type { ModelSpec, TrainOptions, TrainSummary } from './types.js';

/** A new run's settings, used only when the folder holds no run yet. */
export interface RunPlan {
  runDir: string;
  dataDir: string;
  model: ModelSpec;
  training: TrainOptions;
}

/**
 * Trains `plan` in this thread, or continues the run already in its folder: a finished run
 * returns its summary at once, an interrupted one resumes from its last checkpoint. Progress
 * goes to `onProgress` as batches done of all planned; null when cancelled.
 */
export async function ensureTrained(plan: RunPlan, backend: BackendReport, hooks: { onProgress(done: number, total: number): void; isCancelled(): boolean }): Promise<TrainSummary | null> {
  const { runDir } = plan;
  const resume = await stat(path.join(runDir, RUN_FILES.config)).then(() => true, () => false);
  let total = 0;
  const outcome = await runTraining(
    resume ? { runDir, resume: true } : { runDir, dataDir: plan.dataDir, backend: backend.backend, model: plan.model, training: plan.training },
    {
      isCancelled: hooks.isCancelled,
      onEvent: (e) => {
        if (e.kind === 'started') total = e.payload.epochs * e.payload.batchesPerEpoch;
        if (e.kind === 'batch') hooks.onProgress((e.payload.epoch - 1) * e.payload.batches + e.payload.batch, total);
      },
    },
    { selectBackend: async () => backend },
  );
  return outcome.status === 'completed' ? outcome.summary : null;
}
